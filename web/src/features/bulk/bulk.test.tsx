import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, problem, summaryOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import type { ReactElement } from 'react';
import { resolve } from '../../app/routes';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

function list(total = 3) {
  return {
    body: {
      total,
      items: [1, 2, 3].map((id) => summaryOf({ id, subject: `Assunto ${id}` })),
      next_cursor: total > 3 ? 'c2' : null,
    },
  };
}

function renderList(total = 3) {
  // The list as the app composes it, with the bulk bar.
  renderWith(resolve('/followups').element as ReactElement, {
    path: '/followups?state=overdue',
    me: meOf(supervisor),
  });
  return total;
}

describe('bulk changes', () => {
  it('reassigns the picked follow-ups with a reason and lists the refused ones', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups': list(),
      'POST /followups/bulk': {
        body: {
          applied: 1,
          accepted: 1,
          selected: 2,
          capped: false,
          max_items: 5000,
          dry_run: false,
          refused: [{ id: 3, code: 'followup_closed', message: 'Este follow-up está concluído.' }],
        },
      },
    });
    renderList();
    await screen.findByText('Assunto 1');
    fireEvent.click(screen.getByRole('checkbox', { name: /follow-up 1:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /follow-up 3:/ }));
    expect(screen.getByText('2 follow-ups selecionados')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Transferir' }));
    const dialog = await screen.findByRole('dialog');
    // The first field has the focus; the reason is required before anything is sent.
    expect(document.activeElement).toBe(within(dialog).getByLabelText(/Novo responsável/));
    // The agents arrive after the dialog opens: a value set before its option exists is lost.
    await within(dialog).findByRole('option', { name: 'João Lima' });
    fireEvent.change(within(dialog).getByLabelText(/Novo responsável/), { target: { value: '7' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transferir' }));
    expect(await within(dialog).findByText('Preencha este campo.')).toBeTruthy();
    expect(server.find('POST', '/followups/bulk')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'Férias' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transferir' }));
    await screen.findByText('1 follow-up alterado.');
    expect(server.find('POST', '/followups/bulk')[0].body).toEqual({
      action: 'reassign',
      reason: 'Férias',
      ids: [1, 3],
      to_user_id: 7,
    });
    expect(screen.getByText(/Este follow-up está concluído/)).toBeTruthy();
    // Closing the result reads the list again, with nothing picked.
    const before = server.find('GET', '/followups').length;
    fireEvent.click(within(screen.getByRole('dialog')).getAllByRole('button', { name: 'Fechar' }).at(-1)!);
    await waitFor(() => expect(server.find('GET', '/followups').length).toBe(before + 1));
    await waitFor(() => expect(screen.queryByText(/selecionados?$/)).toBeNull());
  });

  it('selects every follow-up of the filter and sends the filter, not ids', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups': list(120),
      'POST /followups/bulk': {
        body: {
          applied: 120,
          accepted: 120,
          selected: 120,
          capped: false,
          max_items: 5000,
          dry_run: false,
          refused: [],
        },
      },
    });
    renderList(120);
    await screen.findByText('Assunto 1');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Selecionar os follow-ups mostrados' }));
    fireEvent.click(screen.getByRole('button', { name: 'Selecionar todos os 120 do filtro' }));
    expect(screen.getByText('Todos os 120 follow-ups do filtro')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mover retornos' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByLabelText(/Próximo dia útil/));
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'Sistema fora' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mover retornos' }));
    await screen.findByText('120 follow-ups alterados.');
    expect(server.find('POST', '/followups/bulk')[0].body).toEqual({
      action: 'move',
      reason: 'Sistema fora',
      next_business_day: true,
      filter: { status: 'open', state: 'overdue' },
    });
  });

  it("shows the server's field errors on the form", async () => {
    fakeApi({
      ...tables,
      'GET /followups': list(),
      'POST /followups/bulk': problem(422, 'validation', 'Dados inválidos.', [
        { field: 'to_user_id', code: 'not_allowed', message: 'Não permitido.' },
      ]),
    });
    renderList();
    await screen.findByText('Assunto 1');
    fireEvent.click(screen.getByRole('checkbox', { name: /follow-up 2:/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Transferir' }));
    const dialog = await screen.findByRole('dialog');
    // The agents arrive after the dialog opens: a value set before its option exists is lost.
    await within(dialog).findByRole('option', { name: 'Carla Souza' });
    fireEvent.change(within(dialog).getByLabelText(/Novo responsável/), { target: { value: '8' } });
    fireEvent.change(within(dialog).getByLabelText(/Motivo/), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transferir' }));
    expect(await within(dialog).findByText('Você não pode atribuir a este usuário.')).toBeTruthy();
  });
});
