// The internal date of a follow-up (ADR 0041): the list's column, legend entry and
// filter, and the follow-up page's field that sets, moves and clears it.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, followupOf, meOf, summaryOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { diffPatch, FollowupDetailPage } from './FollowupDetailPage';
import { filtersFromSearch, FollowupListPage, searchFromFilters } from './FollowupListPage';

afterEach(() => {
  vi.useRealTimers();
});

describe('the internal date on the follow-up list', () => {
  it('has its column, its own legend entry and due/passed marks in the viewer today', async () => {
    // 22:30 in New York on 1 November 2026 is 00:30 of the 2nd in São Paulo, the user's zone.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-02T03:30:00Z'));
    fakeApi({
      ...tables,
      'GET /followups': {
        body: {
          total: 3,
          next_cursor: null,
          items: [
            summaryOf({ id: 1, subject: 'Aprovação da diretoria', internal_date: '2026-11-01' }),
            summaryOf({ id: 2, subject: 'Laudo técnico', internal_date: '2026-11-02' }),
            summaryOf({ id: 3, subject: 'Sem data', internal_date: null }),
          ],
        },
      },
    });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    await screen.findByText('Aprovação da diretoria');
    const legend = screen.getByRole('list', { name: 'Legenda' });
    const entry = within(legend).getByText('Contatos com data interna');
    expect(entry.closest('li')!.className).toBe('internal-date');
    expect(screen.getByRole('columnheader', { name: /Data interna/ })).toBeTruthy();
    const row = (subject: string) => screen.getByText(subject).closest('tr')!;
    expect(
      within(row('Aprovação da diretoria')).getByText('01/11/2026').closest('.internal-date')!.className,
    ).toContain('overdue');
    expect(within(row('Aprovação da diretoria')).getByText('Data interna vencida')).toBeTruthy();
    expect(within(row('Laudo técnico')).getByText('02/11/2026').closest('.internal-date')!.className).toContain('due');
    expect(within(row('Laudo técnico')).getByText('Data interna hoje')).toBeTruthy();
    expect(row('Sem data').querySelector('.internal-date')).toBeNull();
  });

  it('a closed follow-up whose internal date passed is not marked as passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-02T15:00:00Z'));
    fakeApi({
      ...tables,
      'GET /followups': {
        body: {
          total: 1,
          next_cursor: null,
          items: [
            summaryOf({
              id: 9,
              subject: 'Proposta aprovada',
              status: 'closed',
              state: 'closed',
              internal_date: '2026-10-30',
            }),
          ],
        },
      },
    });
    renderWith(<FollowupListPage />, { path: '/followups?status=closed', me: meOf() });
    await screen.findByText('Proposta aprovada');
    const cell = screen.getByText('30/10/2026').closest('.internal-date')!;
    expect(cell.className).not.toContain('overdue');
    expect(cell.querySelector('.small')).toBeNull();
  });

  it('filters by it through the address and the server', async () => {
    expect(filtersFromSearch('?internal=due')).toEqual({ status: 'open', sort: 'due', internal: 'due' });
    expect(filtersFromSearch('?internal=late')).toEqual({ status: 'open', sort: 'due' });
    expect(searchFromFilters({ status: 'all', internal: 'overdue' })).toBe('?status=all&internal=overdue');
    const server = fakeApi({
      ...tables,
      'GET /followups': { body: { total: 0, next_cursor: null, items: [] } },
    });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    await waitFor(() => expect(server.find('GET', '/followups')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Data interna'), { target: { value: 'overdue' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() => expect(server.find('GET', '/followups').at(-1)!.query.get('internal')).toBe('overdue'));
    expect(window.location.search).toContain('internal=overdue');
  });
});

describe('the internal date on the follow-up page', () => {
  it('is set, moved and cleared (null) with If-Match', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf({ internal_date: '2026-11-12' }), headers: { ETag: '"3"' } },
      'PATCH /followups/1043': (req) => ({
        body: followupOf({ ...(req.body as object), version: 4 }),
        headers: { ETag: '"4"' },
      }),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    await screen.findByText(/data interna 12\/11\/2026/);
    const field = document.getElementById('fd-internal-date') as HTMLInputElement;
    expect(field.value).toBe('2026-11-12');
    fireEvent.change(field, { target: { value: '2026-11-14' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(server.find('PATCH', '/followups/1043')).toHaveLength(1));
    expect(server.find('PATCH', '/followups/1043')[0].body).toEqual({ internal_date: '2026-11-14' });
    expect(server.find('PATCH', '/followups/1043')[0].headers['if-match']).toBe('"3"');
    await screen.findByText('Follow-up salvo.');
    fireEvent.change(document.getElementById('fd-internal-date')!, { target: { value: '' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(server.find('PATCH', '/followups/1043')).toHaveLength(2));
    expect(server.find('PATCH', '/followups/1043')[1].body).toEqual({ internal_date: null });
  });

  it('diffPatch sends it only when it changed', () => {
    const f = followupOf({ internal_date: null });
    const same = {
      subject: f.subject,
      owner_id: f.owner_id,
      category: f.category,
      priority: f.priority,
      contact: { ...f.contact },
      cc: '',
    };
    expect(diffPatch(f, { ...same, internal_date: '' })).toEqual({});
    expect(diffPatch(f, same)).toEqual({});
    expect(diffPatch(f, { ...same, internal_date: '2026-12-01' })).toEqual({ internal_date: '2026-12-01' });
    const g = followupOf({ internal_date: '2026-12-01' });
    expect(diffPatch(g, { ...same, internal_date: '' })).toEqual({ internal_date: null });
  });
});
