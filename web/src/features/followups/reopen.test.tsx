// Reopening a closed follow-up (manual 003, ADR 0042): with the reopen right the user
// reopens; without it "Pedir reabertura" sends a request with a reason; the refusals that
// name a document say its number.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Followup } from '../../shared/api/types';
import { agent, fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupDetailPage } from './FollowupDetailPage';

const closed = (): Followup => followupOf({ status: 'closed', state: 'closed', next_due_date: null });

function serve(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    ...tables,
    'GET /followups/1043': () => ({ body: closed(), headers: { ETag: `"${closed().version}"` } }),
    ...extra,
  });
}

const requestOf = (over = {}) => ({
  id: 12,
  followup_id: 1043,
  requested_by: 7,
  reason: 'Cliente ligou de novo.',
  status: 'pending' as const,
  decided_by: null,
  decided_at: null,
  answer: '',
  created_at: '2026-11-23T10:00:00-03:00',
  ...over,
});

describe('reopening a closed follow-up', () => {
  it('an agent without the right asks a supervisor, with a reason', async () => {
    const server = serve({
      'POST /followups/1043/reopen-requests': (req) => ({ status: 201, body: requestOf(req.body as object) }),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf(agent) });
    fireEvent.click(await screen.findByRole('button', { name: 'Pedir reabertura' }));
    expect(screen.queryByRole('button', { name: 'Reabrir' })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Pedir a reabertura a um supervisor' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar pedido' }));
    expect(within(dialog).getByText('Preencha este campo.')).toBeTruthy();
    expect(server.find('POST', '/followups/1043/reopen-requests')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Motivo da reabertura/), {
      target: { value: 'Cliente ligou de novo.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar pedido' }));
    await screen.findByText('Pedido de reabertura enviado ao supervisor.');
    expect(server.find('POST', '/followups/1043/reopen-requests')[0].body).toEqual({
      reason: 'Cliente ligou de novo.',
    });
  });

  it('an agent granted the reopen right reopens; an open sales order is named by its number', async () => {
    const server = serve({
      'POST /followups/1043/reopen': {
        status: 409,
        body: {
          type: 'about:blank',
          title: 'O atendimento tem o pedido de venda RT-000004: cancele o pedido antes de reabrir.',
          status: 409,
          detail: 'O atendimento tem o pedido de venda RT-000004: cancele o pedido antes de reabrir.',
          code: 'reopen_open_order',
          request_id: 'test',
          document: { id: 44, number: 'RT-000004' },
        },
      },
    });
    const me = { ...meOf(agent), rights: [...meOf(agent).rights, 'reopen' as const] };
    renderWith(<FollowupDetailPage id={1043} />, { me });
    fireEvent.click(await screen.findByRole('button', { name: 'Reabrir' }));
    expect(screen.queryByRole('button', { name: 'Pedir reabertura' })).toBeNull();
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Motivo da reabertura/), { target: { value: 'Voltou.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reabrir' }));
    await waitFor(() => expect(server.find('POST', '/followups/1043/reopen')).toHaveLength(1));
    expect(
      await within(dialog).findByText(
        'O atendimento tem o pedido de venda RT-000004: cancele o pedido antes de reabrir.',
      ),
    ).toBeTruthy();
  });

  it('the excess-sale refusal reads in Spanish with the sale number', async () => {
    serve({
      'POST /followups/1043/reopen-requests': {
        status: 409,
        body: {
          type: 'about:blank',
          title: 'x',
          status: 409,
          detail: 'x',
          code: 'reopen_excess_sale',
          request_id: 'test',
          document: { id: 45, number: 'RT-000009' },
        },
      },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf({ ...agent, locale: 'es' }), locale: 'es' });
    fireEvent.click(await screen.findByRole('button', { name: 'Pedir reapertura' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Motivo de la reapertura/), { target: { value: 'Llamó.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar solicitud' }));
    expect(
      await within(dialog).findByText('El seguimiento generó la venta excedente RT-000009 y no se puede reabrir.'),
    ).toBeTruthy();
  });

  it("while a request waits, the page says since when in the viewer's zone instead of offering to ask again", async () => {
    // 01:30 UTC on the 24th is still the 23rd in São Paulo, Mexico City and New York.
    const waiting = (): Followup => ({ ...closed(), reopen_requested_at: '2026-11-24T01:30:00Z' });
    const cases = [
      {
        user: agent,
        locale: 'pt-BR' as const,
        text: 'Reabertura pedida em 23/11/2026, 22:30',
        ask: 'Pedir reabertura',
      },
      {
        user: { ...agent, locale: 'es' as const, time_zone: 'America/Mexico_City' },
        locale: 'es' as const,
        text: 'Reapertura solicitada el 23/11/2026, 19:30',
        ask: 'Pedir reapertura',
      },
      {
        user: { ...agent, locale: 'en' as const, time_zone: 'America/New_York' },
        locale: 'en' as const,
        text: 'Reopening requested on 11/23/2026, 08:30 PM',
        ask: 'Ask to reopen',
      },
    ];
    for (const c of cases) {
      fakeApi({
        ...tables,
        'GET /followups/1043': () => ({ body: waiting(), headers: { ETag: `"${waiting().version}"` } }),
      });
      const view = renderWith(<FollowupDetailPage id={1043} />, { me: meOf(c.user), locale: c.locale });
      const shown = await screen.findByText((_, el) => el?.classList.contains('reopen-asked') === true);
      expect(shown.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe(c.text);
      expect(screen.queryByRole('button', { name: c.ask })).toBeNull();
      view.unmount();
    }
  });

  it('the button is back once no request waits', async () => {
    serve();
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf(agent) });
    await screen.findByRole('button', { name: 'Pedir reabertura' });
    expect(screen.queryByText(/Reabertura pedida em/)).toBeNull();
  });
});
