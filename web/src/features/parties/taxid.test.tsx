// A party's CPF, CNPJ or RFC: typed with or without punctuation, sent as typed, shown
// formatted; the server's check-digit refusal sits by the field.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatTaxId } from '../../shared/format';
import { fakeApi, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { PartyNewPage } from './PartyNewPage';
import { PartyPage } from './PartyPage';

describe('formatTaxId', () => {
  it.each([
    ['52998224725', 'cpf', '529.982.247-25'],
    ['11222333000181', 'cnpj', '11.222.333/0001-81'],
    ['12ABC34501DE35', 'cnpj', '12.ABC.345/01DE-35'],
    ['GODE561231GR8', 'rfc', 'GODE561231GR8'],
    ['', null, ''],
  ] as const)('%s (%s) -> %s', (id, kind, shown) => {
    expect(formatTaxId(id, kind)).toBe(shown);
  });
});

describe('the tax id of a party', () => {
  it('is sent as typed on creation, and a wrong check digit is shown by the field', async () => {
    const server = fakeApi({
      ...tables,
      'POST /parties': (req) =>
        (req.body as { tax_id?: string }).tax_id === '529.982.247-26'
          ? problem(422, 'validation', 'Dados inválidos', [
              { field: 'tax_id', code: 'invalid_tax_id', message: 'CPF, CNPJ ou RFC inválido (confira os dígitos).' },
            ])
          : { status: 201, body: partyOf({ id: 6, tax_id: '52998224725', tax_id_kind: 'cpf' }) },
    });
    renderWith(<PartyNewPage />, { path: '/parties/new', me: meOf() });
    fireEvent.change(screen.getByLabelText(/^Código/), { target: { value: 'C-1' } });
    fireEvent.change(screen.getByLabelText(/^Nome/), { target: { value: 'Padaria' } });
    const field = screen.getByLabelText('CPF / CNPJ / RFC');
    fireEvent.change(field, { target: { value: '529.982.247-26' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    const error = await screen.findByText('CPF, CNPJ ou RFC inválido (confira os dígitos).');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    fireEvent.change(field, { target: { value: '529.982.247-25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(window.location.pathname).toBe('/parties/6'));
    expect((server.find('POST', '/parties')[1].body as { tax_id: string }).tax_id).toBe('529.982.247-25');
  });

  it('is shown formatted on the party page and in the form, and an unchanged one is not sent again', async () => {
    const p = partyOf({ version: 2, tax_id: '11222333000181', tax_id_kind: 'cnpj' });
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: p, headers: { ETag: '"2"' } },
      'PATCH /parties/5': (req) => ({ body: { ...p, ...(req.body as object), version: 3 }, headers: { ETag: '"3"' } }),
      'GET /followups': { body: { items: [], next_cursor: null, total: 0 } },
    });
    renderWith(<PartyPage id={5} />, { path: '/parties/5', me: meOf() });
    const term = await screen.findByText('CNPJ');
    expect(term.nextElementSibling?.textContent).toBe('11.222.333/0001-81');
    fireEvent.click(screen.getByRole('button', { name: 'Editar' }));
    const form = screen.getByRole('region', { name: 'Editar cadastro' });
    const field = within(form).getByLabelText('CPF / CNPJ / RFC') as HTMLInputElement;
    expect(field.value).toBe('11.222.333/0001-81');
    fireEvent.change(within(form).getByLabelText(/^Nome/), { target: { value: 'Padaria Nova' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Cadastro salvo.');
    expect(server.find('PATCH', '/parties/5')[0].body).toEqual({ name: 'Padaria Nova' });
    fireEvent.click(screen.getByRole('button', { name: 'Editar' }));
    const again = screen.getByRole('region', { name: 'Editar cadastro' });
    fireEvent.change(within(again).getByLabelText('CPF / CNPJ / RFC'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('PATCH', '/parties/5')).toHaveLength(2));
    expect(server.find('PATCH', '/parties/5')[1].body).toEqual({ tax_id: '' });
  });
});
