import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { PartyPage } from './PartyPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };
const party = partyOf({
  id: 5,
  name: 'Josefina Queiroz',
  contacts: [{ name: 'Heitor Queiroz', email: 'heitor@q.com.br', phone: '', whatsapp: '', birthday: null }],
});

function serve(
  anonymise = (confirm: string) => ({
    body: {
      party: { ...party, name: `Anonimizado #5`, version: party.version + 1 },
      followups: 2,
      entries_rewritten: 1,
      emails_rewritten: 0,
      attachments_deleted: 1,
    },
    confirm,
  }),
) {
  return fakeApi({
    ...tables,
    'GET /parties/5': () => ({ body: party, headers: { ETag: `"${party.version}"` } }),
    'GET /followups': { body: { items: [], next_cursor: null, total: 0 } },
    'POST /parties/5/anonymise': (req) => {
      const confirm = (req.body as { confirm: string }).confirm;
      if (confirm !== party.name)
        return problem(422, 'validation', 'Dados inválidos.', [
          { field: 'confirm', code: 'confirmation_mismatch', message: 'O texto digitado não confere com o nome.' },
        ]);
      return anonymise(confirm);
    },
    'POST /parties/5/contacts/1/anonymise': () => ({
      body: {
        party: { ...party, contacts: [{ ...party.contacts[0], name: 'Anonimizado', email: '' }] },
        followups: 2,
        entries_rewritten: 0,
        emails_rewritten: 0,
        attachments_deleted: 0,
      },
    }),
  });
}

describe("a party's personal data (LGPD)", () => {
  it('is offered to admins only', async () => {
    serve();
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf(agent) });
    await screen.findByRole('heading', { name: /Josefina Queiroz/ });
    expect(screen.queryByRole('region', { name: 'Dados pessoais (LGPD)' })).toBeNull();
  });

  it('anonymises only once the name is typed exactly', async () => {
    const server = serve();
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf(admin) });
    await screen.findByRole('region', { name: 'Dados pessoais (LGPD)' });
    const button = screen.getByRole('button', { name: 'Anonimizar definitivamente' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const confirm = screen.getByLabelText(/Digite "Josefina Queiroz" para confirmar/);
    fireEvent.change(confirm, { target: { value: 'Josefina' } });
    expect(button.disabled).toBe(true);
    fireEvent.change(confirm, { target: { value: 'Josefina Queiroz' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await screen.findByText('Anonimizado; 2 follow-ups mantidos sem os dados pessoais.');
    expect(server.find('POST', '/parties/5/anonymise')[0].body).toEqual({ confirm: 'Josefina Queiroz' });
    await screen.findByRole('heading', { name: /Anonimizado #5/ });
  });

  it('anonymises one contact person, confirmed by its name', async () => {
    const server = serve();
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf(admin) });
    await screen.findByRole('region', { name: 'Dados pessoais (LGPD)' });
    fireEvent.change(screen.getByLabelText('Anonimizar'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText(/Digite "Heitor Queiroz" para confirmar/), {
      target: { value: 'Heitor Queiroz' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Anonimizar definitivamente' }));
    await waitFor(() => expect(server.find('POST', '/parties/5/contacts/1/anonymise')).toHaveLength(1));
  });
});
