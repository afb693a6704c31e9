import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, meOf, summaryOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { filtersFromSearch, FollowupListPage, searchFromFilters } from './FollowupListPage';

function page(ids: number[], next: string | null, total: number | null = null) {
  return {
    body: {
      total,
      items: ids.map((id) => summaryOf({ id, subject: `Assunto ${id}` })),
      next_cursor: next,
    },
  };
}

describe('follow-up list', () => {
  it('offers the export menu only to a user with the export right (ADR 0040)', async () => {
    fakeApi({ ...tables, 'GET /followups': page([1], null) });
    const view = renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    await screen.findByText('Assunto 1');
    expect(screen.getByRole('button', { name: 'Exportar' })).toBeTruthy();
    view.unmount();
    fakeApi({ ...tables, 'GET /followups': page([1], null) });
    renderWith(<FollowupListPage />, { path: '/followups', me: { ...meOf(), rights: ['bulk_change'] } });
    await screen.findByText('Assunto 1');
    expect(screen.queryByRole('button', { name: 'Exportar' })).toBeNull();
  });

  it('reads and writes its filters in the address', () => {
    expect(filtersFromSearch('')).toEqual({ status: 'open', sort: 'due' });
    const f = filtersFromSearch(
      '?status=all&state=overdue&owner_id=7&priority=high&q=balc%C3%A3o&from=2026-11-01&sort=newest&bogus=1&party_id=x',
    );
    expect(f).toEqual({
      status: 'all',
      state: 'overdue',
      owner_id: 7,
      priority: 'high',
      q: 'balcão',
      from: '2026-11-01',
      sort: 'newest',
    });
    expect(filtersFromSearch(searchFromFilters(f))).toEqual(f);
    expect(searchFromFilters({ status: 'open', sort: 'due' })).toBe('?status=open');
  });

  it('asks the server with the filters, pages with the cursor and sorts by the server', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups': (req) => (req.query.get('cursor') === 'c2' ? page([3], null) : page([1, 2], 'c2')),
    });
    renderWith(<FollowupListPage />, { path: '/followups?state=overdue', me: meOf() });
    await screen.findByText('Assunto 1');
    const first = server.find('GET', '/followups')[0].query;
    expect(first.get('status')).toBe('open');
    expect(first.get('state')).toBe('overdue');
    expect(first.get('sort')).toBe('due');
    expect(first.get('limit')).toBe('50');
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    await screen.findByText('Assunto 3');
    expect(server.find('GET', '/followups')[1].query.get('cursor')).toBe('c2');
    expect(screen.getByText('3 follow-ups')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /^Nº/ }));
    await waitFor(() => expect(window.location.search).toContain('sort=newest'));
    await waitFor(() => expect(server.find('GET', '/followups').at(-1)!.query.get('sort')).toBe('newest'));
  });

  it('shows the real total of the list, not the size of the page', async () => {
    fakeApi({
      ...tables,
      'GET /followups': (req) => (req.query.get('cursor') === 'c2' ? page([3], null) : page([1, 2], 'c2', 84)),
    });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    await screen.findByText('Assunto 1');
    expect(screen.getByText('84 follow-ups, mostrando 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    await screen.findByText('Assunto 3');
    // The total stays the first page's count while more pages load.
    expect(screen.getByText('84 follow-ups, mostrando 3')).toBeTruthy();
  });

  it('offers a supervisor only the people and branch they may see', async () => {
    const supervisor = {
      ...meOf().user,
      id: 8,
      login: 'carla',
      name: 'Carla Souza',
      role: 'supervisor' as const,
      branch_id: 1,
    };
    fakeApi({
      ...tables,
      'GET /users': {
        body: {
          items: [
            supervisor,
            { ...supervisor, id: 9, name: 'Davi Campinas', role: 'agent' },
            { ...supervisor, id: 10, name: 'Eva Santos', role: 'agent', branch_id: 2 },
          ],
        },
      },
      'GET /branches': {
        body: {
          items: [
            { id: 1, name: 'Campinas', time_zone: '', position: 1, active: true },
            { id: 2, name: 'Santos', time_zone: '', position: 2, active: true },
          ],
        },
      },
      'GET /followups': page([], null, 0),
    });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf(supervisor) });
    await screen.findByText('Nenhum follow-up com estes filtros.');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Davi Campinas' })).toBeTruthy());
    const owners = [...(screen.getByLabelText('Responsável') as HTMLSelectElement).options].map((o) => o.text);
    expect(owners).toContain('Carla Souza');
    expect(owners).not.toContain('Eva Santos');
    const branches = [...(screen.getByLabelText('Filial') as HTMLSelectElement).options].map((o) => o.text);
    expect(branches).toContain('Campinas');
    expect(branches).not.toContain('Santos');
  });

  it('applies the filter form', async () => {
    const server = fakeApi({ ...tables, 'GET /followups': page([], null) });
    renderWith(<FollowupListPage />, { path: '/followups', me: meOf() });
    await screen.findByText('Nenhum follow-up com estes filtros.');
    fireEvent.change(screen.getByLabelText('Follow ups'), { target: { value: 'closed' } });
    fireEvent.change(screen.getByLabelText('Texto'), { target: { value: 'compressor' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() => expect(server.find('GET', '/followups').length).toBe(2));
    const q = server.find('GET', '/followups')[1].query;
    expect(q.get('status')).toBe('closed');
    expect(q.get('q')).toBe('compressor');
    expect(window.location.search).toBe('?status=closed&q=compressor');
  });
});
