import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { agent, fakeApi, importOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { CSV_COLUMNS, exampleCsv } from './csvFormat';
import { ImportPage, importPercent } from './ImportPage';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };
const t = (k: string, p?: Record<string, string | number>) => translate('pt-BR', k, p);

const finishedJob = importOf({
  status: 'done',
  total_lines: 300,
  processed_lines: 300,
  documents_created: 120,
  documents_updated: 7,
  documents_unchanged: 3,
  followups_created: 41,
  error_lines: 2,
  errors: [
    { line: 17, field: 'customer_code', code: 'unknown_party', message: 'Cliente C-999 não cadastrado.' },
    { line: 203, field: 'date', code: 'invalid_date', message: 'Data inválida: 31/02/2026.' },
  ],
  finished_at: '2026-11-23T10:00:09-03:00',
});

function chooseFile(name: string, content: string, size?: number): File {
  const file = new File([content], name, { type: 'application/vnd.ms-excel' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  fireEvent.change(screen.getByLabelText(/Arquivo CSV/), { target: { files: [file] } });
  return file;
}

describe('import helpers', () => {
  it('computes the share of lines processed', () => {
    expect(importPercent(importOf({ status: 'queued', total_lines: 0 }))).toBeNull();
    expect(importPercent(importOf({ processed_lines: 100, total_lines: 300 }))).toBe(33);
    expect(importPercent(importOf({ processed_lines: 299, total_lines: 300 }))).toBe(99);
    expect(importPercent(importOf({ status: 'done', processed_lines: 0, total_lines: 0 }))).toBe(100);
  });

  it('builds an example in the expected format', () => {
    const lines = exampleCsv(t, 'joao').trim().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1].split(',')).toEqual([
      'sale',
      '4471',
      '2026-11-20',
      'C-90001',
      'completed',
      '2026-11-20',
      'joao',
      'COMP-12',
      '1',
      'Compressor 1/2 HP',
    ]);
    expect(lines.slice(1).every((l) => l.split(',').length === CSV_COLUMNS.length)).toBe(true);
  });
});

describe('CSV import of documents', () => {
  it('sends the file, follows the progress bar to the end, then shows the summary and the refused lines', async () => {
    let step = 0;
    const states: ImportJob[] = [
      importOf({ status: 'queued', total_lines: 0 }),
      importOf({ processed_lines: 100 }),
      importOf({ processed_lines: 200 }),
      finishedJob,
    ];
    let recent: ImportJob[] = [];
    const server = fakeApi({
      ...tables,
      'GET /imports': () => ({ body: { items: recent } }),
      'POST /imports/documents': () => {
        recent = [states[0]];
        return { status: 202, body: states[0] };
      },
      'GET /imports/12': () => {
        if (step === 3) recent = [finishedJob];
        return { body: states[step] };
      },
    });
    renderWith(<ImportPage />, { path: '/documents/import', me: meOf(supervisor) });
    await screen.findByText('Nenhuma importação ainda.');
    // Without a file, nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    expect(screen.getByText('Escolha o arquivo CSV.')).toBeTruthy();
    const file = chooseFile('vendas novembro ç.csv', 'kind,number\nsale,1\n');
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    await waitFor(() => expect(window.location.search).toBe('?id=12'));

    const sent = server.find('POST', '/imports/documents')[0];
    expect(sent.body).toBe(file);
    expect(sent.headers['content-type']).toBe('text/csv');
    expect(sent.headers['x-file-name']).toBe('vendas%20novembro%20%C3%A7.csv');

    // Queued: the total is not known yet.
    const bar = await screen.findByRole('progressbar', { name: 'Andamento' });
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    const progress = bar.closest('section')!;
    expect(within(progress).getByText('Na fila')).toBeTruthy();
    step = 1;
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Andamento' }).getAttribute('aria-valuenow')).toBe('33'),
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('100 de 300 linhas (33 %)');
    expect((screen.getByRole('progressbar').firstElementChild as HTMLElement).style.width).toBe('33%');
    expect(within(progress).getByText('Processando')).toBeTruthy();
    step = 2;
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('66'));
    // No summary while it runs.
    expect(screen.queryByLabelText('Resumo da importação')).toBeNull();
    step = 3;
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100'));
    expect(within(progress).getByText('Concluída')).toBeTruthy();

    const summary = screen.getByLabelText('Resumo da importação');
    const stats = [...summary.querySelectorAll('div')].map((d) => [
      d.querySelector('dt')!.textContent,
      d.querySelector('dd')!.textContent,
    ]);
    expect(stats).toEqual([
      ['Documentos criados', '120'],
      ['Atualizados', '7'],
      ['Sem alteração', '3'],
      ['Follow-ups criados', '41'],
      ['Linhas com erro', '2'],
    ]);
    const errors = screen.getByRole('table', { name: 'Linhas não importadas' });
    expect(
      within(errors)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)),
    ).toEqual([
      ['17', 'customer_code', 'Cliente/fornecedor inexistente.'],
      ['203', 'date', 'Data inválida (use AAAA-MM-DD).'],
    ]);

    // Polling stops once the import is done.
    const polls = server.find('GET', '/imports/12').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(server.find('GET', '/imports/12')).toHaveLength(polls);

    // The recent imports are loaded again with the finished one.
    const recentTable = await screen.findByRole('table', { name: 'Importações recentes' });
    await waitFor(() => expect(within(recentTable).getAllByRole('row')[1].textContent).toContain('Concluída'));
    expect(within(recentTable).getByRole('link', { name: 'vendas-novembro.csv' }).getAttribute('href')).toBe(
      '/documents/import?id=12',
    );
  });

  it('refuses a file over 12 MB before sending it', async () => {
    const server = fakeApi({ ...tables, 'GET /imports': { body: { items: [] } } });
    renderWith(<ImportPage />, { path: '/documents/import', me: meOf(supervisor) });
    chooseFile('grande.csv', 'x', 13 * 1024 * 1024);
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    expect(screen.getByText('Arquivo de 13 MB: o limite é 12 MB.')).toBeTruthy();
    expect(server.find('POST', '/imports/documents')).toHaveLength(0);
  });

  it('shows a failed import with its lines', async () => {
    fakeApi({
      ...tables,
      'GET /imports': { body: { items: [] } },
      'GET /imports/13': {
        body: importOf({
          id: 13,
          status: 'failed',
          total_lines: 10,
          processed_lines: 4,
          errors: [{ line: 1, field: 'kind', code: 'missing_column', message: 'Cabeçalho sem a coluna kind.' }],
          error_lines: 1,
        }),
      },
    });
    renderWith(<ImportPage />, { path: '/documents/import?id=13', me: meOf(supervisor) });
    expect(
      await screen.findByText('A importação falhou. Confira as linhas abaixo e envie o arquivo de novo.'),
    ).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(
      within(screen.getByRole('table', { name: 'Linhas não importadas' })).getByText(
        'Coluna obrigatória ausente no cabeçalho.',
      ),
    ).toBeTruthy();
  });

  it('shows the file format with an example to download', async () => {
    fakeApi({ ...tables, 'GET /imports': { body: { items: [] } } });
    renderWith(<ImportPage />, { path: '/documents/import', me: meOf(supervisor) });
    const columns = screen.getByLabelText('Colunas');
    expect([...columns.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual([...CSV_COLUMNS]);
    expect(columns.querySelector('dd')!.textContent).toBe(
      'quote (orçamento), sales_order (pedido), sale (venda) ou service_order (O.S.)',
    );
    const link = screen.getByRole('link', { name: 'Baixar o exemplo (CSV)' });
    expect(link.getAttribute('download')).toBe('exemplo-documentos.csv');
    const csv = decodeURIComponent(link.getAttribute('href')!.replace('data:text/csv;charset=utf-8,', ''));
    expect(csv).toBe(exampleCsv(t, 'carla'));
  });

  it('takes the create_documents right, and says which right is missing', () => {
    fakeApi({ ...tables });
    renderWith(<ImportPage />, { path: '/documents/import', me: meOf() });
    expect(screen.getByRole('alert').textContent).toContain(
      'Importar arquivos CSV (documentos, clientes e contatos) exige a permissão “Criar e alterar documentos”.',
    );
  });
});
