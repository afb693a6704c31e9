import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Party, User } from '../../shared/api/types';
import { agent, fakeApi, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { PartyPage } from './PartyPage';
import { canEditParty } from './partyForm';

const party = partyOf({
  version: 4,
  birthday: '1975-06-02',
  contacts: [
    { name: 'Sr. Antônio', email: '', phone: '+55 19 99876-1234', whatsapp: '', birthday: '1980-03-12' },
    { name: 'Dona Rita', email: 'rita@padaria.com.br', phone: '', whatsapp: '', birthday: null },
  ],
});

/** As the server stores them: every member of a contact person, birthday null when not given. */
function withStoredContacts(p: Party): Party {
  return { ...p, contacts: p.contacts.map((c) => ({ ...c, birthday: c.birthday ?? null })) };
}

/** The party page of `initial` (ETag of its version) and what PATCH answers. */
function serve(
  initial: Party,
  patch: Parameters<typeof fakeApi>[0][string] = (req) => ({
    body: withStoredContacts({ ...initial, ...(req.body as object), version: initial.version + 1 }),
    headers: { ETag: `"${initial.version + 1}"` },
  }),
) {
  let current = initial;
  const server = fakeApi({
    ...tables,
    'GET /parties/5': () => ({ body: current, headers: { ETag: `"${current.version}"` } }),
    'PATCH /parties/5': patch,
    'GET /followups': { body: { items: [], next_cursor: null, total: 0 } },
  });
  return { server, set: (p: Party) => (current = p) };
}

async function openEditor(me = meOf()) {
  renderWith(<PartyPage id={5} />, { path: '/parties/5', me });
  fireEvent.click(await screen.findByRole('button', { name: 'Editar' }));
  return screen.getByRole('region', { name: 'Editar cadastro' });
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
const input = (el: HTMLElement) => el as HTMLInputElement;

describe('who may edit a party', () => {
  const supervisor: User = { ...agent, id: 8, role: 'supervisor' };
  it.each([
    ['its owner', agent, partyOf({ owner_id: 7, branch_id: 2 }), true],
    ['an agent who does not own it, in its branch', agent, partyOf({ owner_id: 8 }), false],
    ['a supervisor of its branch', supervisor, partyOf({ owner_id: 7, branch_id: 1 }), true],
    ['a supervisor of another branch', supervisor, partyOf({ owner_id: 7, branch_id: 2 }), false],
    [
      'a supervisor without a branch, of a party without one',
      { ...supervisor, branch_id: null },
      partyOf({ owner_id: 7, branch_id: null }),
      false,
    ],
    [
      'an admin',
      { ...agent, id: 1, role: 'admin' as const, branch_id: null },
      partyOf({ owner_id: 7, branch_id: 2 }),
      true,
    ],
  ])('%s: %s', (_, user, p, allowed) => {
    expect(canEditParty(user, p)).toBe(allowed);
  });

  it('hides "Editar" from an agent who does not own the party, and shows it to its owner', async () => {
    serve(partyOf({ owner_id: 8 }));
    const { unmount } = renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf() });
    await screen.findByRole('heading', { name: 'Dados' });
    expect(screen.queryByRole('button', { name: 'Editar' })).toBeNull();
    unmount();
    serve(partyOf({ owner_id: 7 }));
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf() });
    expect(await screen.findByRole('button', { name: 'Editar' })).toBeTruthy();
  });
});

describe('editing a party', () => {
  it('opens the form with every field filled in, contact persons included', async () => {
    serve(party);
    const form = await openEditor();
    expect(input(within(form).getByLabelText(/^Código/)).value).toBe('C-90001');
    expect(input(within(form).getByLabelText('Tipo')).value).toBe('customer');
    expect(input(within(form).getByLabelText(/^Nome/)).value).toBe('Padaria Boa Vista');
    expect(input(within(form).getAllByLabelText('E-mail contato')[0]).value).toBe('compras@padaria.com.br');
    expect(input(within(form).getAllByLabelText('Telefone contato')[0]).value).toBe('+55 19 3232-4545');
    expect(input(within(form).getAllByLabelText('Aniversário')[0]).value).toBe('1975-06-02');
    expect(input(within(form).getByLabelText('Filial')).value).toBe('1');
    expect(input(within(form).getByLabelText('Responsável')).value).toBe('7');
    const rows = form.querySelectorAll<HTMLElement>('.contact-row');
    expect(rows).toHaveLength(2);
    expect(input(within(rows[0]).getByLabelText(/Contato/)).value).toBe('Sr. Antônio');
    expect(input(within(rows[0]).getByLabelText('Aniversário')).value).toBe('1980-03-12');
    expect(input(within(rows[1]).getByLabelText(/Contato/)).value).toBe('Dona Rita');
    expect(input(within(rows[1]).getByLabelText('E-mail contato')).value).toBe('rita@padaria.com.br');
    expect(input(within(rows[1]).getByLabelText('Aniversário')).value).toBe('');
  });

  it('sends only the changed fields with If-Match, then shows the new data and lists the follow-ups again', async () => {
    const { server } = serve(party);
    const form = await openEditor();
    fireEvent.change(within(form).getAllByLabelText('Telefone contato')[0], {
      target: { value: ' +55 19 3232-9999 ' },
    });
    const followupLoads = server.find('GET', '/followups').length;
    save();
    await screen.findByText('Cadastro salvo.');
    const patch = server.find('PATCH', '/parties/5');
    expect(patch).toHaveLength(1);
    expect(patch[0].headers['if-match']).toBe('"4"');
    expect(patch[0].body).toEqual({ phone: '+55 19 3232-9999' });
    expect(screen.queryByRole('region', { name: 'Editar cadastro' })).toBeNull();
    expect(screen.getByRole('link', { name: '+55 19 3232-9999' })).toBeTruthy();
    await waitFor(() => expect(server.find('GET', '/followups').length).toBe(followupLoads + 1));
  });

  it('a second save sends the ETag of the first one', async () => {
    const { server } = serve(party);
    let form = await openEditor();
    fireEvent.change(within(form).getByLabelText(/^Nome/), { target: { value: 'Padaria Nova' } });
    save();
    await screen.findByText('Cadastro salvo.');
    fireEvent.click(screen.getByRole('button', { name: 'Editar' }));
    form = screen.getByRole('region', { name: 'Editar cadastro' });
    fireEvent.change(within(form).getByLabelText('Tipo'), { target: { value: 'prospect' } });
    save();
    await waitFor(() => expect(server.find('PATCH', '/parties/5')).toHaveLength(2));
    const second = server.find('PATCH', '/parties/5')[1];
    expect(second.headers['if-match']).toBe('"5"');
    expect(second.body).toEqual({ kind: 'prospect' });
  });

  it('sends birthday: null when the birthday is cleared', async () => {
    const { server } = serve(party);
    const form = await openEditor();
    fireEvent.change(within(form).getAllByLabelText('Aniversário')[0], { target: { value: '' } });
    save();
    await screen.findByText('Cadastro salvo.');
    expect(server.find('PATCH', '/parties/5')[0].body).toEqual({ birthday: null });
  });

  it('sends the whole list of contact persons when one is changed, removed or added', async () => {
    const { server } = serve(party);
    const form = await openEditor();
    let rows = form.querySelectorAll<HTMLElement>('.contact-row');
    fireEvent.change(within(rows[0]).getByLabelText('Aniversário'), { target: { value: '1980-04-20' } });
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Remover' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Incluir contato' }));
    rows = form.querySelectorAll<HTMLElement>('.contact-row');
    expect(rows).toHaveLength(2);
    fireEvent.change(within(rows[1]).getByLabelText(/Contato/), { target: { value: 'Seu Zé' } });
    fireEvent.change(within(rows[1]).getByLabelText('WhatsApp'), { target: { value: '+55 19 98888-7777' } });
    save();
    await screen.findByText('Cadastro salvo.');
    expect(server.find('PATCH', '/parties/5')[0].body).toEqual({
      contacts: [
        { name: 'Sr. Antônio', email: '', phone: '+55 19 99876-1234', whatsapp: '', birthday: '1980-04-20' },
        { name: 'Seu Zé', email: '', phone: '', whatsapp: '+55 19 98888-7777' },
      ],
    });
    const list = screen.getByRole('heading', { name: 'Contatos' }).closest('section')!;
    expect(list.textContent).toContain('Aniversário: 20/04/1980');
    expect(list.textContent).toContain('Seu Zé');
    expect(list.textContent).not.toContain('Dona Rita');
  });

  it('asks for the name of a new contact person before sending', async () => {
    const { server } = serve(party);
    const form = await openEditor();
    fireEvent.click(within(form).getByRole('button', { name: 'Incluir contato' }));
    save();
    const row = form.querySelectorAll<HTMLElement>('.contact-row')[2];
    await waitFor(() =>
      expect(
        within(row)
          .getByLabelText(/Contato/)
          .getAttribute('aria-invalid'),
      ).toBe('true'),
    );
    expect(server.find('PATCH', '/parties/5')).toHaveLength(0);
  });

  it('says someone else changed it (412) and reloads the form with their data on request', async () => {
    const { server, set } = serve(party, problem(412, 'version', 'Versão desatualizada.'));
    const form = await openEditor();
    fireEvent.change(within(form).getByLabelText(/^Nome/), { target: { value: 'Minha padaria' } });
    set({ ...party, name: 'Padaria da Carla', version: 5 });
    save();
    const warning = await screen.findByText(/Outra pessoa alterou este cadastro/);
    expect(warning.closest('[role="alert"]')).toBeTruthy();
    expect(screen.queryByText('Cadastro salvo.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Recarregar' }));
    await screen.findByText('Cadastro recarregado com as alterações mais recentes.');
    const fresh = screen.getByRole('region', { name: 'Editar cadastro' });
    expect(input(within(fresh).getByLabelText(/^Nome/)).value).toBe('Padaria da Carla');
    expect(screen.queryByText(/Outra pessoa alterou/)).toBeNull();
    fireEvent.change(within(fresh).getByLabelText(/^Nome/), { target: { value: 'Minha padaria' } });
    save();
    await waitFor(() => expect(server.find('PATCH', '/parties/5')).toHaveLength(2));
    expect(server.find('PATCH', '/parties/5')[1].headers['if-match']).toBe('"5"');
  });

  it("shows the server's field error next to its field", async () => {
    serve(
      party,
      problem(422, 'validation', 'Dados inválidos', [
        { field: 'contacts[1].email', code: 'invalid_email', message: 'E-mail inválido.' },
      ]),
    );
    const form = await openEditor();
    const row = form.querySelectorAll<HTMLElement>('.contact-row')[1];
    const email = within(row).getByLabelText('E-mail contato');
    fireEvent.change(email, { target: { value: 'rita@' } });
    save();
    const message = await within(row).findByText('E-mail inválido.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(message.id);
    expect(screen.getByRole('region', { name: 'Editar cadastro' })).toBeTruthy();
  });

  it("shows the server's message when the user may not edit it (403)", async () => {
    serve(party, problem(403, 'forbidden_party', 'Você não pode alterar este cadastro.'));
    const form = await openEditor();
    fireEvent.change(within(form).getByLabelText(/^Nome/), { target: { value: 'Outra' } });
    save();
    expect(
      await screen.findByText('Só o responsável, um supervisor da filial ou um administrador altera este cadastro.'),
    ).toBeTruthy();
  });
});
