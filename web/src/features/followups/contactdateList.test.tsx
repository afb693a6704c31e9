// The contact date of follow-ups (manual 001) in the list: a column, and a filter by
// days of the user's zone kept in the address.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, meOf, summaryOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { filtersFromSearch, FollowupListPage, searchFromFilters } from './FollowupListPage';

describe('the contact date in the follow-up list', () => {
  it('is a column and a filter kept in the address', async () => {
    const f = filtersFromSearch('?contact_from=2026-11-01&contact_to=2026-11-19');
    expect(f).toEqual({ status: 'open', sort: 'due', contact_from: '2026-11-01', contact_to: '2026-11-19' });
    expect(searchFromFilters(f)).toBe('?status=open&contact_from=2026-11-01&contact_to=2026-11-19');
    const row = summaryOf({ contact_at: '2026-11-19T23:30:00-03:00' });
    const server = fakeApi({ ...tables, 'GET /followups': { body: { items: [row], next_cursor: null, total: 1 } } });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    const cell = await screen.findByText('19/11/2026');
    expect(cell.closest('td')?.getAttribute('data-label')).toBe('Data do contato');
    fireEvent.change(screen.getByLabelText('Contato de'), { target: { value: '2026-11-19' } });
    fireEvent.change(screen.getByLabelText('Contato até'), { target: { value: '2026-11-19' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() => expect(server.find('GET', '/followups').length).toBeGreaterThan(1));
    const q = server.find('GET', '/followups').at(-1)!.query;
    expect(q.get('contact_from')).toBe('2026-11-19');
    expect(q.get('contact_to')).toBe('2026-11-19');
    expect(window.location.search).toContain('contact_from=2026-11-19');
  });
});
