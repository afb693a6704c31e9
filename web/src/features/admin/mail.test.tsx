import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MailHealth, SmtpSettings } from '../../shared/api/types';
import { agent, fakeApi, meOf, outboxOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AdminPage } from './AdminPage';
import { smtpBody } from './MailAdmin';

const admin = {
  ...agent,
  id: 1,
  login: 'admin',
  name: 'Ana Admin',
  email: 'ana@empresa.com.br',
  role: 'admin' as const,
};

const smtp: SmtpSettings = {
  host: 'smtp.empresa.com.br',
  port: 587,
  security: 'starttls',
  username: 'retorno@empresa.com.br',
  password_set: true,
  sender_name: 'Retorno',
  sender_email: 'retorno@empresa.com.br',
};

const health: MailHealth = {
  scheduler_last_tick_at: new Date(Date.now() - 30_000).toISOString(),
  outbox_queued: 2,
  outbox_failed: 1,
  last_failure: { at: '2026-11-23T08:00:00-03:00', outbox_id: 77, error: '550 5.1.1 <x@y.com>: user unknown' },
  smtp_configured: true,
};

function serve(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    ...tables,
    'GET /settings/smtp': { body: smtp },
    'PUT /settings/smtp': (req) => {
      const b = req.body as Record<string, unknown>;
      const { password, ...rest } = b;
      return { body: { ...rest, password_set: password === undefined ? smtp.password_set : password !== '' } };
    },
    'GET /mail/health': { body: health },
    'GET /outbox': (req) => ({
      body: {
        items: [
          outboxOf({ id: 1, state: 'sent' }),
          outboxOf({
            id: 77,
            state: 'failed',
            subject: 'Lembrete: Padaria',
            attempts: 5,
            last_error: '550 5.1.1 <x@y.com>: user unknown',
            log: [
              { at: '2026-11-23T07:00:00-03:00', event: 'queued', detail: '' },
              { at: '2026-11-23T07:01:00-03:00', event: 'retry', detail: '421 try later' },
              { at: '2026-11-23T08:00:00-03:00', event: 'failed', detail: '550 5.1.1 <x@y.com>: user unknown' },
            ],
          }),
        ].filter((x) => !req.query.get('state') || x.state === req.query.get('state')),
      },
    }),
    ...extra,
  });
}

describe('admin: e-mail', () => {
  it('has the e-mail and templates sections', async () => {
    serve({ 'GET /templates': { body: { items: [], placeholders: [] } } });
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    const nav = screen.getByRole('navigation', { name: 'Administração' });
    expect(within(nav).getByRole('link', { name: 'E-mail' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Modelos de e-mail' }).getAttribute('href')).toBe('/admin/templates');
    await screen.findByRole('heading', { name: 'Servidor de e-mail (SMTP)' });
  });

  it('never shows the password, says it is set, and keeps it when left blank', async () => {
    const server = serve();
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    const password = (await screen.findByLabelText(/^Senha/)) as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(screen.getByTestId('password-state').textContent).toBe('Senha definida');
    expect((screen.getByLabelText(/^Servidor$/) as HTMLInputElement).value).toBe('smtp.empresa.com.br');
    fireEvent.change(screen.getByLabelText(/^Segurança/), { target: { value: 'tls' } });
    expect((screen.getByLabelText(/^Porta/) as HTMLInputElement).value).toBe('465');
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PUT', '/settings/smtp')[0].body).toEqual({
      host: 'smtp.empresa.com.br',
      port: 465,
      security: 'tls',
      username: 'retorno@empresa.com.br',
      sender_name: 'Retorno',
      sender_email: 'retorno@empresa.com.br',
    });
  });

  it('sends a typed password, or clears it', () => {
    const form = {
      host: 'h',
      port: '25',
      security: 'none' as const,
      username: '',
      password: 'segredo',
      clearPassword: false,
      sender_name: '',
      sender_email: 'a@b.c',
    };
    expect(smtpBody(form).password).toBe('segredo');
    expect(smtpBody({ ...form, password: '', clearPassword: true }).password).toBe('');
    expect('password' in smtpBody({ ...form, password: '' })).toBe(false);
  });

  it("clears the saved password and shows the server's field errors", async () => {
    const server = serve({
      'PUT /settings/smtp': problem(422, 'validation', 'Dados inválidos.', [
        { field: 'sender_email', code: 'invalid_email', message: 'E-mail inválido.' },
      ]),
    });
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByLabelText('Apagar a senha salva'));
    expect((screen.getByLabelText(/^Senha/) as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/E-mail do remetente/), { target: { value: 'nada' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    const sender = screen.getByLabelText(/E-mail do remetente/);
    await waitFor(() => expect(sender.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(sender.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toBe(
      'E-mail inválido.',
    );
    expect((server.find('PUT', '/settings/smtp')[0].body as { password: string }).password).toBe('');
  });

  it('sends a test e-mail to the admin by default and refreshes the outbox', async () => {
    const server = serve({
      'POST /settings/smtp/test': { status: 202, body: outboxOf({ id: 90, kind: 'test', state: 'queued' }) },
    });
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    const to = (await screen.findByLabelText(/Enviar para/)) as HTMLInputElement;
    expect(to.value).toBe('ana@empresa.com.br');
    await waitFor(() => expect(server.find('GET', '/outbox')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Enviar e-mail de teste' }));
    await screen.findByText('E-mail de teste na fila (nº 90). Acompanhe o envio na caixa de saída.');
    expect(server.find('POST', '/settings/smtp/test')[0].body).toEqual({ to: 'ana@empresa.com.br' });
    await waitFor(() => expect(server.find('GET', '/outbox')).toHaveLength(2));
  });

  it('shows the health of the scheduler and the outbox', async () => {
    serve();
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    const panel = (await screen.findByRole('heading', { name: 'Situação do envio' })).closest('section')!;
    await within(panel).findByText('Funcionando');
    expect(within(panel).getByTestId('health-queued').textContent).toBe('2');
    expect(within(panel).getByTestId('health-failed').textContent).toBe('1');
    expect(panel.textContent).toContain('550 5.1.1 <x@y.com>: user unknown');
    expect(panel.textContent).toContain('e-mail nº 77');
  });

  it('says when the scheduler stopped and SMTP is not configured', async () => {
    serve({
      'GET /mail/health': {
        body: { ...health, scheduler_last_tick_at: null, smtp_configured: false, last_failure: null },
      },
    });
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    expect(await screen.findByText('O servidor de e-mail não está configurado: nenhum e-mail é enviado.')).toBeTruthy();
    expect(screen.getByText('Parado')).toBeTruthy();
    expect(screen.getByText('nunca')).toBeTruthy();
  });

  it('lists the outbox by state with each delivery log', async () => {
    const server = serve();
    renderWith(<AdminPage section="mail" />, { me: meOf(admin) });
    const outbox = (await screen.findByRole('heading', { name: 'Caixa de saída' })).closest('section')!;
    expect(await within(outbox).findAllByTestId('mail-item')).toHaveLength(2);
    fireEvent.change(within(outbox).getByLabelText('Situação'), { target: { value: 'failed' } });
    await waitFor(() => expect(within(outbox).getAllByTestId('mail-item')).toHaveLength(1));
    expect(server.find('GET', '/outbox').at(-1)!.query.get('state')).toBe('failed');
    const item = within(outbox).getByTestId('mail-item');
    expect(item.textContent).toContain('Falhou');
    expect(item.textContent).toContain('Motivo: o servidor de e-mail recusou a mensagem (código 550)');
    // The administrator also sees the mail server's own reply, labelled as such.
    expect(item.textContent).toContain('Resposta do servidor de e-mail: 550 5.1.1 <x@y.com>: user unknown');
    expect(within(item).getByText('Histórico de envio (3 eventos)')).toBeTruthy();
    expect(item.textContent).toContain('Nova tentativa — 421 try later');
    expect(within(item).getByRole('link', { name: 'Follow Up nº 1043' }).getAttribute('href')).toBe('/followups/1043');
  });
});
