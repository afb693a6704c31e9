import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { agent, fakeApi, importOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ImportPage } from './ImportPage';
import { PARTY_CSV_COLUMNS, examplePartyCsv } from './partyCsvFormat';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };
const pt = (k: string, p?: Record<string, string | number>) => translate('pt-BR', k, p);
const es = (k: string, p?: Record<string, string | number>) => translate('es', k, p);

const partyJob = (over: Partial<ImportJob> = {}) =>
  importOf({ id: 21, kind: 'parties', file_name: 'clientes.csv', total_lines: 4, ...over });

describe('the example file of customers and contacts', () => {
  it("is in the user's language, one column per field on every line", () => {
    const [header, ...rows] = examplePartyCsv(pt, 'pt-BR', 'carla').trim().split('\r\n');
    expect(header.split(';')).toEqual(PARTY_CSV_COLUMNS.map((c) => pt(`partyImport.header.${c}`)));
    expect(header.startsWith('codigo;tipo;nome;cpf_cnpj')).toBe(true);
    expect(rows.every((r) => r.split(';').length === PARTY_CSV_COLUMNS.length)).toBe(true);
    expect(rows[0]).toContain(';cliente;Oficina Mecânica Irmãos Souza;11.222.333/0001-81;');
    expect(rows[0]).toContain(';carla;');
    expect(rows[0]).toContain(';sim;15/03/1985');
    expect(rows[2]).toContain(';prospect;');

    const [esHeader, ...esRows] = examplePartyCsv(es, 'es', 'carla').trim().split('\r\n');
    expect(esHeader.startsWith('clave;tipo;nombre;rfc;correo;telefono')).toBe(true);
    expect(esRows[2]).toContain(';prospecto;Ana López;GODE-561231-GR8;');
    expect(esRows[2]).toContain(';sí;20/07/1990');
  });
});

describe('CSV import of customers and contacts', () => {
  it('is chosen beside the documents, sends the file and follows the progress to its summary', async () => {
    let step = 0;
    const states = [
      partyJob({ status: 'queued', total_lines: 0 }),
      partyJob({ status: 'running', processed_lines: 2 }),
      partyJob({
        status: 'done',
        processed_lines: 4,
        parties_created: 2,
        parties_updated: 1,
        contacts_created: 3,
        error_lines: 1,
        errors: [{ line: 5, field: 'cpf/cnpj', code: 'invalid_tax_id', message: 'CPF, CNPJ ou RFC inválido.' }],
        finished_at: '2026-11-23T10:00:09-03:00',
      }),
    ];
    const server = fakeApi({
      ...tables,
      'GET /imports': { body: { items: [importOf({ id: 3, file_name: 'vendas.csv' })] } },
      'POST /imports/parties': { status: 202, body: states[0] },
      'GET /imports/21': () => ({ body: states[step] }),
    });
    renderWith(<ImportPage />, { path: '/documents/import', me: meOf(supervisor) });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Importar documentos (CSV)');
    fireEvent.click(screen.getByRole('radio', { name: 'Clientes e contatos' }));
    await waitFor(() => expect(window.location.search).toBe('?kind=parties'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Importar clientes e contatos (CSV)');
    // The recent list holds this kind's imports only.
    expect(await screen.findByText('Nenhuma importação ainda.')).toBeTruthy();
    // The format: the columns as this user's file names them.
    const columns = screen.getByLabelText('Colunas');
    expect(columns.querySelector('dt')!.textContent).toBe('codigo');
    const link = screen.getByRole('link', { name: 'Baixar o exemplo (CSV)' });
    expect(link.getAttribute('download')).toBe('exemplo-clientes.csv');
    const csv = decodeURIComponent(link.getAttribute('href')!.replace('data:text/csv;charset=utf-8,', ''));
    expect(csv).toBe(`\uFEFF${examplePartyCsv(pt, 'pt-BR', 'carla')}`);

    const file = new File(['codigo;nome\nC-1;Ana\n'], 'clientes.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText(/Arquivo CSV/), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    await waitFor(() => expect(window.location.search).toBe('?kind=parties&id=21'));
    const sent = server.find('POST', '/imports/parties')[0];
    expect(sent.body).toBe(file);
    expect(server.find('POST', '/imports/documents')).toHaveLength(0);

    step = 1;
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Andamento' }).getAttribute('aria-valuenow')).toBe('50'),
    );
    step = 2;
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100'));
    const summary = screen.getByLabelText('Resumo da importação');
    expect(
      [...summary.querySelectorAll('div')].map((d) => [
        d.querySelector('dt')!.textContent,
        d.querySelector('dd')!.textContent,
      ]),
    ).toEqual([
      ['Clientes criados', '2'],
      ['Clientes atualizados', '1'],
      ['Sem alteração', '0'],
      ['Contatos criados', '3'],
      ['Linhas com erro', '1'],
    ]);
    const errors = screen.getByRole('table', { name: 'Linhas não importadas' });
    expect([...within(errors).getAllByRole('row')[1].querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      '5',
      'cpf/cnpj',
      'CPF, CNPJ ou RFC inválido (confira os dígitos).',
    ]);
    expect(screen.getByRole('link', { name: 'Ver os clientes' }).getAttribute('href')).toBe('/parties');
  });

  it('is not offered to a user without the right of the CSV imports', () => {
    fakeApi({ ...tables });
    renderWith(<ImportPage />, { path: '/documents/import?kind=parties', me: meOf(agent) });
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain(
      'Importar arquivos CSV (documentos, clientes e contatos) exige a permissão “Criar e alterar documentos”.',
    );
  });

  it('speaks Spanish to a Mexican user', async () => {
    fakeApi({ ...tables, 'GET /imports': { body: { items: [] } } });
    renderWith(<ImportPage />, { path: '/documents/import?kind=parties', me: meOf(supervisor), locale: 'es' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Importar clientes y contactos (CSV)');
    expect(screen.getByRole('link', { name: 'Descargar el ejemplo (CSV)' }).getAttribute('download')).toBe(
      'ejemplo-clientes.csv',
    );
  });
});
