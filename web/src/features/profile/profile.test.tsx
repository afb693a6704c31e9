import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ProfilePage } from './ProfilePage';

describe('profile', () => {
  it('lets the user choose a morning digest instead of one e-mail per return', async () => {
    const server = fakeApi({
      ...tables,
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
      'GET /me': { body: meOf({ ...agent, email_reminders: 'digest' }) },
    });
    renderWith(<ProfilePage />, { me: meOf() });
    const select = screen.getByLabelText('Lembretes por e-mail') as HTMLSelectElement;
    expect(select.value).toBe('each');
    fireEvent.change(select, { target: { value: 'digest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({ email_reminders: 'digest' });
    await waitFor(() => expect(server.find('GET', '/me')).toHaveLength(1));
  });

  it('asks for the current password to change it, and shows a wrong one by its field', async () => {
    const server = fakeApi({
      ...tables,
      'PATCH /users/7': (req) =>
        (req.body as { current_password?: string }).current_password === 'senha-atual-1'
          ? { body: agent }
          : {
              status: 422,
              body: {
                type: 'about:blank',
                title: 'x',
                status: 422,
                detail: 'x',
                code: 'validation',
                request_id: 'test',
                errors: [{ field: 'current_password', code: 'wrong_password', message: 'x' }],
              },
            },
      'GET /me': { body: meOf() },
    });
    renderWith(<ProfilePage />, { me: meOf() });
    expect(screen.queryByLabelText('Senha atual')).toBeNull();
    fireEvent.change(screen.getByLabelText('Nova senha'), { target: { value: 'uma-senha-nova-longa' } });
    fireEvent.change(screen.getByLabelText('Senha atual'), { target: { value: 'chute' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('A senha atual não confere.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Senha atual'), { target: { value: 'senha-atual-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/users/7').at(-1)!.body).toEqual({
      password: 'uma-senha-nova-longa',
      current_password: 'senha-atual-1',
    });
  });

  it('sends nothing when nothing changed', async () => {
    const server = fakeApi({ ...tables });
    renderWith(<ProfilePage />, { me: meOf() });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(server.find('PATCH', '/users/7')).toHaveLength(0);
  });
});

describe('calendar feed', () => {
  it('creates a private address, copies it and revokes it', async () => {
    let active = false;
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const server = fakeApi({
      ...tables,
      'POST /me/calendar-feed': () => {
        active = true;
        return { status: 201, body: { url: 'https://retorno.example/api/v1/calendar-feed/abc123.ics' } };
      },
      'DELETE /me/calendar-feed': () => {
        active = false;
        return { status: 204 };
      },
      'GET /me': () => ({ body: { ...meOf(), calendar_feed: active } }),
    });
    renderWith(<ProfilePage />, { me: meOf() });
    const panel = screen.getByRole('region', { name: 'Agenda no celular (Google, Outlook, telefone)' });
    expect(within(panel).getByText('Nenhum endereço ativo.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Revogar' })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Criar endereço' }));
    const url = (await within(panel).findByLabelText('Endereço da agenda')) as HTMLInputElement;
    expect(url.value).toBe('https://retorno.example/api/v1/calendar-feed/abc123.ics');
    expect(url.readOnly).toBe(true);
    await within(panel).findByText('Endereço ativo.');
    fireEvent.click(within(panel).getByRole('button', { name: 'Copiar' }));
    await within(panel).findByText('Endereço copiado.');
    expect(writeText).toHaveBeenCalledWith('https://retorno.example/api/v1/calendar-feed/abc123.ics');
    fireEvent.click(within(panel).getByRole('button', { name: 'Revogar' }));
    await within(panel).findByText('Endereço revogado: ele não funciona mais.');
    expect(server.find('DELETE', '/me/calendar-feed')).toHaveLength(1);
    expect(within(panel).queryByLabelText('Endereço da agenda')).toBeNull();
    await within(panel).findByText('Nenhum endereço ativo.');
  });

  it('says an address is active without showing it, and makes a new one', async () => {
    const server = fakeApi({
      ...tables,
      'POST /me/calendar-feed': { status: 201, body: { url: 'https://retorno.example/feed/new.ics' } },
      'GET /me': { body: { ...meOf(), calendar_feed: true } },
    });
    renderWith(<ProfilePage />, { me: { ...meOf(), calendar_feed: true } });
    const panel = screen.getByRole('region', { name: /Agenda no celular/ });
    expect(within(panel).getByText('Endereço ativo.')).toBeTruthy();
    expect(within(panel).queryByLabelText('Endereço da agenda')).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Gerar novo endereço' }));
    expect(((await within(panel).findByLabelText('Endereço da agenda')) as HTMLInputElement).value).toBe(
      'https://retorno.example/feed/new.ics',
    );
    expect(server.find('POST', '/me/calendar-feed')).toHaveLength(1);
  });
});

describe('e-mail reminders when the server cannot send e-mail', () => {
  const OFF_PT =
    'O servidor de e-mail (SMTP) não está configurado: o que for enviado fica na fila e não chega a ninguém até um administrador configurá-lo.';
  const mailOff = () => {
    const me = meOf();
    return { ...me, settings: { ...me.settings, mail_configured: false } };
  };

  it('beside the e-mail reminders of the profile', async () => {
    fakeApi({ ...tables, 'GET /calendar-feed': { body: { active: false } } });
    const me = mailOff();
    renderWith(<ProfilePage />, { me: { ...me, user: { ...agent, email_reminders: 'each' } } });
    expect(await screen.findByText(OFF_PT)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Lembretes por e-mail'), { target: { value: 'off' } });
    expect(screen.queryByText(OFF_PT)).toBeNull();
  });
});
