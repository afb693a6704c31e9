import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Attachment, OutboxItem } from '../../shared/api/types';
import { fakeApi, followupOf, meOf, outboxOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupDetailPage } from './FollowupDetailPage';

const pdf: Attachment = {
  id: 61,
  followup_id: 1043,
  file_name: 'laudo.pdf',
  content_type: 'application/pdf',
  size: 20480,
  sha256: 'f'.repeat(64),
  uploaded_by: 7,
  created_at: '2026-11-20T10:15:00-03:00',
  url: '/api/v1/attachments/61',
};

const templates = {
  items: [
    { id: 4, kind: 'customer', locale: 'pt-BR', subject: 'Contato de #{empresa}', body: 'Prezado #{contato|cliente},' },
    { id: 5, kind: 'customer', locale: 'en', subject: 'From #{empresa}', body: 'Dear #{contato|cliente},' },
  ],
  placeholders: [
    { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'cliente' }, example: 'Padaria Boa Vista' },
    { name: 'contato', names: { 'pt-BR': 'contato', es: 'contato', en: 'contato' }, example: 'Sr. Antônio' },
  ],
};

function serve(emails: OutboxItem[], extra: Parameters<typeof fakeApi>[0] = {}) {
  const f = followupOf({
    attachments: [pdf, { ...pdf, id: 62, file_name: 'foto.png', content_type: 'image/png' }],
    cc: ['gerente@padaria.com.br'],
  });
  return fakeApi({
    ...tables,
    'GET /followups/1043': { body: f, headers: { ETag: '"3"' } },
    'GET /followups/1043/emails': { body: { items: emails } },
    'GET /templates': { body: templates },
    ...extra,
  });
}

async function openDialog() {
  renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
  const section = (await screen.findByRole('heading', { name: 'E-mails' })).closest('section')!;
  fireEvent.click(within(section).getByRole('button', { name: 'Enviar e-mail' }));
  return screen.findByRole('dialog', { name: 'Enviar e-mail agora' });
}

describe('the e-mails of a follow-up', () => {
  it('shows each e-mail with its delivery log, failures with the server reason', async () => {
    serve([
      outboxOf({ id: 2, state: 'failed', last_error: '550 5.1.1 user unknown', attempts: 3, sent_at: null }),
      outboxOf({
        id: 3,
        state: 'blocked',
        kind: 'reminder',
        last_error: 'missing: contato',
        sent_at: null,
        log: [{ at: '2026-11-23T09:00:00-03:00', event: 'blocked', detail: 'contato' }],
      }),
      outboxOf({ id: 1 }),
    ]);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const section = (await screen.findByRole('heading', { name: 'E-mails' })).closest('section')!;
    const items = await within(section).findAllByTestId('mail-item');
    expect(items).toHaveLength(3);
    expect(items[0].textContent).toContain('Falhou');
    expect(items[0].textContent).toContain('Motivo: o servidor de e-mail recusou a mensagem (código 550)');
    expect(items[0].textContent).not.toContain('user unknown');
    expect(items[1].textContent).toContain('Retido');
    expect(items[1].textContent).toContain('Motivo: faltam valores para contato neste follow-up');
    expect(items[2].textContent).toContain('Enviado');
    expect(items[2].textContent).toContain('Para: compras@padaria.com.br');
    expect(items[2].textContent).toContain('Enviado em 23/11/2026, 09:00');
    expect(within(items[2]).getByText('Histórico de envio (2 eventos)')).toBeTruthy();
    expect(items[2].textContent).toContain('Enviado — 250 2.0.0 OK');
  });

  it('says when there is none', async () => {
    serve([]);
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    expect(await screen.findByText('Nenhum e-mail deste follow-up.')).toBeTruthy();
  });

  it('sends an e-mail now with attachments, starting from the customer template', async () => {
    const queued = outboxOf({ id: 600, kind: 'manual', state: 'queued', sent_at: null, log: [] });
    const sent: OutboxItem[] = [];
    const server = serve([], {
      'GET /followups/1043/emails': () => ({ body: { items: sent } }),
      'POST /followups/1043/emails': () => {
        sent.push(queued);
        return { status: 202, body: queued };
      },
    });
    const dialog = await openDialog();
    const subject = within(dialog).getByLabelText(/^Assunto/) as HTMLInputElement;
    await waitFor(() => expect(subject.value).toBe('Contato de #{empresa}'));
    expect((within(dialog).getByLabelText(/^Para/) as HTMLInputElement).value).toBe('compras@padaria.com.br');
    expect((within(dialog).getByLabelText(/^Cópia/) as HTMLInputElement).value).toBe('gerente@padaria.com.br');
    const body = within(dialog).getByLabelText(/^Texto/) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: 'Prezado , segue o laudo.' } });
    fireEvent.focus(body);
    body.setSelectionRange(8, 8);
    fireEvent.click(within(dialog).getByRole('button', { name: /^Inserir #\{contato\}/ }));
    expect(body.value).toBe('Prezado #{contato}, segue o laudo.');
    fireEvent.click(within(dialog).getByLabelText(/laudo\.pdf/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar agora' }));
    await screen.findByText('E-mail na fila de envio (nº 600).');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.find('POST', '/followups/1043/emails')[0].body).toEqual({
      to: ['compras@padaria.com.br'],
      cc: ['gerente@padaria.com.br'],
      subject: 'Contato de #{empresa}',
      body: 'Prezado #{contato}, segue o laudo.',
      attachment_ids: [61],
    });
    const section = screen.getByRole('heading', { name: 'E-mails' }).closest('section')!;
    expect((await within(section).findAllByTestId('mail-item'))[0].textContent).toContain('Na fila');
    await waitFor(() => expect(server.find('GET', '/followups/1043/emails')).toHaveLength(2));
    expect(within(section).getAllByTestId('mail-item')).toHaveLength(1);
  });

  it('shows why a message is not sent: a missing value next to the body', async () => {
    serve([], {
      'POST /followups/1043/emails': problem(422, 'validation', 'A mensagem não pode ser enviada.', [
        { field: 'body', code: 'missing_value:contato', message: 'Sem valor para #{contato}.' },
      ]),
      'POST /templates/preview': {
        body: { subject: 'Contato de Refrigeração Campinas', body: 'Prezado ,', missing: ['contato'] },
      },
    });
    const dialog = await openDialog();
    const body = within(dialog).getByLabelText(/^Texto/) as HTMLTextAreaElement;
    await waitFor(() => expect(body.value).toBe('Prezado #{contato|cliente},'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pré-visualizar' }));
    const preview = await within(dialog).findByTestId('preview');
    expect(preview.textContent).toContain('Sem valor para #{contato}: com estes dados, a mensagem não seria enviada.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar agora' }));
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(body.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toBe(
      'Falta o valor de #{contato} neste follow-up: a mensagem não será enviada.',
    );
    expect(within(dialog).getByText('Alguns campos precisam de correção.')).toBeTruthy();
  });

  it('requires a subject and a body before calling the server', async () => {
    const server = serve([], { 'GET /templates': { body: { items: [], placeholders: [] } } });
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar agora' }));
    expect(within(dialog).getAllByText('Preencha este campo.')).toHaveLength(2);
    expect(server.find('POST', '/followups/1043/emails')).toHaveLength(0);
  });
});
