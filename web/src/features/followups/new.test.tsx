import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, followupOf, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupNewPage, partyContacts } from './FollowupNewPage';

const party = partyOf({ whatsapp: '+55 19 99876-1234' });

describe('new follow-up (manual 000)', () => {
  it('starts from the party of the page, fills the contact and shows the repeat preview', async () => {
    fakeApi({ ...tables, 'GET /parties/5': { body: party } });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5', me: meOf() });
    const picker = (await screen.findByRole('combobox', { name: /Cliente \/ Fornecedor/ })) as HTMLInputElement;
    await waitFor(() => expect(picker.value).toBe('C-90001 — Padaria Boa Vista'));
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    expect((screen.getByLabelText(/E-mail contato/) as HTMLInputElement).value).toBe('compras@padaria.com.br');
    fireEvent.change(screen.getByLabelText(/Data de retorno/), { target: { value: '2027-01-31' } });
    fireEvent.change(screen.getByLabelText(/Repetir por/), { target: { value: '4' } });
    const preview = screen.getByText('Próximos 4 retornos').parentElement!;
    expect([...preview.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '31/01/2027',
      '28/02/2027',
      '31/03/2027',
      '30/04/2027',
    ]);
  });

  it('sends every field and opens the new follow-up', async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'POST /followups': { status: 201, body: followupOf({ id: 77 }) },
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5', me: meOf() });
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Orçamento do balcão' } });
    fireEvent.change(screen.getByLabelText(/Categoria/), { target: { value: 'em_analise' } });
    fireEvent.change(screen.getByLabelText(/Prioridade/), { target: { value: 'high' } });
    fireEvent.change(screen.getByLabelText(/Cópia/), { target: { value: 'gerente@x.com; dono@y.com' } });
    fireEvent.change(screen.getByLabelText(/Data de contato/), { target: { value: '2026-11-20T09:30' } });
    fireEvent.change(screen.getByLabelText(/Tp. contato/), { target: { value: 'whatsapp' } });
    fireEvent.change(screen.getByLabelText(/Data de retorno/), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText(/^Hora/), { target: { value: '14:00' } });
    fireEvent.change(screen.getByLabelText(/Repetir por/), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Follow Up (descrição do contato)', { selector: 'textarea' }), {
      target: { value: 'Pediu orçamento.' },
    });
    fireEvent.click(screen.getByRole('tab', { name: /Comentário interno/ }));
    fireEvent.change(screen.getByLabelText('Comentário interno', { selector: 'textarea' }), {
      target: { value: 'Cliente bom pagador.' },
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/followups/77'));
    expect(server.find('POST', '/followups')[0].body).toEqual({
      party_id: 5,
      subject: 'Orçamento do balcão',
      owner_id: 7,
      category: 'em_analise',
      priority: 'high',
      contact: {
        name: 'Sr. Antônio',
        email: 'compras@padaria.com.br',
        phone: '+55 19 99876-1234',
        whatsapp: '+55 19 99876-1234',
      },
      cc: ['gerente@x.com', 'dono@y.com'],
      contact_at: '2026-11-20T09:30:00-03:00',
      notes: { followup: 'Pediu orçamento.', complaint: '', internal: 'Cliente bom pagador.' },
      next_action: { type: 'whatsapp', due_date: '2026-12-01', due_time: '14:00', repeat_months: 3 },
    });
  });

  it("puts the server's errors next to their fields", async () => {
    fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'POST /followups': problem(422, 'validation', 'A data de retorno não pode estar no passado.', [
        { field: 'next_action.due_date', code: 'in_past', message: 'A data de retorno não pode estar no passado.' },
        { field: 'cc[1]', code: 'invalid_email', message: 'E-mail inválido.' },
      ]),
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5', me: meOf() });
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText(/Cópia/), { target: { value: 'a@b.com, nada' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    const due = screen.getByLabelText(/Data de retorno/);
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(due.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toBe(
      'A data de retorno não pode estar no passado.',
    );
    const cc = screen.getByLabelText(/Cópia/);
    expect(cc.getAttribute('aria-invalid')).toBe('true');
    expect(window.location.pathname).toBe('/followups/new');
  });

  it('requires a party, a subject and a return date before calling the server', async () => {
    const server = fakeApi({ ...tables });
    renderWith(<FollowupNewPage />, { path: '/followups/new', me: meOf() });
    fireEvent.change(await screen.findByLabelText(/Data de retorno/), { target: { value: '' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    expect(await screen.findByText('Confira os campos destacados.')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: /Cliente/ }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/Assunto/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/Data de retorno/).getAttribute('aria-invalid')).toBe('true');
    expect(server.find('POST', '/followups')).toHaveLength(0);
  });

  it('offers the party and its contact persons as contacts', () => {
    expect(partyContacts(party)).toEqual([
      {
        name: 'Sr. Antônio',
        email: 'compras@padaria.com.br',
        phone: '+55 19 99876-1234',
        whatsapp: '+55 19 99876-1234',
      },
    ]);
    expect(partyContacts({ ...party, contacts: [] })).toEqual([
      { name: '', email: party.email, phone: party.phone, whatsapp: party.whatsapp },
    ]);
  });
});

describe('remind at (the reminder instant of a return)', () => {
  it("is sent as an instant in the user's time zone, and the server's error goes next to it", async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'POST /followups': problem(422, 'validation', 'Dados inválidos.', [
        { field: 'next_action.remind_at', code: 'in_past', message: 'O lembrete não pode estar no passado.' },
      ]),
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5', me: meOf() });
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Orçamento' } });
    fireEvent.change(screen.getByLabelText(/Tp. contato/), { target: { value: 'phone' } });
    fireEvent.change(screen.getByLabelText(/Data de retorno/), { target: { value: '2026-12-01' } });
    const remind = screen.getByLabelText(/Lembrar em/) as HTMLInputElement;
    expect(remind.type).toBe('datetime-local');
    fireEvent.change(remind, { target: { value: '2026-12-01T08:30' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(remind.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(remind.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toBe(
      'A data de retorno não pode estar no passado.',
    );
    const body = server.find('POST', '/followups')[0].body as { next_action: Record<string, unknown> };
    expect(body.next_action.remind_at).toBe('2026-12-01T08:30:00-03:00');
  });

  it('is left out when blank', async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'POST /followups': { status: 201, body: followupOf({ id: 78 }) },
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5', me: meOf() });
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Orçamento' } });
    fireEvent.change(screen.getByLabelText(/Tp. contato/), { target: { value: 'phone' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/followups/78'));
    expect('remind_at' in (server.find('POST', '/followups')[0].body as { next_action: object }).next_action).toBe(
      false,
    );
  });
});
