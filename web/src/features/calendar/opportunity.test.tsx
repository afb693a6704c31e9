// The "+" opportunity dialog looks existing parties up while the name is typed and links
// the new follow-up to the one chosen, instead of registering a duplicate prospect.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CalendarMonthDay } from '../../shared/api/types';
import { addDays, todayIn } from '../../shared/format';
import { fakeApi, followupOf, meOf, partyOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { CalendarPage } from './CalendarPage';

function monthOf(month: string): { month: string; today: string; days: CalendarMonthDay[] } {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const days: CalendarMonthDay[] = [];
  for (let d = 1; d <= n; d++)
    days.push({ date: `${month}-${String(d).padStart(2, '0')}`, total: 0, done: 0, planned: 0, colour: 'future' });
  return { month, today: '2026-11-23', days };
}

const existing = partyOf({ id: 77, code: 'C-77', name: 'Açougue Cambuí' });

function serve() {
  return fakeApi({
    ...tables,
    'GET /templates': { body: { items: [], placeholders: [] } },
    'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!) }),
    'GET /calendar/day': (req) => ({ body: { date: req.query.get('date'), items: [] } }),
    'GET /parties': (req) => ({
      body: {
        items:
          (req.query.get('q') ?? '').length >= 2
            ? [existing, partyOf({ id: 78, code: 'C-78', name: 'Açougue Central' })]
            : [],
      },
    }),
    'POST /opportunities': {
      status: 201,
      body: { party: { id: 77, code: 'C-77', name: 'Açougue Cambuí' }, followup: followupOf({ id: 2002 }) },
    },
  });
}

async function openDialog() {
  renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf() });
  fireEvent.click(await screen.findByRole('button', { name: 'Nova oportunidade' }));
  return screen.findByRole('dialog', { name: 'Nova oportunidade' });
}

describe('the opportunity dialog', () => {
  it('lists the parties that match while typing, chosen with the keyboard, and links the follow-up to it', async () => {
    const server = serve();
    const next = addDays(todayIn('America/Sao_Paulo'), 3);
    const dialog = await openDialog();
    const company = within(dialog).getByRole('combobox', { name: /Empresa ou cliente/ });
    for (const typed of ['a', 'ac', 'aco', 'acou', 'acougue']) fireEvent.change(company, { target: { value: typed } });
    const list = await within(dialog).findByRole('listbox', { name: 'Clientes já cadastrados' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    // One search after the pause, not one per keystroke.
    expect(server.find('GET', '/parties')).toHaveLength(1);
    expect(server.find('GET', '/parties')[0].query.get('q')).toBe('acougue');
    fireEvent.keyDown(company, { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[0].getAttribute('aria-selected')).toBe('true');
    expect(company.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0].id);
    fireEvent.keyDown(company, { key: 'Enter' });
    expect((company as HTMLInputElement).value).toBe('Açougue Cambuí');
    expect(within(dialog).getByText('Vinculado ao cadastro existente C-77 — Açougue Cambuí.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Data do próximo contato/), { target: { value: next } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('POST', '/opportunities')).toHaveLength(1));
    const body = server.find('POST', '/opportunities')[0].body as Record<string, unknown>;
    expect(body.party_id).toBe(77);
    expect(body.company).toBeUndefined();
    expect(body.next_contact_date).toBe(next);
  });

  it('registers a new prospect when the user unlinks or types on after choosing', async () => {
    const server = serve();
    const dialog = await openDialog();
    fireEvent.change(within(dialog).getByLabelText(/Data do próximo contato/), {
      target: { value: addDays(todayIn('America/Sao_Paulo'), 2) },
    });
    const company = within(dialog).getByRole('combobox', { name: /Empresa ou cliente/ });
    fireEvent.change(company, { target: { value: 'acou' } });
    const list = await within(dialog).findByRole('listbox', { name: 'Clientes já cadastrados' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    fireEvent.mouseDown(within(list).getAllByRole('option')[1]);
    expect(within(dialog).getByText(/Vinculado ao cadastro existente C-78/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cadastrar como novo' }));
    expect(within(dialog).queryByText(/Vinculado/)).toBeNull();
    fireEvent.change(company, { target: { value: 'Açougue Central Filial 2' } });
    await waitFor(() => expect(list.hidden).toBe(false));
    // Escape closes the list, not the dialog.
    fireEvent.keyDown(company, { key: 'Escape' });
    expect(list.hidden).toBe(true);
    expect(screen.getByRole('dialog', { name: 'Nova oportunidade' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('POST', '/opportunities')).toHaveLength(1));
    const body = server.find('POST', '/opportunities')[0].body as Record<string, unknown>;
    expect(body.company).toBe('Açougue Central Filial 2');
    expect(body.party_id).toBeUndefined();
  });
});
