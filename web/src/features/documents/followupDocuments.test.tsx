import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { hasUnsavedChanges } from '../../shared/unsaved';
import { documentOf, fakeApi, followupOf, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { DocumentPage } from './DocumentPage';
import { checkEditor, emptyEditorRow, FollowupDocumentEditor } from './FollowupDocumentEditor';
import { FollowupDocumentsPanel } from './FollowupDocumentsPanel';

const pt = (key: string, params?: Record<string, string | number>) => translate('pt-BR', key, params);
const spaces = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

function made(over: Partial<SalesDocument> = {}): SalesDocument {
  return documentOf({
    id: 501,
    kind: 'quote',
    number: 'RT-000001',
    status: 'open',
    completed_on: null,
    followup_id: 1043,
    currency: 'BRL',
    items: [
      {
        position: 1,
        item_id: 31,
        item_code: 'FILTRO',
        description: 'Filtro de água',
        quantity: 2,
        unit_price: 15000,
        discount_percent: 10,
        total: 27000,
      },
      {
        position: 2,
        item_id: null,
        item_code: 'INST',
        description: 'Instalação',
        quantity: 1,
        unit_price: 4990,
        discount_percent: 0,
        total: 4990,
      },
    ],
    subtotal: 31990,
    discount: 990,
    total: 31000,
    followups: [],
    ...over,
  });
}

describe("the follow-up's documents panel", () => {
  it('offers the three buttons only when the server says one may be made', async () => {
    fakeApi({ 'GET /followups/1043/documents': { body: { items: [], can_make: true } } });
    renderWith(<FollowupDocumentsPanel followup={followupOf({ id: 1043 })} onChanged={() => {}} />, { me: meOf() });
    const group = await screen.findByRole('group', { name: 'Novo documento' });
    expect(
      within(group)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Orçamento', '/followups/1043/documents/new/quote'],
      ['Pedido de venda', '/followups/1043/documents/new/sales_order'],
      ['Venda', '/followups/1043/documents/new/sale'],
    ]);
    expect(screen.getByText(pt('fdoc.empty'))).toBeTruthy();
  });

  it("shows no buttons on a supplier's follow-up", async () => {
    fakeApi({ 'GET /followups/1043/documents': { body: { items: [], can_make: false } } });
    renderWith(<FollowupDocumentsPanel followup={followupOf({ id: 1043 })} onChanged={() => {}} />, { me: meOf() });
    await screen.findByText(pt('fdoc.empty'));
    expect(screen.queryByRole('group', { name: 'Novo documento' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Orçamento' })).toBeNull();
  });

  it('lists number, kind, status, total, the chain and the excess mark; converts after a confirmation', async () => {
    const quote = made({ status: 'completed', completed_on: '2026-11-23' });
    const order = made({ id: 502, kind: 'sales_order', number: 'RT-000001', origin_id: 501 });
    const sale = made({ id: 503, kind: 'sale', number: 'RT-000007', status: 'open', total: 10500 });
    const excess = made({ id: 504, kind: 'sale', number: 'RT-000008', billing: 'excess', origin_id: 502 });
    let items = [quote, order, sale];
    const server = fakeApi({
      'GET /followups/1043/documents': () => ({ body: { items, can_make: true } }),
      'POST /documents/502/convert': () => {
        items = [quote, { ...order, status: 'completed' }, sale, excess];
        return { status: 201, body: excess };
      },
    });
    const messages: string[] = [];
    renderWith(<FollowupDocumentsPanel followup={followupOf({ id: 1043 })} onChanged={(m) => messages.push(m)} />, {
      me: meOf(),
    });
    const row = (id: number) => document.querySelector(`tr[data-document="${id}"]`) as HTMLElement;
    await screen.findByText('RT-000007');
    expect(spaces(row(501).textContent)).toContain('R$ 310,00');
    expect(row(501).textContent).toContain('Concluído');
    expect(row(502).textContent).toContain('convertido de Orçamento nº RT-000001');
    expect(spaces(row(503).querySelector('.doc-total')?.textContent)).toBe('R$ 105,00');
    // A completed quote converts no more; the open order converts into a sale.
    expect(within(row(501)).queryByRole('button')).toBeNull();
    fireEvent.click(within(row(502)).getByRole('button', { name: 'Converter em Venda' }));
    const dialog = await screen.findByRole('alertdialog');
    // The follow-up has a sale already: the user is told this one is an excess sale.
    expect(dialog.textContent).toContain(pt('fdoc.convertExcess'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Converter' }));
    await waitFor(() => expect(row(504)).toBeTruthy());
    expect(row(504).textContent).toContain('Venda excedente');
    expect(row(504).textContent).toContain('convertido de Pedido de venda nº RT-000001');
    expect(messages).toEqual(['Convertido: Pedido de venda nº RT-000001 → Venda nº RT-000008.']);
    expect(server.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/documents/502/convert']);
  });

  it('cancels an order after a confirmation, also on a closed follow-up (so it may be reopened)', async () => {
    const order = made({ id: 502, kind: 'sales_order', number: 'RT-000003' });
    let items = [order];
    const server = fakeApi({
      'GET /followups/1043/documents': () => ({ body: { items, can_make: false } }),
      'POST /documents/502/cancel': () => {
        items = [{ ...order, status: 'cancelled' }];
        return { body: items[0] };
      },
    });
    const messages: string[] = [];
    renderWith(
      <FollowupDocumentsPanel
        followup={followupOf({ id: 1043, status: 'closed', state: 'closed' })}
        onChanged={(m) => messages.push(m)}
      />,
      { me: meOf() },
    );
    await screen.findByText('RT-000003');
    // A closed follow-up converts nothing.
    expect(screen.queryByRole('button', { name: /Converter/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancelar Pedido de venda nº RT-000003' }));
    const dialog = await screen.findByRole('alertdialog');
    // "Go back" leaves it as it is.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Voltar' }));
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancelar Pedido de venda nº RT-000003' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancelar documento' }));
    await waitFor(() => expect(messages).toEqual(['Cancelado: Pedido de venda nº RT-000003.']));
    await waitFor(() => expect(screen.getByText('Cancelado')).toBeTruthy());
    expect(screen.queryByRole('button', { name: /Cancelar Pedido/ })).toBeNull();
  });

  it('shows a refusal in the dialog, in the user language', async () => {
    fakeApi({
      'GET /followups/1043/documents': { body: { items: [made()], can_make: true } },
      'POST /documents/501/convert': problem(409, 'document_not_open', 'converted already'),
    });
    renderWith(<FollowupDocumentsPanel followup={followupOf({ id: 1043 })} onChanged={() => {}} />, {
      me: meOf(),
      locale: 'es',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Convertir en Pedido' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Convertir' }));
    expect(await within(dialog).findByText('El documento ya fue convertido o cancelado.')).toBeTruthy();
  });
});

describe('the document editor', () => {
  const t = (key: string, params?: Record<string, string | number>) => translate('pt-BR', key, params);

  it('reads rows as the server will: totals, the body and the errors on their fields', () => {
    const rows = [
      { ...emptyEditorRow(), item_code: 'FILTRO', quantity: '2', price: '150,00', discount: '10' },
      emptyEditorRow(),
      { ...emptyEditorRow(), item_code: 'INST', description: 'Instalação', price: '49,90' },
    ];
    const c = checkEditor('quote', rows, '9,90', t);
    expect(c.errors).toEqual({});
    expect(c.lineTotals).toEqual([27000, null, 4990]);
    expect([c.totals.subtotal, c.totals.total]).toEqual([31990, 31000]);
    expect(c.shown).toEqual([0, 2]);
    expect(c.body).toEqual({
      kind: 'quote',
      discount: 990,
      items: [
        { item_code: 'FILTRO', quantity: 2, unit_price: 15000, discount_percent: 10 },
        { item_code: 'INST', description: 'Instalação', quantity: 1, unit_price: 4990, discount_percent: 0 },
      ],
    });

    const bad = checkEditor(
      'sale',
      [{ ...emptyEditorRow(), description: 'Sem código', quantity: '1,2345', price: 'abc', discount: '120' }],
      '0',
      t,
    );
    expect(bad.errors).toEqual({
      'items[0].item_code': t('validation.required'),
      'items[0].quantity': t('fdoc.quantityInvalid'),
      'items[0].unit_price': t('fdoc.priceInvalid'),
      'items[0].discount_percent': t('fdoc.percentInvalid'),
    });
    expect(checkEditor('sale', [emptyEditorRow()], '', t).errors).toEqual({ items: t('fdoc.needItem') });
    expect(
      checkEditor('sale', [{ ...emptyEditorRow(), item_code: 'A', price: '10' }], '10,01', t).errors.discount,
    ).toBe(t('problem.discount_over_total'));
  });

  it('shows live totals in the currency, warns before leaving, saves and opens the follow-up', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf({ id: 1043 }) },
      'GET /catalog': { body: { items: [] } },
      'POST /followups/1043/documents': { status: 201, body: made() },
    });
    renderWith(<FollowupDocumentEditor followupId={1043} kind="quote" />, {
      me: meOf(),
      path: '/followups/1043/documents/new/quote',
    });
    await screen.findByRole('heading', { name: 'Orçamento — Follow Up nº 1043' });
    const field = (label: string, n = 0) => screen.getAllByLabelText(label, { exact: false })[n] as HTMLInputElement;
    fireEvent.change(field('Código do item'), { target: { value: 'FILTRO' } });
    fireEvent.change(field('Quantidade'), { target: { value: '2' } });
    fireEvent.change(field('Preço unitário'), { target: { value: '150' } });
    fireEvent.change(field('Desconto (%)'), { target: { value: '10' } });
    expect(hasUnsavedChanges()).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Incluir item' }));
    fireEvent.change(field('Código do item', 1), { target: { value: 'INST' } });
    fireEvent.change(field('Descrição', 1), { target: { value: 'Instalação' } });
    fireEvent.change(field('Preço unitário', 1), { target: { value: '49,90' } });
    fireEvent.change(screen.getByLabelText('Desconto no documento'), { target: { value: '9,90' } });
    expect(spaces(document.getElementById('fdoc-subtotal')?.textContent)).toBe('R$ 319,90');
    expect(spaces(document.getElementById('fdoc-total')?.textContent)).toBe('R$ 310,00');
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/followups/1043'));
    expect(window.location.search).toBe('?document=501');
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      kind: 'quote',
      discount: 990,
      items: [
        { item_code: 'FILTRO', quantity: 2, unit_price: 15000, discount_percent: 10 },
        { item_code: 'INST', description: 'Instalação', quantity: 1, unit_price: 4990, discount_percent: 0 },
      ],
    });
    await waitFor(() => expect(hasUnsavedChanges()).toBe(false));
  });

  it("puts the server's refusals on their fields, and a supplier's refusal on top, in Spanish", async () => {
    let answer = problem(422, 'validation', 'invalid', [
      { field: 'items[0].discount_percent', code: 'out_of_range', message: 'x' },
    ]);
    fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf({ id: 1043 }) },
      'GET /catalog': { body: { items: [] } },
      'POST /followups/1043/documents': () => answer,
    });
    const me = meOf();
    me.settings.currency = 'MXN';
    renderWith(<FollowupDocumentEditor followupId={1043} kind="sale" />, { me, locale: 'es' });
    await screen.findByRole('heading', { name: 'Venta — Seguimiento n.º 1043' });
    fireEvent.change(screen.getByLabelText('Código del ítem', { exact: false }), { target: { value: 'A' } });
    fireEvent.change(screen.getByLabelText('Precio unitario', { exact: false }), { target: { value: '1,234.50' } });
    expect(spaces(document.getElementById('fdoc-total')?.textContent)).toBe('$1,234.50');
    fireEvent.click(screen.getAllByRole('button', { name: 'Guardar' })[0]);
    const discount = screen.getByLabelText('Descuento (%)', { exact: false });
    await waitFor(() => expect(discount.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Valor fuera de rango.')).toBeTruthy();
    answer = problem(422, 'supplier_document', 'supplier');
    fireEvent.click(screen.getAllByRole('button', { name: 'Guardar' })[0]);
    expect(
      await screen.findByText('Las cotizaciones, pedidos y ventas son para clientes, no para proveedores.'),
    ).toBeTruthy();
  });
});

describe('the page of a document made from a follow-up', () => {
  it('shows prices, discounts and totals, its follow-up, its source and the excess mark', async () => {
    fakeApi({
      ...tables,
      'GET /documents/504': {
        body: made({ id: 504, kind: 'sale', number: 'RT-000008', billing: 'excess', origin_id: 502, can_change: true }),
      },
      'GET /documents/502': { body: made({ id: 502, kind: 'sales_order', number: 'RT-000004' }) },
    });
    renderWith(<DocumentPage id={504} />, { me: meOf() });
    await screen.findByRole('heading', { name: /Venda nº RT-000008/ });
    expect(screen.getByText('Venda excedente')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Follow Up nº 1043' }).getAttribute('href')).toBe('/followups/1043');
    expect((await screen.findByRole('link', { name: 'Pedido de venda nº RT-000004' })).getAttribute('href')).toBe(
      '/documents/502',
    );
    const totals = document.querySelector('.doc-totals') as HTMLElement;
    expect(spaces(totals.textContent)).toBe('SubtotalR$ 319,90DescontoR$ 9,90TotalR$ 310,00');
    const rows = document.querySelectorAll('tbody tr');
    expect(spaces(rows[0].textContent)).toContain('R$ 150,0010 %R$ 270,00');
    // An agent who may change the follow-up cancels it here; it is not edited here.
    expect(screen.getByRole('button', { name: 'Cancelar documento' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Editar' })).toBeNull();
  });
});
