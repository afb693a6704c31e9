// "Envio para clientes" (manual 003, ADR 0048): counting the selection, unpicking a
// person, the placeholders a mailing can fill, sending with the chosen company and the
// progress and results by status.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { MailingsPage, selectionOf } from './MailingsPage';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const, branch_id: 1 };

const mailing = (over: Record<string, unknown> = {}) => ({
  id: 4,
  subject: 'Reajuste para #{cliente}',
  body: 'Olá #{cliente}',
  sender_name: 'Campinas',
  filter: { kind: 'customer', branch_id: 1 },
  status: 'done',
  total: 2,
  processed: 2,
  progress: 100,
  counts: { queued: 0, sent: 1, held: 1, skipped_opt_out: 0, bounced: 0 },
  attachments: [],
  created_by: { id: 8, name: 'Carla Souza' },
  created_at: '2026-11-23T10:00:00-03:00',
  finished_at: '2026-11-23T10:00:01-03:00',
  ...over,
});

describe('mailings', () => {
  it('counts the branch customers, unpicks one, sends with the chosen company and shows the results', async () => {
    const server = fakeApi({
      ...tables,
      'GET /mailings/senders': { body: { senders: ['Retorno', 'Campinas'], placeholders: ['cliente'] } },
      'GET /templates': {
        body: {
          items: [],
          placeholders: [
            { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'customer' }, example: 'Oficina' },
            { name: 'data_retorno', names: { 'pt-BR': 'data_retorno', es: 'fecha', en: 'due' }, example: '1' },
          ],
        },
      },
      'GET /mailings': { body: { items: [] } },
      'POST /mailings/preview-recipients': {
        body: {
          count: 2,
          items: [
            {
              id: 11,
              code: 'C1',
              name: 'Açougue Cambuí',
              kind: 'customer',
              email: 'a@x.br',
              branch_id: 1,
              opted_out: false,
            },
            { id: 12, code: 'C2', name: 'Bar Central', kind: 'customer', email: '', branch_id: 1, opted_out: true },
          ],
        },
      },
      'POST /mailings': { status: 201, body: mailing({ status: 'queued', processed: 0, progress: 0 }) },
      'GET /mailings/4': { body: mailing() },
      'GET /mailings/4/recipients': {
        body: {
          items: [
            {
              id: 2,
              mailing_id: 4,
              mailing_subject: 'Reajuste para #{cliente}',
              party_id: 12,
              party_name: 'Bar Central',
              email: '',
              status: 'held',
              missing: ['email'],
              unsubscribe_url: null,
              created_at: '2026-11-23T10:00:00-03:00',
            },
          ],
          next_after: null,
        },
      },
    });
    renderWith(<MailingsPage />, { me: meOf(supervisor), path: '/mailings' });
    fireEvent.click(await screen.findByRole('button', { name: 'Contar destinatários' }));
    expect(await screen.findByText('2 destinatários')).toBeTruthy();
    expect(server.find('POST', '/mailings/preview-recipients')[0].body).toEqual({
      filter: { branch_id: 1, kind: 'customer' },
      limit: 100,
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Bar Central/ }));
    await waitFor(() => expect(server.find('POST', '/mailings/preview-recipients')).toHaveLength(2));
    expect(server.find('POST', '/mailings/preview-recipients')[1].body).toEqual({
      filter: { branch_id: 1, kind: 'customer', excluded_ids: [12] },
      limit: 100,
    });
    // Only the placeholders a person has are offered.
    fireEvent.click(screen.getByRole('button', { name: 'Consultar variáveis' }));
    expect(screen.getByText('#{cliente}')).toBeTruthy();
    expect(screen.queryByText('#{data_retorno}')).toBeNull();
    fireEvent.change(screen.getByLabelText('Empresa remetente'), { target: { value: 'Campinas' } });
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Reajuste para #{cliente}' } });
    fireEvent.change(screen.getByLabelText(/Texto/), { target: { value: 'Olá #{cliente}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar' }));
    await waitFor(() => expect(server.find('POST', '/mailings')).toHaveLength(1));
    expect(await screen.findByText(/faltando: email/)).toBeTruthy();
    expect(screen.getByText('2 de 2 preparados')).toBeTruthy();
  });

  it('sends the picked people, the product and the unpicked as the selection', () => {
    const form = { product_id: 9, branch_id: '1', owner_id: '', kind: '', category: '', birthday_month: '3' };
    expect(selectionOf(form, [12], [11, 13])).toEqual({
      product_id: 9,
      party_ids: [11, 13],
      branch_id: 1,
      birthday_month: 3,
      excluded_ids: [12],
    });
    expect(selectionOf({ ...form, product_id: null, branch_id: '', birthday_month: '' }, [])).toEqual({});
  });
});
