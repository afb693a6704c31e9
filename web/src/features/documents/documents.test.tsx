import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DocumentInput, SalesDocument } from '../../shared/api/types';
import { agent, catalogItemOf, documentOf, fakeApi, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { DocumentFormPage, itemsOf, remapItemErrors } from './DocumentFormPage';
import { DocumentListPage, documentFiltersFrom, searchOfDocumentFilters } from './DocumentListPage';
import { DocumentPage } from './DocumentPage';
import { parseQuantity } from './kinds';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

const party = partyOf({ email: '', phone: '', contacts: [] });

/** What the server answers for a document it stored from `input`. */
function storedDocument(id: number, input: DocumentInput): SalesDocument {
  const { party_id: _p, party_code: _c, items = [], ...fields } = input;
  return documentOf({
    id,
    ...fields,
    owner_id: input.owner_id ?? null,
    completed_on: input.completed_on ?? null,
    items: items.map((it, i) => ({
      position: i + 1,
      item_id: null,
      description: '',
      quantity: 1,
      unit_price: 0,
      discount_percent: 0,
      total: 0,
      ...it,
    })),
  });
}

describe('document helpers', () => {
  it('reads quantities with a comma or a point', () => {
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity(' 1,5 ')).toBe(1.5);
    expect(parseQuantity('0.25')).toBe(0.25);
    expect(parseQuantity('1,5,2')).toBeNaN();
    expect(parseQuantity('')).toBeNaN();
    expect(parseQuantity('-1')).toBeNaN();
  });

  it('keeps the filters in the URL', () => {
    expect(documentFiltersFrom('?kind=sale&q=4471&party_id=5')).toEqual({ kind: 'sale', q: '4471', party_id: 5 });
    expect(documentFiltersFrom('?kind=invoice&party_id=x')).toEqual({});
    expect(searchOfDocumentFilters({ kind: 'service_order', party_id: 9 })).toBe('?kind=service_order&party_id=9');
    expect(searchOfDocumentFilters({})).toBe('');
  });

  it('leaves blank item rows out and moves server errors back to their rows', () => {
    const rows = [
      { key: 1, item_code: 'COMP-12', description: '', quantity: '1' },
      { key: 2, item_code: '', description: '', quantity: '1' },
      { key: 3, item_code: 'FRETE', description: 'Frete', quantity: '1,5' },
    ];
    const { items, shown } = itemsOf(rows);
    expect(items).toEqual([
      { item_code: 'COMP-12', description: '', quantity: 1 },
      { item_code: 'FRETE', description: 'Frete', quantity: 1.5 },
    ]);
    expect(remapItemErrors({ 'items[1].item_code': 'x', number: 'y' }, shown)).toEqual({
      'items[2].item_code': 'x',
      number: 'y',
    });
  });
});

describe('document list', () => {
  it('lists the documents and filters by kind, text and party (in the URL)', async () => {
    const server = fakeApi({
      ...tables,
      'GET /documents': {
        body: {
          items: [
            documentOf(),
            documentOf({
              id: 901,
              kind: 'service_order',
              number: 'OS-318',
              status: 'open',
              completed_on: null,
              followups: [],
            }),
          ],
          next_cursor: 'c2',
        },
      },
      'GET /parties': { body: { items: [party] } },
    });
    renderWith(<DocumentListPage />, { path: '/documents', me: meOf(supervisor) });
    const table = await screen.findByRole('table', { name: 'Documentos' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['Venda', '4471', '20/11/2026', 'C-90001 Padaria Boa Vista', 'Concluído', '2'],
      ['Ordem de serviço (O.S.)', 'OS-318', '20/11/2026', 'C-90001 Padaria Boa Vista', 'Em aberto', '2'],
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'Abrir Venda nº 4471' }).getAttribute('href')).toBe(
      '/documents/900',
    );
    // Supervisors add and import.
    expect(screen.getByRole('link', { name: 'Incluir' }).getAttribute('href')).toBe('/documents/new');
    expect(screen.getByRole('link', { name: 'Importar CSV' }).getAttribute('href')).toBe('/documents/import');

    fireEvent.change(screen.getByLabelText('Tipo'), { target: { value: 'sale' } });
    fireEvent.change(screen.getByLabelText('Número ou texto'), { target: { value: '4471' } });
    const picker = screen.getByRole('combobox', { name: /Cliente/ });
    fireEvent.change(picker, { target: { value: 'padaria' } });
    const option = await screen.findByRole('option', { name: /Padaria Boa Vista/ });
    fireEvent.mouseDown(option);
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() => expect(window.location.search).toBe('?kind=sale&q=4471&party_id=5'));
    await waitFor(() => expect(server.find('GET', '/documents')).toHaveLength(2));
    const q = server.find('GET', '/documents')[1].query;
    expect([q.get('kind'), q.get('q'), q.get('party_id'), q.get('limit')]).toEqual(['sale', '4471', '5', '50']);

    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    await waitFor(() => expect(server.find('GET', '/documents')).toHaveLength(3));
    expect(server.find('GET', '/documents')[2].query.get('cursor')).toBe('c2');
  });

  it('offers agents no add or import', async () => {
    fakeApi({ ...tables, 'GET /documents': { body: { items: [], next_cursor: null } } });
    renderWith(<DocumentListPage />, { path: '/documents', me: meOf() });
    await screen.findByText('Nenhum documento com estes filtros.');
    expect(screen.queryByRole('link', { name: 'Importar CSV' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Incluir' })).toBeNull();
  });
});

describe('document page', () => {
  it('shows the header, the items and the follow-ups in the colours of the list', async () => {
    fakeApi({
      ...tables,
      'GET /documents/900': {
        body: documentOf({
          followups: [
            {
              id: 1200,
              subject: 'Pós-venda do compressor',
              origin: 'after_sale',
              owner_id: 7,
              status: 'open',
              state: 'overdue',
              days_late: 2,
              next_due_date: '2026-11-21',
            },
            {
              id: 1210,
              subject: 'Reclamação do frete',
              origin: 'manual',
              owner_id: 7,
              status: 'closed',
              state: 'closed',
              days_late: 0,
              next_due_date: null,
            },
          ],
        }),
      },
    });
    renderWith(<DocumentPage id={900} />, { path: '/documents/900', me: meOf() });
    const title = await screen.findByRole('heading', { level: 1 });
    expect(title.textContent).toBe('Venda nº 4471 Concluído');
    const data = screen.getByRole('heading', { name: 'Dados do documento' }).closest('section')!;
    expect(data.textContent).toContain('Concluído em20/11/2026');
    await waitFor(() => expect(data.textContent).toContain('VendedorJoão Lima'));
    const items = within(screen.getByRole('table', { name: 'Itens' }))
      .getAllByRole('row')
      .slice(1);
    expect(items.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['1', 'COMP-12', 'Compressor 1/2 HP', '1'],
      ['2', 'FRETE · fora do catálogo', 'Frete', '1,5'],
    ]);
    const fus = within(screen.getByRole('table', { name: 'Follow-ups deste documento' }))
      .getAllByRole('row')
      .slice(1);
    expect(fus.map((r) => r.className)).toEqual(['row state-overdue', 'row state-closed']);
    expect(fus[0].textContent).toContain('Atrasado');
    expect(within(fus[0]).getByText('Pós-venda automático')).toBeTruthy();
    expect(within(fus[0]).getByRole('link').getAttribute('href')).toBe('/followups/1200');
    expect(fus[0].textContent).toContain('21/11/2026');
    expect(within(fus[1]).getByText('Manual')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Novo follow-up deste documento' }).getAttribute('href')).toBe(
      '/followups/new?party_id=5&document_id=900',
    );
    // Agents neither edit nor cancel.
    expect(screen.queryByRole('button', { name: 'Cancelar documento' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Alterar' })).toBeNull();
  });

  it("offers neither edit nor cancel on a document the supervisor may not change (another branch's)", async () => {
    fakeApi({ ...tables, 'GET /documents/900': { body: documentOf({ can_change: false }) } });
    renderWith(<DocumentPage id={900} />, { path: '/documents/900', me: meOf(supervisor) });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('link', { name: 'Novo follow-up deste documento' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancelar documento' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Alterar' })).toBeNull();
  });

  it('cancels the document after a confirmation (supervisors)', async () => {
    const server = fakeApi({
      ...tables,
      'GET /documents/900': { body: documentOf() },
      'POST /documents/900/cancel': { body: documentOf({ status: 'cancelled', version: 2 }) },
    });
    renderWith(<DocumentPage id={900} />, { path: '/documents/900', me: meOf(supervisor) });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancelar documento' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancelar Venda nº 4471?' });
    // "Go back" is the safe default.
    expect(document.activeElement?.textContent).toBe('Voltar');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Voltar' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(server.find('POST', '/documents/900/cancel')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancelar documento' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancelar documento' }));
    await screen.findByText('Documento cancelado.');
    expect(server.find('POST', '/documents/900/cancel')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Venda nº 4471 Cancelado');
    expect(screen.queryByRole('button', { name: 'Cancelar documento' })).toBeNull();
  });
});

describe('document form', () => {
  it('adds a sale with items picked from the catalogue', async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties': { body: { items: [party] } },
      'GET /catalog': {
        body: {
          items: [catalogItemOf(), catalogItemOf({ id: 33, code: 'OLD-1', name: 'Fora de linha', active: false })],
        },
      },
      'POST /documents': (req) => ({
        status: 201,
        body: storedDocument(950, req.body as DocumentInput),
      }),
    });
    renderWith(<DocumentFormPage />, { path: '/documents/new', me: meOf(supervisor) });
    await screen.findByRole('heading', { name: 'Incluir documento' });
    fireEvent.change(screen.getByLabelText(/Número/), { target: { value: ' 4480 ' } });
    fireEvent.change(screen.getByLabelText(/^Data/), { target: { value: '2026-11-22' } });
    fireEvent.change(screen.getByLabelText('Situação'), { target: { value: 'completed' } });
    // Completed: the completion date starts on today.
    expect((screen.getByLabelText('Concluído em') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    fireEvent.change(screen.getByLabelText('Concluído em'), { target: { value: '2026-11-22' } });
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'João Lima' }).length).toBeGreaterThan(0));
    fireEvent.change(screen.getByLabelText('Vendedor'), { target: { value: '7' } });

    // Without a party the form refuses.
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    expect(screen.getByRole('combobox', { name: /Cliente/ }).getAttribute('aria-invalid')).toBe('true');
    expect(server.find('POST', '/documents')).toHaveLength(0);
    const picker = screen.getByRole('combobox', { name: /Cliente/ });
    fireEvent.change(picker, { target: { value: 'C-9' } });
    fireEvent.mouseDown(await screen.findByRole('option', { name: /Padaria Boa Vista/ }));

    // First item: the code typed matches a catalogue item, whose name fills the description.
    const code1 = screen.getAllByLabelText('Código do item')[0];
    fireEvent.focus(code1);
    fireEvent.change(code1, { target: { value: 'COMP-12' } });
    await waitFor(() =>
      expect((screen.getAllByLabelText('Descrição')[0] as HTMLInputElement).value).toBe('Compressor 1/2 HP'),
    );
    // Only active items are suggested.
    const list = document.getElementById(code1.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['COMP-12']);
    fireEvent.change(screen.getAllByLabelText('Quantidade')[0], { target: { value: '2' } });

    fireEvent.click(screen.getByRole('button', { name: 'Incluir item' }));
    fireEvent.click(screen.getByRole('button', { name: 'Incluir item' }));
    expect(screen.getAllByLabelText('Código do item')).toHaveLength(3);
    fireEvent.change(screen.getAllByLabelText('Código do item')[1], { target: { value: 'FRETE' } });
    fireEvent.change(screen.getAllByLabelText('Descrição')[1], { target: { value: 'Frete' } });
    fireEvent.change(screen.getAllByLabelText('Quantidade')[1], { target: { value: 'abc' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    expect(screen.getByText('Informe uma quantidade maior que zero (ex.: 2 ou 1,5).')).toBeTruthy();
    fireEvent.change(screen.getAllByLabelText('Quantidade')[1], { target: { value: '1,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remover o item 3' }));
    expect(screen.getAllByLabelText('Código do item')).toHaveLength(2);

    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/documents/950'));
    expect(window.location.search).toBe('?saved=1');
    expect(server.find('POST', '/documents')[0].body).toEqual({
      kind: 'sale',
      number: '4480',
      party_id: 5,
      date: '2026-11-22',
      status: 'completed',
      completed_on: '2026-11-22',
      owner_id: 7,
      items: [
        { item_code: 'COMP-12', description: 'Compressor 1/2 HP', quantity: 2 },
        { item_code: 'FRETE', description: 'Frete', quantity: 1.5 },
      ],
    });
  });

  it('shows no form for a document the user may not change, and sends nothing', async () => {
    const server = fakeApi({ ...tables, 'GET /documents/900': { body: documentOf({ can_change: false }) } });
    renderWith(<DocumentFormPage id={900} />, { path: '/documents/900/edit', me: meOf(supervisor) });
    await screen.findByText('Este documento é de outra filial ou de um cliente de outra pessoa.');
    expect(screen.queryByRole('button', { name: 'Salvar' })).toBeNull();
    expect(server.find('PUT', '/documents/900')).toHaveLength(0);
  });

  it("replaces a document (PUT) and shows the server's errors at the item they name", async () => {
    const server = fakeApi({
      ...tables,
      'GET /documents/900': { body: documentOf() },
      'PUT /documents/900': problem(422, 'validation', 'Dados inválidos', [
        { field: 'items[1].item_code', code: 'unknown_code', message: 'Código fora do catálogo.' },
        { field: 'number', code: 'taken', message: 'Já existe uma venda com este número.' },
      ]),
    });
    renderWith(<DocumentFormPage id={900} />, { path: '/documents/900/edit', me: meOf(supervisor) });
    await screen.findByRole('heading', { name: 'Alterar Venda nº 4471' });
    expect((screen.getByRole('combobox', { name: /Cliente/ }) as HTMLInputElement).value).toBe(
      'C-90001 — Padaria Boa Vista',
    );
    expect(screen.getAllByLabelText('Código do item').map((i) => (i as HTMLInputElement).value)).toEqual([
      'COMP-12',
      'FRETE',
    ]);
    expect((screen.getAllByLabelText('Quantidade')[1] as HTMLInputElement).value).toBe('1.5');
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    const err = await screen.findByText('Código não cadastrado.');
    expect(screen.getAllByLabelText('Código do item')[1].getAttribute('aria-describedby')).toBe(err.id);
    expect(server.find('PUT', '/documents/900')[0].headers['if-match']).toBe(`"${documentOf().version}"`);
    expect(screen.getByText('Já está em uso.')).toBeTruthy();
    expect((server.find('PUT', '/documents/900')[0].body as { items: unknown[] }).items).toHaveLength(2);
  });

  it('takes the create_documents right, and says which right is missing', () => {
    fakeApi({ ...tables });
    renderWith(<DocumentFormPage />, { path: '/documents/new', me: meOf() });
    expect(screen.getByRole('alert').textContent).toContain('Você não tem a permissão “Criar e alterar documentos”.');
  });
});
