import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { resolve } from '../../app/routes';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import type { ReportSchedule, UnattendedReport } from './api';
import { ReportsPage } from './ReportsPage';
import { scheduleFilters } from './ScheduleDialog';
import { listFiltersOf } from './Unattended';

vi.mock('./Charts', () => ({
  BarChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
  LineChart: ({ title }: { title: string }) => <div role="img" aria-label={title} />,
}));

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

function report(total = 3): UnattendedReport {
  return {
    today: '2026-11-23',
    items: [1, 2, 3].map((id) => ({
      followup_id: id,
      subject: `Assunto ${id}`,
      party_id: 3,
      party_name: 'Padaria Pão Quente',
      owner_id: 7,
      owner_name: 'João Lima',
      branch_id: 1,
      branch_name: 'Campinas',
      category: 'pos_venda',
      priority: 'medium' as const,
      due_date: '2026-11-18',
      days_late: 5,
      bucket: '4-7' as const,
    })),
    next_cursor: null,
    total,
    per_bucket: [
      { bucket: '1-3', count: 0 },
      { bucket: '4-7', count: total },
      { bucket: '8-30', count: 0 },
      { bucket: '31+', count: 0 },
    ],
    per_owner: [{ id: 7, name: 'João Lima', count: total }],
    per_branch: [{ id: 1, name: 'Campinas', count: total }],
  };
}

const applied = (n: number) => ({
  body: { applied: n, accepted: n, selected: n, capped: false, max_items: 5000, dry_run: false, refused: [] },
});

function renderReports(path = '/reports') {
  // As the app composes it, with the bulk bar.
  renderWith(resolve('/reports').element as ReactElement, { path, me: meOf(supervisor) });
}

const schedule: ReportSchedule = {
  id: 4,
  user_id: 8,
  report: 'actions',
  filters: { branch_id: '1' },
  format: 'pdf',
  frequency: 'weekly',
  recipients: 'team',
  paused: false,
  next_run_at: '2026-11-30T07:00:00-03:00',
  last_period_start: null,
  version: 1,
  created_at: '2026-11-23T10:00:00-03:00',
};

describe('acting from the unattended report', () => {
  it('reassigns picked rows with a reason, then reads the report again', async () => {
    const server = fakeApi({
      ...tables,
      'GET /reports/unattended': { body: report() },
      'POST /followups/bulk': applied(2),
    });
    renderReports();
    await screen.findByText('3 follow ups atrasados');
    fireEvent.click(screen.getByRole('checkbox', { name: /follow-up 1:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /follow-up 3:/ }));
    expect(screen.getByText('2 follow-ups selecionados')).toBeTruthy();
    // Picking a row does not open it: the page is still the report.
    expect(window.location.pathname).toBe('/reports');
    fireEvent.click(screen.getByRole('button', { name: 'Transferir' }));
    const dialog = await screen.findByRole('dialog');
    // The agents arrive after the dialog opens: a value set before its option exists is lost.
    await within(dialog).findByRole('option', { name: 'João Lima' });
    fireEvent.change(within(dialog).getByLabelText(/Novo responsável/), { target: { value: '7' } });
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'Férias' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transferir' }));
    await screen.findByText('2 follow-ups alterados.');
    expect(server.find('POST', '/followups/bulk')[0].body).toEqual({
      action: 'reassign',
      reason: 'Férias',
      ids: [1, 3],
      to_user_id: 7,
    });
    const before = server.find('GET', '/reports/unattended').length;
    fireEvent.click(within(screen.getByRole('dialog')).getAllByRole('button', { name: 'Fechar' }).at(-1)!);
    await waitFor(() => expect(server.find('GET', '/reports/unattended').length).toBe(before + 1));
    await waitFor(() => expect(screen.queryByText(/selecionados?$/)).toBeNull());
  });

  it('"all N matching" sends the list filter of the same follow-ups', async () => {
    const server = fakeApi({
      ...tables,
      'GET /reports/unattended': { body: report(120) },
      'POST /followups/bulk': applied(120),
    });
    renderReports();
    await screen.findByText('120 follow ups atrasados');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Selecionar os follow-ups mostrados' }));
    expect(screen.getByText('3 follow-ups selecionados')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Selecionar todos os 120 do filtro' }));
    fireEvent.click(screen.getByRole('button', { name: 'Concluir' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'Campanha encerrada' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Concluir' }));
    await screen.findByText('120 follow-ups alterados.');
    expect(server.find('POST', '/followups/bulk')[0].body).toEqual({
      action: 'close',
      reason: 'Campanha encerrada',
      filter: { status: 'open', state: 'overdue' },
    });
  });

  it('the report filters become the list filters', () => {
    expect(listFiltersOf({ user_id: '7', branch_id: '1', from: '2026-11-01' })).toEqual({
      status: 'open',
      state: 'overdue',
      owner_id: 7,
      branch_id: 1,
      from: '2026-11-01',
    });
  });
});

describe('reports by e-mail', () => {
  it('creates a schedule with the filters on screen, less the period', async () => {
    const server = fakeApi({
      ...tables,
      'GET /reports/actions': {
        body: {
          from: '2026-10-25',
          to: '2026-11-23',
          items: [],
          next_cursor: null,
          totals: { returns: 0, entries: 0 },
          per_user: [],
          per_day: [],
        },
      },
      'POST /report-schedules': { status: 201, body: schedule },
    });
    renderWith(<ReportsPage />, { path: '/reports?tab=actions', me: meOf(supervisor), locale: 'es' });
    await screen.findByText(/0 actividades realizadas/);
    fireEvent.change(screen.getByLabelText('Sucursal'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Desde'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Aplicar' }));
    fireEvent.click(screen.getByRole('button', { name: 'Enviar por correo' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Para'), { target: { value: 'team' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Programar envío' }));
    await screen.findByText('Envío programado.');
    expect(server.find('POST', '/report-schedules')[0].body).toEqual({
      report: 'actions',
      filters: { branch_id: '1' },
      format: 'pdf',
      frequency: 'weekly',
      recipients: 'team',
    });
  });

  it("shows the server's refusal next to its field, in the user's language", async () => {
    fakeApi({
      ...tables,
      'GET /reports/unattended': { body: report() },
      'POST /report-schedules': problem(422, 'validation', 'Datos inválidos.', [
        { field: 'recipients', code: 'team_needs_supervisor', message: '' },
      ]),
    });
    renderWith(<ReportsPage />, { path: '/reports', me: meOf(supervisor), locale: 'es' });
    await screen.findByText('3 seguimientos atrasados');
    fireEvent.click(screen.getByRole('button', { name: 'Enviar por correo' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Cuándo'), { target: { value: 'monthly' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Programar envío' }));
    const field = within(dialog).getByLabelText('Para');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText(/Solo supervisores y administradores/)).toBeTruthy();
  });

  it('"Meus envios" lists, pauses and deletes', async () => {
    const server = fakeApi({
      ...tables,
      'GET /report-schedules': { body: { items: [schedule] } },
      'PATCH /report-schedules/4': { body: { ...schedule, paused: true, next_run_at: null, version: 2 } },
      'DELETE /report-schedules/4': { status: 204 },
    });
    renderWith(<ReportsPage />, { path: '/reports?tab=schedules', me: meOf(supervisor) });
    const table = await screen.findByRole('table', { name: 'Meus envios' });
    expect(within(table).getByText('Ações de CRM')).toBeTruthy();
    expect(within(table).getByText('branch_id=1')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Pausar o envio de Ações de CRM' }));
    await waitFor(() => expect(server.find('PATCH', '/report-schedules/4')[0]?.body).toEqual({ paused: true }));
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(within(table).getByRole('button', { name: 'Excluir o envio de Ações de CRM' }));
    await waitFor(() => expect(server.find('DELETE', '/report-schedules/4')).toHaveLength(1));
  });

  it('without the export right a report is neither exported nor sent by e-mail', async () => {
    fakeApi({
      ...tables,
      'GET /reports/actions': {
        body: {
          from: '2026-10-25',
          to: '2026-11-23',
          items: [],
          next_cursor: null,
          totals: { returns: 0, entries: 0 },
          per_user: [],
          per_day: [],
        },
      },
    });
    const me = meOf(supervisor);
    renderWith(<ReportsPage />, {
      path: '/reports?tab=actions',
      me: { ...me, rights: me.rights.filter((r) => r !== 'export') },
    });
    await screen.findByText(/0 retornos feitos/);
    expect(screen.queryByRole('button', { name: 'Enviar por e-mail' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Imprimir' })).toBeTruthy();
  });

  it('a period report sends its filters without the period; the unattended keeps its due dates', () => {
    expect(scheduleFilters('team', { user_id: '7', from: '2026-11-01', to: '2026-11-07' })).toEqual({ owner_id: '7' });
    expect(scheduleFilters('unattended', { from: '2026-11-01' })).toEqual({ from: '2026-11-01' });
  });
});
