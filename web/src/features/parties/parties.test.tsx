import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { PartyNewPage } from './PartyNewPage';
import { PartyPage } from './PartyPage';

const party = partyOf({
  birthday: '1975-06-02',
  contacts: [
    { name: 'Sr. Antônio', email: '', phone: '+55 19 99876-1234', whatsapp: '', birthday: '1980-03-12' },
    { name: 'Dona Rita', email: 'rita@padaria.com.br', phone: '', whatsapp: '', birthday: null },
  ],
});

describe('birthdays of contact persons', () => {
  it('sends the birthday of each contact, and none when it is blank', async () => {
    const server = fakeApi({ ...tables, 'POST /parties': { status: 201, body: { ...party, id: 6 } } });
    renderWith(<PartyNewPage />, { path: '/parties/new', me: meOf() });
    fireEvent.change(screen.getByLabelText(/^Código/), { target: { value: 'C-90001' } });
    fireEvent.change(screen.getByLabelText(/^Nome/), { target: { value: 'Padaria Boa Vista' } });
    fireEvent.click(screen.getByRole('button', { name: 'Incluir contato' }));
    fireEvent.click(screen.getByRole('button', { name: 'Incluir contato' }));
    const rows = document.querySelectorAll<HTMLElement>('.contact-row');
    expect(rows).toHaveLength(2);
    fireEvent.change(within(rows[0]).getByLabelText(/Contato/), { target: { value: 'Sr. Antônio' } });
    fireEvent.change(within(rows[0]).getByLabelText('Aniversário'), { target: { value: '1980-03-12' } });
    fireEvent.change(within(rows[1]).getByLabelText(/Contato/), { target: { value: 'Dona Rita' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(window.location.pathname).toBe('/parties/6'));
    expect((server.find('POST', '/parties')[0].body as { contacts: unknown[] }).contacts).toEqual([
      { name: 'Sr. Antônio', email: '', phone: '', whatsapp: '', birthday: '1980-03-12' },
      { name: 'Dona Rita', email: '', phone: '', whatsapp: '' },
    ]);
  });

  it("shows the server's refusal of a birthday next to it", async () => {
    fakeApi({
      ...tables,
      'POST /parties': problem(422, 'validation', 'Dados inválidos', [
        { field: 'contacts[0].birthday', code: 'invalid_date', message: 'Data inválida.' },
      ]),
    });
    renderWith(<PartyNewPage />, { path: '/parties/new', me: meOf() });
    fireEvent.change(screen.getByLabelText(/^Código/), { target: { value: 'C-1' } });
    fireEvent.change(screen.getByLabelText(/^Nome/), { target: { value: 'X' } });
    fireEvent.click(screen.getByRole('button', { name: 'Incluir contato' }));
    const row = document.querySelector<HTMLElement>('.contact-row')!;
    fireEvent.change(within(row).getByLabelText(/Contato/), { target: { value: 'Y' } });
    fireEvent.change(within(row).getByLabelText('Aniversário'), { target: { value: '2030-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    const field = await within(row).findByText('Data inválida (use AAAA-MM-DD).');
    expect(field.id).toBe(within(row).getByLabelText('Aniversário').getAttribute('aria-describedby'));
  });

  it("shows each contact's birthday on the party page and links its documents", async () => {
    fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'GET /followups': { body: { items: [], next_cursor: null, total: 0 } },
    });
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf() });
    const list = await screen.findByRole('heading', { name: 'Contatos' });
    const contacts = list.closest('section')!.querySelectorAll('li');
    expect(contacts[0].textContent).toContain('Aniversário: 12/03/1980');
    expect(contacts[1].textContent).not.toContain('Aniversário');
    expect(screen.getByRole('link', { name: 'Documentos' }).getAttribute('href')).toBe('/documents?party_id=5');
  });
});
