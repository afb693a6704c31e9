import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mailReason, mailServerReply } from '../../shared/components/mailReason';
import type { Me, OutboxItem } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { fakeApi, followupOf, meOf, outboxOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { LIVE_REFRESH_MS } from './Emails';
import { FollowupDetailPage } from './FollowupDetailPage';
import { NewReturnDialog } from './NewReturnDialog';

const OFF_PT =
  'O servidor de e-mail (SMTP) não está configurado: o que for enviado fica na fila e não chega a ninguém até um administrador configurá-lo.';

function mailOff(): Me {
  const me = meOf();
  return { ...me, settings: { ...me.settings, mail_configured: false } };
}

function serve(emails: () => OutboxItem[]) {
  return fakeApi({
    ...tables,
    'GET /followups/1043': { body: followupOf(), headers: { ETag: '"3"' } },
    'GET /followups/1043/emails': () => ({ body: { items: emails() } }),
    'GET /templates': { body: { items: [], placeholders: [] } },
  });
}

describe('e-mail: say "queued" when it is queued', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each e-mail not yet sent in the timeline with its state and reason, and drops it there once sent', async () => {
    let state: OutboxItem['state'] = 'blocked';
    const server = serve(() => [
      outboxOf({
        id: 601,
        state,
        subject: 'Seu pedido',
        last_error: state === 'blocked' ? 'missing: whatsapp_contato' : '',
        sent_at: state === 'sent' ? '2026-11-23T09:00:05-03:00' : null,
      }),
    ]);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const history = (await screen.findByRole('heading', { name: 'Histórico' })).closest('section')!;
    const item = await within(history).findByTestId('timeline-mail');
    expect(item.textContent).toContain('Retido');
    expect(item.textContent).toContain('Seu pedido');
    expect(item.textContent).toContain('whatsapp');
    expect(item.textContent).not.toMatch(/Enviado/);
    // Once the outbox has sent it, the history holds its e-mail entry instead.
    state = 'sent';
    fireEvent.click(screen.getByRole('button', { name: 'Atualizar' }));
    await waitFor(() => expect(server.find('GET', '/followups/1043/emails').length).toBeGreaterThan(1));
    await waitFor(() => expect(within(history).queryByTestId('timeline-mail')).toBeNull());
  });

  it('follows a queued e-mail until the outbox has sent it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let state: OutboxItem['state'] = 'queued';
    const server = serve(() => [
      outboxOf({ id: 600, state, sent_at: state === 'sent' ? '2026-11-23T09:00:05-03:00' : null }),
    ]);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const section = (await screen.findByRole('heading', { name: 'E-mails' })).closest('section')!;
    expect((await within(section).findByTestId('mail-item')).textContent).toContain('Na fila');
    const reads = server.find('GET', '/followups/1043/emails').length;
    state = 'sent';
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS + 10);
    });
    await waitFor(() => expect(within(section).getByTestId('mail-item').textContent).toContain('Enviado em'));
    expect(server.find('GET', '/followups/1043/emails').length).toBe(reads + 1);
    // Sent: nothing more to follow.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3 * LIVE_REFRESH_MS);
    });
    expect(server.find('GET', '/followups/1043/emails').length).toBe(reads + 1);
  });

  it('no screen says "sent" for what is only queued', () => {
    for (const [key, pt] of [
      ['calendar.emailDone', /fila/],
      ['calendar.emailResult', /fila/],
      ['emails.queued', /fila/],
      ['mailAdmin.testQueued', /fila/],
    ] as const) {
      expect(translate('pt-BR', key, { id: 1, subject: 's' })).toMatch(pt);
      expect(translate('pt-BR', key, { id: 1, subject: 's' })).not.toMatch(/enviado[;:.]/i);
      expect(translate('es', key, { id: 1, subject: 's' })).toMatch(/cola/);
      expect(translate('en', key, { id: 1, subject: 's' })).toMatch(/queue/i);
    }
  });

  it("shows the outbox's reasons in the user's language, never the server's raw words", () => {
    const t = (key: string, p?: Record<string, string | number>) => translate('es', key, p);
    expect(mailReason('smtp not configured', t)).toBe('el servidor de correo (SMTP) no está configurado');
    expect(mailReason('e-mail is not configured (no SMTP host)', t)).toBe(
      'el servidor de correo (SMTP) no está configurado',
    );
    expect(mailReason('missing: cliente, contato', t)).toBe('faltan valores para cliente, contato en este seguimiento');
    expect(mailReason('550 5.1.1 <x@y.com>: user unknown', t)).toBe(
      'el servidor de correo rechazó el mensaje (código 550)',
    );
    expect(mailReason('Failed to connect to smtp.example.com', t)).toBe(
      'no se pudo conectar con el servidor de correo',
    );
    expect(mailReason('something odd', t)).toBe('error de envío; vea la bandeja de salida del administrador');
    // The administrator also sees a mail server's reply, never the server's own words.
    expect(mailServerReply('550 5.1.1 <x@y.com>: user unknown')).toBe('550 5.1.1 <x@y.com>: user unknown');
    expect(mailServerReply('smtp not configured')).toBe('');
    expect(mailServerReply('missing: cliente')).toBe('');
  });

  it('shows a held or failed e-mail of a follow-up with its reason translated', async () => {
    serve(() => [
      outboxOf({
        id: 9,
        state: 'failed',
        last_error: 'smtp not configured',
        sent_at: null,
        log: [{ at: '2026-11-23T09:00:00-03:00', event: 'failed', detail: 'smtp not configured' }],
      }),
    ]);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const item = await screen.findByTestId('mail-item');
    expect(item.textContent).toContain('Motivo: o servidor de e-mail (SMTP) não está configurado');
    expect(item.textContent).not.toContain('smtp not configured');
  });
});

describe('e-mail off: every action that would send e-mail says so before the user acts', () => {
  it('beside "Send e-mail" on a follow-up, and in its dialog', async () => {
    serve(() => []);
    renderWith(<FollowupDetailPage id={1043} />, { me: mailOff() });
    const section = (await screen.findByRole('heading', { name: 'E-mails' })).closest('section')!;
    expect(within(section).getByText(OFF_PT)).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Enviar e-mail' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enviar e-mail agora' });
    expect(within(dialog).getByText(OFF_PT)).toBeTruthy();
  });

  it('says nothing when e-mail can go out', async () => {
    serve(() => []);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    await screen.findByRole('heading', { name: 'E-mails' });
    expect(screen.queryByText(OFF_PT)).toBeNull();
  });

  it('beside "notify the customer" of a return', async () => {
    fakeApi({ ...tables });
    renderWith(<NewReturnDialog followupId={1043} onClose={() => {}} onDone={() => {}} />, { me: mailOff() });
    const dialog = await screen.findByRole('dialog');
    const box = within(dialog).getByLabelText(/Enviar a mensagem por e-mail ao cliente/);
    const notice = within(dialog).getByText(OFF_PT);
    expect(box.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
