import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../shared/api/types';
import { agent, catalogItemOf, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AdminPage } from './AdminPage';
import { catalogBody, catalogFormOf } from './CatalogAdmin';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

const service = catalogItemOf({
  id: 32,
  code: 'MANUT-PREV',
  kind: 'service',
  name: 'Manutenção preventiva',
  followup_days: null,
  followup: { subject: '', category: '', type: '', message: '' },
});

const placeholders = {
  'GET /templates': {
    body: {
      items: [],
      placeholders: [
        { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'cliente' }, example: 'Padaria Boa Vista' },
        {
          name: 'documento',
          names: { 'pt-BR': 'documento', es: 'documento', en: 'documento' },
          example: 'Venda nº 4471',
        },
      ],
    },
  },
};

function serve(items: CatalogItem[], extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    ...tables,
    ...placeholders,
    'GET /catalog': (req) => {
      const q = (req.query.get('q') ?? '').toLowerCase();
      const kind = req.query.get('kind');
      return {
        body: {
          items: items.filter(
            (i) => (!kind || i.kind === kind) && (!q || `${i.code} ${i.name}`.toLowerCase().includes(q)),
          ),
        },
      };
    },
    ...extra,
  });
}

describe('catalogue of products and services', () => {
  it('lists the items with their follow-up, searches and filters by kind', async () => {
    const server = serve([catalogItemOf(), service]);
    renderWith(<AdminPage section="catalog" />, { me: meOf(admin) });
    const table = await screen.findByRole('table', { name: 'Produtos e serviços' });
    const cells = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('td')].slice(0, 6).map((c) => c.textContent));
    // The category's name once the reference tables are in.
    await waitFor(() =>
      expect(cells()).toEqual([
        ['COMP-12', 'Produto', 'Compressor 1/2 HP', 'Sim', '30 dias', 'Pós-venda'],
        ['MANUT-PREV', 'Serviço', 'Manutenção preventiva', 'Sim', 'Sem follow-up', '—'],
      ]),
    );
    fireEvent.change(screen.getByLabelText('Tipo'), { target: { value: 'service' } });
    fireEvent.change(screen.getByLabelText('Código ou nome'), { target: { value: 'manut' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    const last = server.find('GET', '/catalog').at(-1)!;
    expect(last.query.get('kind')).toBe('service');
    expect(last.query.get('q')).toBe('manut');
    expect(screen.getByRole('link', { name: 'Catálogo' }).getAttribute('aria-current')).toBe('page');
  });

  it('creates a product with "follow-up after N days" and its template, placeholders inserted', async () => {
    const server = serve([], {
      'POST /catalog': (req) => ({ status: 201, body: { ...catalogItemOf(), ...(req.body as object), id: 40 } }),
    });
    renderWith(<AdminPage section="catalog" />, { me: meOf(admin) });
    await screen.findByText('Nenhum produto ou serviço encontrado.');
    fireEvent.click(screen.getByRole('button', { name: 'Incluir' }));
    const dialog = await screen.findByRole('dialog', { name: 'Novo produto ou serviço' });
    fireEvent.change(within(dialog).getByLabelText(/Código/), { target: { value: 'COMP-12' } });
    fireEvent.change(within(dialog).getByLabelText(/^Nome/), { target: { value: 'Compressor 1/2 HP' } });
    fireEvent.change(within(dialog).getByLabelText(/Follow-up após/), { target: { value: '4000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByText('Informe um número de 1 a 3650, ou deixe em branco.')).toBeTruthy();
    // With days, the template's subject is required too.
    expect(
      within(dialog)
        .getByLabelText(/Assunto/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(server.find('POST', '/catalog')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Follow-up após/), { target: { value: '30' } });
    fireEvent.change(within(dialog).getByLabelText(/Assunto/), { target: { value: 'Pós-venda do compressor' } });
    fireEvent.change(within(dialog).getByLabelText(/Tp. contato/), { target: { value: 'whatsapp' } });
    const message = within(dialog).getByLabelText('Mensagem ao cliente') as HTMLTextAreaElement;
    fireEvent.change(message, { target: { value: 'Olá , tudo certo?' } });
    fireEvent.focus(message);
    message.setSelectionRange(4, 4);
    fireEvent.click(await within(dialog).findByRole('button', { name: /Inserir #\{cliente\}/ }));
    await waitFor(() => expect(message.value).toBe('Olá #{cliente}, tudo certo?'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Compressor 1/2 HP salvo.');
    expect(server.find('POST', '/catalog')[0].body).toEqual({
      code: 'COMP-12',
      kind: 'product',
      name: 'Compressor 1/2 HP',
      active: true,
      followup_days: 30,
      followup: {
        subject: 'Pós-venda do compressor',
        category: 'pos_venda',
        type: 'whatsapp',
        message: 'Olá #{cliente}, tudo certo?',
      },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("edits an item, sending only what changed, with the server's errors at their fields", async () => {
    let refuse = true;
    const server = serve([catalogItemOf()], {
      'PATCH /catalog/31': (req) =>
        refuse
          ? problem(422, 'validation', 'Dados inválidos', [
              { field: 'followup.category', code: 'unknown_code', message: 'Categoria desconhecida.' },
            ])
          : { body: { ...catalogItemOf(), ...(req.body as object) } },
    });
    renderWith(<AdminPage section="catalog" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Alterar Compressor 1/2 HP' }));
    const dialog = await screen.findByRole('dialog', { name: 'Alterar Compressor 1/2 HP' });
    expect((within(dialog).getByLabelText(/Follow-up após/) as HTMLInputElement).value).toBe('30');
    expect((within(dialog).getByLabelText(/Categoria/) as HTMLSelectElement).value).toBe('pos_venda');
    fireEvent.change(within(dialog).getByLabelText(/Categoria/), { target: { value: 'em_analise' } });
    fireEvent.click(within(dialog).getByLabelText(/^Ativo/));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    const err = await within(dialog).findByText('Código não cadastrado.');
    expect(
      within(dialog)
        .getByLabelText(/Categoria/)
        .getAttribute('aria-describedby'),
    ).toBe(err.id);
    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Compressor 1/2 HP salvo.');
    expect(server.find('PATCH', '/catalog/31').at(-1)!.body).toEqual({
      active: false,
      followup: {
        subject: 'Pós-venda do compressor',
        category: 'em_analise',
        type: 'phone',
        message: 'Olá #{cliente}, tudo certo com o compressor?',
      },
    });
  });

  it('builds the body: all for a new item, the changes for an existing one, blank days as null', () => {
    const item = catalogItemOf();
    const same = catalogFormOf(item, [], []);
    expect(catalogBody(same, item)).toEqual({});
    expect(catalogBody({ ...same, followup_days: '' }, item)).toEqual({ followup_days: null });
    expect(catalogBody({ ...same, name: ' Compressor 1 HP ' }, item)).toEqual({ name: 'Compressor 1 HP' });
    const fresh = catalogFormOf(
      null,
      [{ id: 1, code: 'pos_venda', name: 'Pós-venda', position: 1, active: true }],
      [{ id: 1, code: 'phone', name: 'Telefone', position: 1, active: true }],
    );
    expect(catalogBody({ ...fresh, code: 'X', name: 'Y' }, null)).toEqual({
      code: 'X',
      kind: 'product',
      name: 'Y',
      active: true,
      followup_days: null,
      followup: { subject: '', category: 'pos_venda', type: 'phone', message: '' },
    });
  });
});
