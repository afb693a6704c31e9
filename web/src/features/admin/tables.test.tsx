// The tables the admin keeps (contact types, categories, branches): renamed in each
// language, moved up and down, retired and brought back; pickers offer only the active
// ones, in the admin's order, but keep a record's retired value.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CodeItem } from '../../shared/api/types';
import { offered } from '../../shared/hooks/useTables';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ActionFields, emptyAction } from '../../entities/action/ActionFields';
import { AdminPage } from './AdminPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

const enabled = (name: string) => !(screen.getByRole('button', { name }) as HTMLButtonElement).disabled;

const types: CodeItem[] = [
  {
    id: 1,
    code: 'phone',
    name: 'Telefone',
    position: 1,
    active: true,
    names: { 'pt-BR': 'Telefone', es: 'Teléfono', en: 'Phone' },
  },
  { id: 2, code: 'fax', name: 'Fax', position: 2, active: false, names: { 'pt-BR': 'Fax', es: 'Fax', en: 'Fax' } },
  {
    id: 3,
    code: 'visit',
    name: 'Visita',
    position: 3,
    active: true,
    names: { 'pt-BR': 'Visita', es: 'Visita', en: 'Visit' },
  },
];

describe('contact types and categories', () => {
  it('lists every row with its names in the three languages and its state', async () => {
    const server = fakeApi({ ...tables, 'GET /contact-types': { body: { items: types } } });
    renderWith(<AdminPage section="contact-types" />, { me: meOf(admin) });
    const row = (await screen.findByText('Teléfono')).closest('tr')!;
    expect(within(row).getByText('Phone')).toBeTruthy();
    expect(within(row).getByText('Ativo')).toBeTruthy();
    expect(within(screen.getByText('fax').closest('tr')!).getByText('Desativado')).toBeTruthy();
    expect(server.find('GET', '/contact-types')[0].query.get('include_retired')).toBe('true');
  });

  it('renames a row in each language', async () => {
    const server = fakeApi({
      ...tables,
      'GET /contact-types': { body: { items: types } },
      'PATCH /contact-types/3': (req) => ({ body: { ...types[2], ...(req.body as object) } }),
    });
    renderWith(<AdminPage section="contact-types" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Renomear Visita' }));
    fireEvent.change(screen.getByLabelText(/Nome \(es\)/), { target: { value: 'Visita técnica' } });
    fireEvent.change(screen.getByLabelText(/Nome \(en\)/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(server.find('PATCH', '/contact-types/3')).toHaveLength(0);
    expect(screen.getByText('Preencha este campo.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Nome \(en\)/), { target: { value: 'Site visit' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/contact-types/3')[0].body).toEqual({
      names: { 'pt-BR': 'Visita', es: 'Visita técnica', en: 'Site visit' },
    });
  });

  it('moves a row up or down and retires or brings one back', async () => {
    const server = fakeApi({
      ...tables,
      'GET /categories': { body: { items: types } },
      'PATCH /categories/:id': (req) => ({ body: { ...types[0], ...(req.body as object) } }),
    });
    renderWith(<AdminPage section="categories" />, { me: meOf(admin) });
    expect(((await screen.findByRole('button', { name: 'Subir Telefone' })) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Descer Visita' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Subir Visita' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/categories/3')[0].body).toEqual({ position: 2 });
    await waitFor(() => expect(enabled('Desativar Telefone')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Desativar Telefone' }));
    await expect.poll(() => server.find('PATCH', '/categories/1').length).toBe(1);
    expect(server.find('PATCH', '/categories/1')[0].body).toEqual({ active: false });
    await waitFor(() => expect(enabled('Reativar Fax')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Reativar Fax' }));
    await expect.poll(() => server.find('PATCH', '/categories/2').length).toBe(1);
    expect(server.find('PATCH', '/categories/2')[0].body).toEqual({ active: true });
  });
});

describe('branches', () => {
  it('renames, moves and retires a branch', async () => {
    const branches = [
      { id: 1, name: 'Campinas', time_zone: '', position: 1, active: true },
      { id: 2, name: 'Santos', time_zone: '', position: 2, active: true },
    ];
    const server = fakeApi({
      ...tables,
      'GET /branches': { body: { items: branches } },
      'PATCH /branches/:id': (req) => ({ body: { ...branches[1], ...(req.body as object) } }),
    });
    renderWith(<AdminPage section="branches" />, { me: meOf(admin) });
    fireEvent.click(await screen.findByRole('button', { name: 'Renomear Santos' }));
    fireEvent.change(screen.getByLabelText(/^Nome/, { selector: '#branch-2-name' }), {
      target: { value: 'Santos (porto)' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/branches/2')[0].body).toEqual({ name: 'Santos (porto)' });
    await waitFor(() => expect(enabled('Subir Santos')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Subir Santos' }));
    await expect.poll(() => server.find('PATCH', '/branches/2').length).toBe(2);
    expect(server.find('PATCH', '/branches/2')[1].body).toEqual({ position: 1 });
    await waitFor(() => expect(enabled('Desativar Campinas')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Desativar Campinas' }));
    await expect.poll(() => server.find('PATCH', '/branches/1').length).toBe(1);
    expect(server.find('PATCH', '/branches/1')[0].body).toEqual({ active: false });
  });
});

describe('pickers', () => {
  it('offer only the active rows, in order, but keep the value a record holds', () => {
    expect(offered(types).map((t) => t.code)).toEqual(['phone', 'visit']);
    expect(offered(types, (t) => t.code === 'fax').map((t) => t.code)).toEqual(['phone', 'fax', 'visit']);
  });

  it('the type of a new return lists no retired type', () => {
    renderWith(
      <ActionFields
        value={emptyAction('', '2026-11-23')}
        onChange={() => {}}
        contactTypes={types}
        errors={{}}
        prefix=""
        today="2026-11-23"
        timeZone="America/Sao_Paulo"
        idPrefix="t"
      />,
      { me: meOf() },
    );
    const select = screen.getByLabelText(/Tp. contato/) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['', 'phone', 'visit']);
  });
});
