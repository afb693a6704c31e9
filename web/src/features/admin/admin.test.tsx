import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AdminPage } from './AdminPage';
import { userBody } from './UsersAdmin';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

describe('administration', () => {
  it('is for admins only', () => {
    fakeApi({ ...tables });
    renderWith(<AdminPage section="users" />, { me: meOf() });
    expect(screen.getByRole('alert').textContent).toContain('Somente administradores');
  });

  it('edits the alert settings of a user, 10 to 60 minutes [001]', async () => {
    const server = fakeApi({
      ...tables,
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
    });
    renderWith(<AdminPage section="users" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Alterar João Lima' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Repetir aviso/), { target: { value: '5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByText('Informe um número de 10 a 60, ou deixe em branco.')).toBeTruthy();
    expect(server.find('PATCH', '/users/7')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Repetir aviso/), { target: { value: '15' } });
    fireEvent.click(within(dialog).getByLabelText('Avisar retornos ao entrar'));
    fireEvent.change(within(dialog).getByLabelText('Idioma'), { target: { value: 'en' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Usuário João Lima salvo.');
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({
      locale: 'en',
      alert_on_login: false,
      alert_every_minutes: 15,
    });
  });

  it('takes access away from a user after asking, and links their open follow-ups for reassignment', async () => {
    let active = true;
    const server = fakeApi({
      ...tables,
      'GET /users': () => ({ body: { items: [admin, { ...agent, active }] } }),
      'PATCH /users/7': (req) => {
        active = (req.body as { active: boolean }).active;
        return { body: { ...agent, active } };
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderWith(<AdminPage section="users" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Alterar João Lima' }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Desativar acesso' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(server.find('PATCH', '/users/7')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Desativar acesso' }));
    await waitFor(() => expect(server.find('PATCH', '/users/7')).toHaveLength(1));
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({ active: false });
    const link = (await screen.findByRole('link', {
      name: 'Ver os follow-ups abertos de João Lima para reatribuir',
    })) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/followups?status=open&owner_id=7');
    // An admin is never offered to switch themselves off.
    fireEvent.click(screen.getByRole('button', { name: 'Alterar Ana Admin' }));
    dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: 'Desativar acesso' })).toBeNull();
    confirm.mockRestore();
  });

  it('chooses how a user gets reminders by e-mail', async () => {
    const server = fakeApi({
      ...tables,
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
    });
    renderWith(<AdminPage section="users" />, { me: meOf(admin) });
    const row = (await screen.findByRole('button', { name: 'Alterar João Lima' })).closest('tr')!;
    expect(within(row).getByText('Um por retorno')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Alterar João Lima' }));
    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByLabelText('Lembretes por e-mail') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Não enviar', 'Um por retorno', 'Resumo da manhã']);
    fireEvent.change(select, { target: { value: 'digest' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Usuário João Lima salvo.');
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({ email_reminders: 'digest' });
  });

  it('creates a user and shows a taken login next to the field', async () => {
    fakeApi({
      ...tables,
      'POST /users': problem(409, 'validation', 'Login já cadastrado.', [
        { field: 'login', code: 'taken', message: 'Login já cadastrado.' },
      ]),
    });
    renderWith(<AdminPage section="users" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Incluir' }));
    const dialog = await screen.findByRole('dialog', { name: 'Novo usuário' });
    fireEvent.change(within(dialog).getByLabelText(/^Login/), { target: { value: 'joao' } });
    fireEvent.change(within(dialog).getByLabelText(/^Nome/), { target: { value: 'João' } });
    fireEvent.change(within(dialog).getByLabelText(/^Senha/), { target: { value: 'segredo-123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    const login = within(dialog).getByLabelText(/^Login/);
    await waitFor(() => expect(login.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(login.getAttribute('aria-describedby')!)!.textContent).toBe('Já está em uso.');
  });

  it('switches the general return alert of the organization', async () => {
    const server = fakeApi({
      ...tables,
      'GET /settings': {
        body: {
          company_name: 'Refrigeração Campinas',
          time_zone: 'America/Sao_Paulo',
          return_alerts_enabled: true,
          currency: 'BRL',
        },
      },
      'PUT /settings': (req) => ({ body: req.body }),
      'GET /me': { body: meOf(admin) },
    });
    renderWith(<AdminPage section="settings" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByLabelText('Ativar aviso automático de retorno (alarme)'));
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PUT', '/settings')[0].body).toEqual({
      company_name: 'Refrigeração Campinas',
      time_zone: 'America/Sao_Paulo',
      return_alerts_enabled: false,
      currency: 'BRL',
    });
  });

  it('adds a category with its stable code', async () => {
    const server = fakeApi({
      ...tables,
      'POST /categories': {
        status: 201,
        body: { id: 9, code: 'garantia', name: 'Garantia', position: 3, active: true },
      },
    });
    renderWith(<AdminPage section="categories" />, { me: meOf(admin) });
    fireEvent.change(await screen.findByLabelText(/Código/), { target: { value: 'garantia' } });
    fireEvent.change(screen.getByLabelText(/^Nome/), { target: { value: 'Garantia' } });
    fireEvent.click(screen.getByRole('button', { name: 'Incluir' }));
    await screen.findByText('Garantia incluído.');
    expect(server.find('POST', '/categories')[0].body).toEqual({ code: 'garantia', name: 'Garantia' });
  });

  it('sends a new password only when one was typed', () => {
    const form = {
      login: agent.login,
      name: agent.name,
      email: agent.email,
      password: '',
      role: agent.role,
      branch_id: '1',
      time_zone: agent.time_zone,
      locale: agent.locale,
      alert_on_login: true,
      alert_every_minutes: '',
      email_reminders: 'each' as const,
    };
    expect(userBody(form, agent)).toEqual({});
    expect(userBody({ ...form, password: 'nova-senha-1', branch_id: '' }, agent)).toEqual({
      password: 'nova-senha-1',
      branch_id: null,
    });
  });
});
