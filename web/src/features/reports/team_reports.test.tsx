import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { teamByWeek, type AutomaticReport, type TeamFigures, type TeamReport } from './api';
import { ReportsPage } from './ReportsPage';
import { percent } from './TeamReports';

// Chart.js draws on a canvas the test DOM does not have; the tables say the same.
vi.mock('./Charts', () => ({
  BarChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
  LineChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
}));

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

const fig = (
  due: number,
  on_time: number,
  done_late: number,
  still_late: number,
  median: number | null,
): TeamFigures => ({
  due,
  on_time,
  done_late,
  still_late,
  pending: due - on_time - done_late - still_late,
  completion_rate: due ? (on_time + done_late) / due : null,
  median_days_late: median,
});

const team: TeamReport = {
  today: '2026-11-23',
  from: '2026-11-16',
  to: '2026-11-23',
  previous_from: '2026-11-08',
  previous_to: '2026-11-15',
  rows: [
    {
      agent_id: 7,
      agent_name: 'João Lima',
      branch_id: 1,
      branch_name: 'Campinas',
      current: fig(4, 2, 1, 1, 2.5),
      previous: fig(2, 2, 0, 0, null),
    },
    {
      agent_id: 9,
      agent_name: 'Rita Alves',
      branch_id: 1,
      branch_name: 'Campinas',
      current: fig(0, 0, 0, 0, null),
      previous: fig(1, 0, 1, 0, 3),
    },
  ],
  per_branch: [{ branch_id: 1, branch_name: 'Campinas', current: fig(4, 2, 1, 1, 2.5), previous: fig(3, 2, 1, 0, 3) }],
  totals: { current: fig(4, 2, 1, 1, 2.5), previous: fig(3, 2, 1, 0, 3) },
  per_day: [
    { day: '2026-11-16', due: 1, on_time: 1, late: 0 },
    { day: '2026-11-20', due: 2, on_time: 1, late: 1 },
    { day: '2026-11-23', due: 1, on_time: 0, late: 1 },
  ],
};

const automatic: AutomaticReport = {
  from: '2026-11-01',
  to: '2026-11-23',
  rows: [
    {
      kind: 'after_sale',
      item_id: 4,
      item_name: 'Filtro de água',
      item_kind: 'product',
      created: 10,
      done: 4,
      converted: 1,
    },
    { kind: 'birthday', item_id: null, item_name: '', item_kind: '', created: 2, done: 0, converted: 0 },
  ],
  per_kind: [
    { kind: 'after_sale', created: 10, done: 4, converted: 1 },
    { kind: 'after_service', created: 0, done: 0, converted: 0 },
    { kind: 'birthday', created: 2, done: 0, converted: 0 },
  ],
  totals: { created: 12, done: 4, converted: 1 },
};

const cells = (row: HTMLElement | null | undefined) => Array.from(row?.children ?? []).map((c) => c.textContent);

describe('Team and automatic reports', () => {
  it('team: completion against the previous period, rows by agent, branches, total and weeks', async () => {
    const server = fakeApi({ ...tables, 'GET /reports/team': { body: team } });
    renderWith(<ReportsPage />, { path: '/reports?tab=team', me: meOf(supervisor) });
    expect(await screen.findByText(/75% dos retornos previstos foram feitos \(100% antes\)/)).toBeTruthy();
    const agents = screen.getByRole('table', { name: 'Retornos por responsável' });
    expect(cells(within(agents).getByText('João Lima').closest('tr'))).toEqual([
      'João Lima',
      'Campinas',
      '4',
      '2',
      '1',
      '1',
      '75%',
      '2,5',
      '100%',
      '—',
    ]);
    expect(cells(within(agents).getByText('Rita Alves').closest('tr'))).toEqual([
      'Rita Alves',
      'Campinas',
      '0',
      '0',
      '0',
      '0',
      '—',
      '—',
      '100%',
      '3',
    ]);
    const branches = screen.getByRole('table', { name: 'Retornos por filial' });
    expect(cells(within(branches).getByText('Total').closest('tr'))).toEqual([
      'Total',
      '4',
      '2',
      '1',
      '1',
      '75%',
      '2,5',
      '100%',
      '3',
    ]);
    const weeks = screen.getByRole('table', { name: 'Retornos previstos por semana' });
    expect(
      within(weeks)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Semana dePrevistosNo prazoAtrasados', '16/11/2026321', '23/11/2026101']);
    expect(await screen.findByRole('img', { name: 'Retornos por responsável' })).toBeTruthy();
    await waitFor(() => expect(server.calls.some((c) => c.path === '/reports/team')).toBe(true));
  });

  it('automatic: per kind and per product or service, with conversion and totals', async () => {
    fakeApi({ ...tables, 'GET /reports/automatic': { body: automatic } });
    renderWith(<ReportsPage />, { path: '/reports?tab=automatic', me: meOf(supervisor) });
    expect(await screen.findByText(/12 criados, 4 feitos, 1 convertidos/)).toBeTruthy();
    const kinds = screen.getByRole('table', { name: 'Follow ups automáticos por tipo' });
    expect(
      within(kinds)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['TipoCriadosFeitosConvertidos', 'Pós-venda1041', 'Pós-serviço000', 'Aniversário200']);
    const rows = screen.getByRole('table', { name: 'Por produto ou serviço' });
    expect(cells(within(rows).getByText('Filtro de água').closest('tr'))).toEqual([
      'Pós-venda',
      'Filtro de água',
      '10',
      '4',
      '1',
      '25%',
    ]);
    expect(cells(within(rows).getByText('Aniversário').closest('tr'))).toEqual([
      'Aniversário',
      '—',
      '2',
      '0',
      '0',
      '—',
    ]);
    expect(await screen.findByRole('img', { name: 'Follow ups automáticos por tipo' })).toBeTruthy();
  });

  it('weeks of the team report begin on Monday; rates as percentages', () => {
    expect(teamByWeek(team.per_day)).toEqual([
      { week: '2026-11-16', due: 3, on_time: 2, late: 1 },
      { week: '2026-11-23', due: 1, on_time: 0, late: 1 },
    ]);
    expect(percent(1 / 3, 'en')).toBe('33.3%');
    expect(percent(null, 'en')).toBe('—');
  });
});
