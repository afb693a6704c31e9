import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../shared/api/types';
import { agent, fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { scopesFor } from '../../entities/user/scopes';
import { AGENDA_PAGE, AgendaPage } from './AgendaPage';

function item(
  over: Partial<AgendaItem> = {},
  state: AgendaItem['followup']['state'] = 'today',
  daysLate = 0,
): AgendaItem {
  const f = followupOf();
  return {
    ...f.actions[0],
    ...over,
    followup: {
      id: f.id,
      subject: f.subject,
      party: f.party,
      state,
      days_late: daysLate,
      priority: f.priority,
      category: f.category,
      owner_id: f.owner_id,
      contact: f.contact,
      origin: f.origin,
      document_id: f.document_id,
      document: f.document,
    },
  };
}

describe('My returns', () => {
  it('lists overdue, today and upcoming returns with contact links', async () => {
    const server = fakeApi({
      ...tables,
      'GET /agenda': (req) => {
        const when = req.query.get('when');
        if (when === 'overdue')
          return { body: { items: [item({ id: 1, due_date: '2026-11-20', due_time: null }, 'overdue', 3)] } };
        if (when === 'today') return { body: { items: [item({ id: 2 })] } };
        return { body: { items: [] } };
      },
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    const overdue = await screen.findByRole('region', { name: /Atrasados/ });
    expect(within(overdue).getByText('Atrasado')).toBeTruthy();
    expect(within(overdue).getByText(/3 dias de atraso/)).toBeTruthy();
    const today = screen.getByRole('region', { name: /Hoje/ });
    expect(within(today).getByText('23/11/2026')).toBeTruthy();
    expect(within(today).getByText('14:00')).toBeTruthy();
    const wa = within(today).getByRole('link', { name: 'WhatsApp +55 19 99876-1234' });
    expect(wa.getAttribute('href')).toBe('https://wa.me/5519998761234');
    const tel = within(today).getByRole('link', { name: 'Ligar para +55 19 3232-4545' });
    expect(tel.getAttribute('href')).toBe('tel:+551932324545');
    expect(within(today).getByRole('link', { name: 'Manutenção preventiva do balcão' }).getAttribute('href')).toBe(
      '/followups/1043',
    );
    expect(screen.getByText('Nenhum retorno nos próximos 60 dias.')).toBeTruthy();
    expect(server.calls.filter((c) => c.path === '/agenda').every((c) => c.query.get('scope') === 'mine')).toBe(true);
  });

  it('marks returns of automatic follow-ups with their origin, manual ones with none', async () => {
    const birthday = item({ id: 3 });
    birthday.followup = { ...birthday.followup, id: 77, subject: 'Aniversário: Dona Zilda', origin: 'birthday' };
    fakeApi({
      ...tables,
      'GET /agenda': (req) => ({
        body: { items: req.query.get('when') === 'today' ? [item({ id: 2 }), birthday] : [] },
      }),
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    const birthdayRow = (await screen.findByRole('link', { name: 'Aniversário: Dona Zilda' })).closest('tr')!;
    expect(birthdayRow.querySelector('.origin-birthday')?.textContent).toBe('Aniversário');
    const manualRow = screen.getByRole('link', { name: 'Manutenção preventiva do balcão' }).closest('tr')!;
    expect(manualRow.querySelector('.origin')).toBeNull();
  });

  it('completes a return with its result and chains the next one [004]', async () => {
    let done = false;
    const server = fakeApi({
      ...tables,
      'GET /agenda': (req) => ({
        body: { items: req.query.get('when') === 'today' && !done ? [item({ id: 2 })] : [] },
      }),
      'POST /actions/2/complete': () => {
        done = true;
        return { body: followupOf() };
      },
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Concluir o retorno de Manutenção preventiva do balcão' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Concluir retorno' });
    fireEvent.change(within(dialog).getByLabelText(/Parecer/), { target: { value: 'Pediu visita técnica.' } });
    fireEvent.change(within(dialog).getByLabelText(/Resolvido por/), { target: { value: 'whatsapp' } });
    fireEvent.change(within(dialog).getByLabelText(/Data e hora do resultado/), {
      target: { value: '2026-11-23T09:40' },
    });
    fireEvent.change(within(dialog).getByLabelText(/Tp. contato/), { target: { value: 'visit' } });
    fireEvent.change(within(dialog).getByLabelText(/Data de retorno/), { target: { value: '2026-11-30' } });
    fireEvent.change(within(dialog).getByLabelText(/^Hora/), { target: { value: '09:30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Retorno concluído.');
    expect(server.find('POST', '/actions/2/complete')[0].body).toEqual({
      result: 'Pediu visita técnica.',
      resolution: 'whatsapp',
      result_at: '2026-11-23T09:40:00-03:00',
      next_action: { type: 'visit', due_date: '2026-11-30', due_time: '09:30' },
    });
    await waitFor(() => expect(screen.getByText('Nenhum retorno para hoje.')).toBeTruthy());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('completes without a next return and closes the follow-up when asked', async () => {
    const server = fakeApi({
      ...tables,
      'GET /agenda': (req) => ({ body: { items: req.query.get('when') === 'today' ? [item({ id: 2 })] : [] } }),
      'POST /actions/2/complete': { body: followupOf() },
      'POST /followups/1043/close': { body: followupOf({ status: 'closed', state: 'closed' }) },
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    fireEvent.click(await screen.findByRole('button', { name: /Concluir o retorno/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Parecer/), { target: { value: 'Venda fechada.' } });
    fireEvent.click(within(dialog).getByLabelText('Agendar o próximo retorno'));
    fireEvent.click(within(dialog).getByLabelText('Baixar (encerrar) também o follow-up'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('POST', '/followups/1043/close')).toHaveLength(1));
    const body = server.find('POST', '/actions/2/complete')[0].body as Record<string, unknown>;
    expect(body.next_action).toBeUndefined();
    expect(server.find('POST', '/followups/1043/close')[0].body).toEqual({ result: 'Venda fechada.' });
  });

  it('reschedules a return', async () => {
    const server = fakeApi({
      ...tables,
      'GET /agenda': (req) => ({ body: { items: req.query.get('when') === 'today' ? [item({ id: 2 })] : [] } }),
      'POST /actions/2/reschedule': { body: followupOf() },
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    fireEvent.click(await screen.findByRole('button', { name: /Reagendar o retorno/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Reagendar retorno' });
    fireEvent.change(within(dialog).getByLabelText(/Data de retorno/), { target: { value: '2026-12-02' } });
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'Cliente viajando' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Retorno reagendado.');
    expect(server.find('POST', '/actions/2/reschedule')[0].body).toEqual({
      due_date: '2026-12-02',
      due_time: '14:00',
      reason: 'Cliente viajando',
    });
  });

  it('offers the branch and everyone to those allowed', async () => {
    expect(scopesFor('agent')).toEqual(['mine']);
    expect(scopesFor('supervisor')).toEqual(['mine', 'branch']);
    expect(scopesFor('admin')).toEqual(['mine', 'branch', 'all']);
    const server = fakeApi({ ...tables, 'GET /agenda': { body: { items: [] } } });
    renderWith(<AgendaPage />, { path: '/agenda?scope=branch', me: meOf({ ...agent, role: 'supervisor' }) });
    await screen.findByText('Nenhum retorno para hoje.');
    expect(server.find('GET', '/agenda').every((c) => c.query.get('scope') === 'branch')).toBe(true);
    expect((screen.getByLabelText('Mostrar') as HTMLSelectElement).value).toBe('branch');
  });
});

describe('My returns lands on today and stays short', () => {
  it("shows today's returns first and the overdue ones next, as their own section", async () => {
    fakeApi({
      ...tables,
      'GET /agenda': (req) => {
        const when = req.query.get('when');
        if (when === 'overdue') return { body: { items: [item({ id: 1, due_date: '2026-11-20' }, 'overdue', 3)] } };
        if (when === 'today') return { body: { items: [item({ id: 2 })] } };
        return { body: { items: [item({ id: 3, due_date: '2026-11-30' }, 'open')] } };
      },
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    await screen.findByRole('region', { name: /Atrasados/ });
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['Hoje 1', 'Atrasados 1', 'Próximos 1']);
  });

  it('shows a page of rows per section with the true count, and more on request', async () => {
    const many = Array.from({ length: 60 }, (_, i) => item({ id: 100 + i }));
    fakeApi({
      ...tables,
      'GET /agenda': (req) => ({ body: { items: req.query.get('when') === 'today' ? many : [] } }),
    });
    renderWith(<AgendaPage />, { path: '/agenda', me: meOf() });
    const today = await screen.findByRole('region', { name: /Hoje/ });
    await waitFor(() => expect(within(today).getAllByRole('row')).toHaveLength(AGENDA_PAGE + 1));
    expect(within(today).getByRole('heading').textContent).toBe('Hoje 60');
    expect(within(today).getByText(`60 retornos, mostrando ${AGENDA_PAGE}`)).toBeTruthy();
    fireEvent.click(within(today).getByRole('button', { name: `Mostrar mais ${AGENDA_PAGE}` }));
    expect(within(today).getAllByRole('row')).toHaveLength(2 * AGENDA_PAGE + 1);
    fireEvent.click(within(today).getByRole('button', { name: 'Mostrar mais 10' }));
    expect(within(today).getAllByRole('row')).toHaveLength(61);
    expect(within(today).getByText('60 retornos, mostrando 60')).toBeTruthy();
    expect(within(today).queryByRole('button', { name: /Mostrar mais/ })).toBeNull();
  });

  it('says when the server has more than it sent', async () => {
    const capped = Array.from({ length: 500 }, (_, i) => item({ id: 1000 + i }));
    fakeApi({
      ...tables,
      'GET /agenda': (req) => ({ body: { items: req.query.get('when') === 'upcoming' ? capped : [] } }),
    });
    renderWith(<AgendaPage />, { path: '/agenda?scope=branch', me: meOf({ ...agent, role: 'supervisor' }) });
    const upcoming = await screen.findByRole('region', { name: /Próximos/ });
    await waitFor(() => expect(within(upcoming).getAllByRole('row')).toHaveLength(AGENDA_PAGE + 1));
    expect(within(upcoming).getByRole('heading').textContent).toBe('Próximos 500+');
    expect(within(upcoming).getByText(/^500 retornos ou mais, mostrando 25/)).toBeTruthy();
    // A branch agenda of 500 returns renders a few hundred elements, not thousands.
    expect(document.querySelectorAll('*').length).toBeLessThan(2000);
  });
});
