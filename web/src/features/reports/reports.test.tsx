import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { byWeek, weekOf, type ActionsReport, type UnattendedReport } from './api';
import { ReportsPage } from './ReportsPage';

// Chart.js draws on a canvas the test DOM does not have; the tables say the same.
vi.mock('./Charts', () => ({
  BarChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
  LineChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
}));

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

const unattended: UnattendedReport = {
  today: '2026-11-23',
  items: [
    {
      followup_id: 1043,
      subject: 'Manutenção preventiva do balcão',
      party_id: 3,
      party_name: 'Padaria Pão Quente',
      owner_id: 7,
      owner_name: 'João Lima',
      branch_id: 1,
      branch_name: 'Campinas',
      category: 'pos_venda',
      priority: 'medium',
      due_date: '2026-11-18',
      days_late: 5,
      bucket: '4-7',
    },
  ],
  next_cursor: null,
  total: 1,
  per_bucket: [
    { bucket: '1-3', count: 0 },
    { bucket: '4-7', count: 1 },
    { bucket: '8-30', count: 0 },
    { bucket: '31+', count: 0 },
  ],
  per_owner: [{ id: 7, name: 'João Lima', count: 1 }],
  per_branch: [{ id: 1, name: 'Campinas', count: 1 }],
};

const actions: ActionsReport = {
  from: '2026-11-16',
  to: '2026-11-23',
  items: [
    {
      kind: 'return',
      id: 90,
      at: '2026-11-17T23:30:00-03:00',
      followup_id: 1043,
      subject: 'Manutenção preventiva do balcão',
      party_name: 'Padaria Pão Quente',
      user_id: 7,
      user_name: 'João Lima',
      branch_id: 1,
      branch_name: 'Campinas',
      category: 'pos_venda',
      contact_type: 'phone',
      resolution: 'phone',
      entry_kind: '',
      result: 'Cliente aprovou o orçamento',
    },
  ],
  next_cursor: null,
  totals: { returns: 1, entries: 2 },
  per_user: [{ user_id: 7, name: 'João Lima', returns: 1, entries: 2 }],
  per_day: [
    { day: '2026-11-16', returns: 0, entries: 1 },
    { day: '2026-11-17', returns: 1, entries: 0 },
    { day: '2026-11-22', returns: 0, entries: 0 },
    { day: '2026-11-23', returns: 0, entries: 1 },
  ],
};

describe('Reports', () => {
  it('unattended: buckets, agents, branches and rows that open the follow-up', async () => {
    fakeApi({ ...tables, 'GET /reports/unattended': { body: unattended } });
    renderWith(<ReportsPage />, { path: '/reports', me: meOf(supervisor) });
    expect(await screen.findByText('1 follow up atrasado')).toBeTruthy();
    const buckets = screen.getByRole('table', { name: 'Por dias de atraso' });
    expect(within(buckets).getByText('4 a 7 dias').closest('tr')?.textContent).toContain('1');
    expect(await screen.findByRole('img', { name: 'Atrasados por responsável' })).toBeTruthy();
    const byAgent = screen.getByRole('table', { name: 'Atrasados por responsável' });
    expect(within(byAgent).getByText('João Lima')).toBeTruthy();
    const rows = screen.getByRole('table', { name: 'Follow ups atrasados' });
    const link = within(rows).getByRole('link', { name: 'Manutenção preventiva do balcão' });
    expect(link.getAttribute('href')).toBe('/followups/1043');
    expect(within(rows).getByText('5 dias')).toBeTruthy();
    expect(within(rows).getByText('18/11/2026')).toBeTruthy();
  });

  it('filters go to the server; a supervisor is offered their branch only', async () => {
    const server = fakeApi({
      ...tables,
      'GET /branches': {
        body: {
          items: [
            { id: 1, name: 'Campinas', time_zone: '', position: 1, active: true },
            { id: 2, name: 'Sorocaba', time_zone: '', position: 2, active: true },
          ],
        },
      },
      'GET /reports/unattended': { body: unattended },
    });
    renderWith(<ReportsPage />, { path: '/reports', me: meOf(supervisor) });
    await screen.findByText('1 follow up atrasado');
    const branch = screen.getByLabelText('Filial') as HTMLSelectElement;
    await waitFor(() => expect(within(branch).getByText('Campinas')).toBeTruthy());
    expect(within(branch).queryByText('Sorocaba')).toBeNull();
    fireEvent.change(branch, { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('De'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Aplicar' }));
    await waitFor(() => {
      const last = server.calls.filter((c) => c.path === '/reports/unattended').pop();
      expect(last?.query.get('branch_id')).toBe('1');
      expect(last?.query.get('from')).toBe('2026-11-01');
    });
  });

  it('an agent gets no branch or agent filter', async () => {
    fakeApi({ ...tables, 'GET /reports/unattended': { body: unattended } });
    renderWith(<ReportsPage />, { path: '/reports', me: meOf(agent) });
    await screen.findByText('1 follow up atrasado');
    expect(screen.queryByLabelText('Filial')).toBeNull();
  });

  it('CRM actions: totals, per user and per week with their tables', async () => {
    fakeApi({ ...tables, 'GET /reports/actions': { body: actions } });
    renderWith(<ReportsPage />, { path: '/reports?tab=actions', me: meOf(supervisor) });
    expect(await screen.findByText(/1 retornos feitos, 2 observações/)).toBeTruthy();
    const users = screen.getByRole('table', { name: 'Ações por usuário' });
    expect(within(users).getByText('João Lima').closest('tr')?.textContent).toBe('João Lima12');
    const weeks = screen.getByRole('table', { name: 'Ações por semana' });
    expect(
      within(weeks)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Semana deRetornosObservações', '16/11/202611', '23/11/202601']);
    expect(await screen.findByRole('img', { name: 'Ações por semana' })).toBeTruthy();
    const rows = screen.getByRole('table', { name: 'Ações do período' });
    expect(within(rows).getByText('Cliente aprovou o orçamento')).toBeTruthy();
  });

  it('weeks begin on Monday', () => {
    expect(weekOf('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(byWeek(actions.per_day).map((w) => [w.week, w.returns, w.entries])).toEqual([
      ['2026-11-16', 1, 1],
      ['2026-11-23', 0, 1],
    ]);
  });
});
