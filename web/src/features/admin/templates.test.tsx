import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MailTemplate, TemplateList } from '../../shared/api/types';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AdminPage } from './AdminPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

function tpl(
  id: number,
  kind: MailTemplate['kind'],
  locale: MailTemplate['locale'],
  subject: string,
  body: string,
): MailTemplate {
  return { id, kind, locale, subject, body };
}

const list: TemplateList = {
  items: [
    tpl(1, 'reminder', 'pt-BR', 'Retorno: #{cliente}', 'Olá #{responsavel}, retorno em #{data_retorno}.'),
    tpl(2, 'reminder', 'es', 'Seguimiento: #{cliente}', 'Hola #{responsavel}.'),
    tpl(3, 'reminder', 'en', 'Return: #{cliente}', 'Hi #{responsavel}.'),
    tpl(4, 'customer', 'pt-BR', 'Contato de #{empresa}', 'Prezado #{contato|cliente},'),
  ],
  placeholders: [
    { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'cliente' }, example: 'Padaria Boa Vista' },
    { name: 'contato', names: { 'pt-BR': 'contato', es: 'contato', en: 'contato' }, example: 'Sr. Antônio' },
    {
      name: 'responsavel',
      names: { 'pt-BR': 'responsavel', es: 'responsavel', en: 'responsavel' },
      example: 'João Lima',
    },
    {
      name: 'data_retorno',
      names: { 'pt-BR': 'data_retorno', es: 'data_retorno', en: 'data_retorno' },
      example: '23/11/2026',
    },
    { name: 'assunto', names: { 'pt-BR': 'assunto', es: 'assunto', en: 'assunto' }, example: 'Manutenção' },
    { name: 'empresa', names: { 'pt-BR': 'empresa', es: 'empresa', en: 'empresa' }, example: 'Refrigeração Campinas' },
  ],
};

function serve(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    ...tables,
    'GET /templates': { body: list },
    'PUT /templates/:id': (req) => ({
      body: { ...list.items.find((x) => x.id === Number(req.path.split('/')[2])), ...(req.body as object) },
    }),
    ...extra,
  });
}

describe('admin: e-mail templates', () => {
  it('chooses a template by kind and language', async () => {
    serve();
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    const subject = (await screen.findByLabelText(/^Assunto/)) as HTMLInputElement;
    expect(subject.value).toBe('Retorno: #{cliente}');
    fireEvent.change(screen.getByLabelText('Idioma'), { target: { value: 'es' } });
    expect((screen.getByLabelText(/^Assunto/) as HTMLInputElement).value).toBe('Seguimiento: #{cliente}');
    fireEvent.change(screen.getByLabelText('Modelo'), { target: { value: 'customer' } });
    expect(screen.getByText('Não há modelo deste tipo neste idioma.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Idioma'), { target: { value: 'pt-BR' } });
    expect((screen.getByLabelText(/^Texto/) as HTMLTextAreaElement).value).toBe('Prezado #{contato|cliente},');
  });

  it('lists the placeholders and inserts one at the cursor of the last field', async () => {
    serve();
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    const body = (await screen.findByLabelText(/^Texto/)) as HTMLTextAreaElement;
    const chips = screen.getAllByRole('button', { name: /^Inserir #\{/ });
    expect(chips.map((c) => c.querySelector('code')!.textContent)).toEqual([
      '#{cliente}',
      '#{contato}',
      '#{responsavel}',
      '#{data_retorno}',
      '#{assunto}',
      '#{empresa}',
    ]);
    expect(chips[0].getAttribute('aria-label')).toBe('Inserir #{cliente} (exemplo: Padaria Boa Vista)');
    fireEvent.focus(body);
    body.setSelectionRange(4, 4);
    fireEvent.click(screen.getByRole('button', { name: /^Inserir #\{assunto\}/ }));
    expect(body.value).toBe('Olá #{assunto}#{responsavel}, retorno em #{data_retorno}.');
    const subject = screen.getByLabelText(/^Assunto/) as HTMLInputElement;
    fireEvent.focus(subject);
    subject.setSelectionRange(0, 7);
    fireEvent.click(screen.getByRole('button', { name: /^Inserir #\{empresa\}/ }));
    expect(subject.value).toBe('#{empresa}: #{cliente}');
  });

  it("offers each placeholder by its name in the user's language", async () => {
    serve({
      'GET /templates': {
        body: {
          ...list,
          placeholders: [
            { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'customer' }, example: 'Padaria' },
            { name: 'contato', names: { 'pt-BR': 'contato', es: 'contacto', en: 'contact' }, example: 'Sr. Antônio' },
          ],
        },
      },
    });
    renderWith(<AdminPage section="templates" />, { me: meOf({ ...admin, locale: 'es' }), locale: 'es' });
    await screen.findByLabelText(/^Texto/);
    const chips = screen.getAllByRole('button', { name: /^Insertar #\{/ });
    expect(chips.map((c) => c.querySelector('code')!.textContent)).toEqual(['#{cliente}', '#{contacto}']);
  });

  it('saves, and shows an unknown placeholder refused by the server next to the field', async () => {
    const server = serve({
      'PUT /templates/:id': problem(422, 'validation', 'Modelo inválido.', [
        { field: 'body', code: 'unknown_placeholder', message: 'Campo desconhecido: #{clinte}.' },
      ]),
    });
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    const body = (await screen.findByLabelText(/^Texto/)) as HTMLTextAreaElement;
    const save = screen.getByRole('button', { name: 'Salvar' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(body, { target: { value: 'Olá #{clinte}' } });
    fireEvent.click(save);
    await waitFor(() => expect(body.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(body.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toBe(
      'Marcador desconhecido ou malformado (#{...}); veja a lista de marcadores.',
    );
    expect(server.find('PUT', '/templates/1')[0].body).toEqual({
      subject: 'Retorno: #{cliente}',
      body: 'Olá #{clinte}',
    });
  });

  it('saves a template', async () => {
    const server = serve();
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    fireEvent.change(await screen.findByLabelText(/^Assunto/), { target: { value: 'Lembrete: #{assunto}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Modelo salvo.');
    expect(server.find('PUT', '/templates/1')[0].body).toEqual({
      subject: 'Lembrete: #{assunto}',
      body: list.items[0].body,
    });
    expect((screen.getByRole('button', { name: 'Salvar' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('previews against a real follow-up and lists the missing values', async () => {
    const server = serve({
      'POST /templates/preview': {
        body: { subject: 'Retorno: Padaria Boa Vista', body: 'Olá João Lima, retorno em .', missing: ['data_retorno'] },
      },
    });
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    const preview = (await screen.findByRole('heading', { name: 'Pré-visualizar' })).closest('section')!;
    fireEvent.click(within(preview).getByRole('button', { name: 'Pré-visualizar' }));
    expect(within(preview).getByText('Informe o número de um follow-up.')).toBeTruthy();
    fireEvent.change(within(preview).getByLabelText(/Follow-up nº/), { target: { value: '1043' } });
    fireEvent.click(within(preview).getByRole('button', { name: 'Pré-visualizar' }));
    const result = await within(preview).findByTestId('preview');
    expect(result.textContent).toContain('Retorno: Padaria Boa Vista');
    expect(result.textContent).toContain(
      'Sem valor para #{data_retorno}: com estes dados, a mensagem não seria enviada.',
    );
    expect(server.find('POST', '/templates/preview')[0].body).toEqual({
      subject: 'Retorno: #{cliente}',
      body: 'Olá #{responsavel}, retorno em #{data_retorno}.',
      followup_id: 1043,
    });
  });

  it('shows an unknown placeholder found by the preview next to the field', async () => {
    serve({
      'POST /templates/preview': problem(422, 'validation', 'Modelo inválido.', [
        { field: 'subject', code: 'unknown_placeholder', message: 'Campo desconhecido: #{x}.' },
      ]),
    });
    renderWith(<AdminPage section="templates" />, { me: meOf(admin) });
    const subject = await screen.findByLabelText(/^Assunto/);
    fireEvent.change(screen.getByLabelText(/Follow-up nº/), { target: { value: '1043' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Pré-visualizar' })[0]);
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
  });
});
