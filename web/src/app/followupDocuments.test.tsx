import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { documentOf, fakeApi, followupOf, meOf, tables } from '../test/fakeApi';
import { renderWith } from '../test/render';
import { resolve } from './routes';

describe('the documents panel on the follow-up page', () => {
  it('is put there by the app; a conversion reloads the follow-up, whose timeline shows it', async () => {
    const quote = documentOf({
      id: 501,
      kind: 'quote',
      number: 'RT-000001',
      status: 'open',
      completed_on: null,
      followup_id: 1043,
      currency: 'BRL',
      subtotal: 31000,
      total: 31000,
      followups: [],
    });
    const order = { ...quote, id: 502, kind: 'sales_order' as const, origin_id: 501 };
    let converted = false;
    const server = fakeApi({
      ...tables,
      'GET /followups/1043': () => ({ body: followupOf({ id: 1043, version: converted ? 4 : 3 }) }),
      'GET /followups/1043/documents': () => ({
        body: { items: converted ? [{ ...quote, status: 'completed' }, order] : [quote], can_make: true },
      }),
      'POST /documents/501/convert': () => {
        converted = true;
        return { status: 201, body: order };
      },
    });
    renderWith(<>{resolve('/followups/1043').element}</>, { me: meOf(), path: '/followups/1043' });
    const panel = (await screen.findByRole('heading', { name: 'Orçamentos, pedidos e vendas' })).closest(
      'section',
    ) as HTMLElement;
    fireEvent.click(await within(panel).findByRole('button', { name: 'Converter em Pedido de venda' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Converter' }));
    expect(await screen.findByText('Convertido: Orçamento nº RT-000001 → Pedido de venda nº RT-000001.')).toBeTruthy();
    await waitFor(() =>
      expect(server.calls.filter((c) => c.method === 'GET' && c.path === '/followups/1043')).toHaveLength(2),
    );
    await within(panel).findByText('convertido de Orçamento nº RT-000001', { exact: false });
  });
});
