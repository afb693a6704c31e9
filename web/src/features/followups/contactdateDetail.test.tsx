// The contact date of a follow-up (manual 001): shown on its page and corrected there
// (sent only when changed, with If-Match).
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { diffPatch, FollowupDetailPage } from './FollowupDetailPage';

describe('the contact date on the follow-up page', () => {
  it("is shown, and a correction is sent as an instant of the user's zone with If-Match", async () => {
    const f = followupOf({ contact_at: '2026-11-19T16:40:00-03:00' });
    const server = fakeApi({
      ...tables,
      'GET /followups/1043': { body: f, headers: { ETag: '"3"' } },
      'PATCH /followups/1043': (req) => ({
        body: followupOf({ ...(req.body as object), version: 4 }),
        headers: { ETag: '"4"' },
      }),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    await screen.findByText(/contato em/);
    // The page's own field (the composer has one for its note too).
    const field = document.getElementById('fd-contact-at') as HTMLInputElement;
    expect(field.labels?.[0].textContent).toContain('Data de contato');
    expect(field.value).toBe('2026-11-19T16:40');
    expect(screen.getByText(/contato em 19\/11\/2026, 16:40/)).toBeTruthy();
    // Another field changed: the contact date is not sent.
    fireEvent.change(screen.getByLabelText(/Prioridade/), { target: { value: 'low' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await screen.findByText('Follow-up salvo.');
    expect(server.find('PATCH', '/followups/1043')[0].body).toEqual({ priority: 'low' });
    fireEvent.change(document.getElementById('fd-contact-at')!, { target: { value: '2026-11-18T09:15' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(server.find('PATCH', '/followups/1043')).toHaveLength(2));
    const second = server.find('PATCH', '/followups/1043')[1];
    expect(second.headers['if-match']).toBe('"4"');
    expect(second.body).toEqual({ contact_at: '2026-11-18T09:15:00-03:00' });
  });

  it("diffPatch compares the wall time in the user's zone", () => {
    const f = followupOf({ contact_at: '2026-11-20T01:30:00-03:00' });
    const same = {
      subject: f.subject,
      owner_id: f.owner_id,
      category: f.category,
      priority: f.priority,
      contact: { ...f.contact },
      cc: '',
    };
    expect(diffPatch(f, { ...same, contact_at: '2026-11-19T22:30' }, 'America/Mexico_City')).toEqual({});
    expect(diffPatch(f, { ...same, contact_at: '2026-11-19T21:30' }, 'America/Mexico_City')).toEqual({
      contact_at: '2026-11-19T21:30:00-06:00',
    });
  });
});
