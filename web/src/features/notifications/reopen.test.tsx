// Reopen requests in the bell (manual 003, ADR 0042): the supervisor reads the agent's
// reason and approves or refuses (a refusal needs a reason) from the notification; the
// agent reads the outcome.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import type { Me, UserNotification } from '../../shared/api/types';
import { agent, fakeApi, meOf, notificationOf, tables } from '../../test/fakeApi';
import { FakeEventSource, installFakeEventSource } from '../../test/fakeEventSource';
import { renderWith } from '../../test/render';
import { reopenDetail } from './reopenNotice';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

const decided = {
  id: 12,
  followup_id: 1043,
  requested_by: 7,
  reason: 'Cliente ligou de novo.',
  decided_by: 8,
  decided_at: '2026-11-23T14:00:00-03:00',
  created_at: '2026-11-23T10:00:00-03:00',
};

function serve(me: Me, initial: UserNotification[]) {
  let items = [...initial];
  return fakeApi({
    ...tables,
    'GET /me': { body: me },
    'GET /agenda': { body: { items: [] } },
    'GET /notifications': () => ({
      body: { items, unread: items.filter((n) => !n.read_at).length },
    }),
    'POST /notifications/:id/read': (req) => {
      const id = Number(req.path.split('/')[2]);
      items = items.map((n) => (n.id === id ? { ...n, read_at: '2026-11-23T14:00:00-03:00' } : n));
      return { status: 204 };
    },
    'POST /reopen-requests/12/approve': { body: { ...decided, status: 'approved', answer: '' } },
    'POST /reopen-requests/12/refuse': (req) => ({
      body: { ...decided, status: 'refused', answer: (req.body as { answer?: string }).answer ?? '' },
    }),
  });
}

async function openBell() {
  renderWith(<App />, { path: '/agenda' });
  await screen.findByRole('heading', { level: 1 });
  const es = await waitFor(() => FakeEventSource.latest());
  es.open();
  fireEvent.click(screen.getByRole('button', { name: /^Notificações/ }));
  return screen.findByRole('dialog', { name: 'Notificações' });
}

const request = notificationOf({
  id: 50,
  kind: 'reopen_request',
  action_id: null,
  due_date: null,
  due_time: null,
  detail: 'request:12\nCliente ligou de novo.',
});

describe('reopen requests in the notifications', () => {
  beforeEach(() => {
    installFakeEventSource();
  });

  it('reads the details of both kinds', () => {
    expect(reopenDetail('request:12\nCliente ligou')).toEqual({
      kind: 'request',
      requestId: 12,
      text: 'Cliente ligou',
    });
    expect(reopenDetail('refused:3\nSem estoque\nmesmo')).toEqual({
      kind: 'refused',
      requestId: 3,
      text: 'Sem estoque\nmesmo',
    });
    expect(reopenDetail('approved:4')).toEqual({ kind: 'approved', requestId: 4, text: '' });
    expect(reopenDetail('reassign_in:2')).toBeNull();
  });

  it('the supervisor approves from the notification', async () => {
    const server = serve(meOf(supervisor), [request]);
    const panel = await openBell();
    const item = await within(panel).findByTestId('notif-item');
    expect(item.textContent).toContain('Pedido de reabertura');
    expect(item.textContent).toContain('Motivo: Cliente ligou de novo.');
    fireEvent.click(within(item).getByRole('button', { name: 'Aprovar reabertura' }));
    await within(panel).findByText('Follow-up reaberto; quem pediu foi avisado.');
    expect(server.find('POST', '/reopen-requests/12/approve')).toHaveLength(1);
    await waitFor(() => expect(server.find('POST', '/notifications/50/read')).toHaveLength(1));
    await waitFor(() => expect(within(panel).queryByRole('button', { name: 'Aprovar reabertura' })).toBeNull());
  });

  it('a refusal asks for its reason first', async () => {
    const server = serve(meOf(supervisor), [request]);
    const panel = await openBell();
    const item = await within(panel).findByTestId('notif-item');
    fireEvent.click(within(item).getByRole('button', { name: 'Recusar' }));
    fireEvent.click(within(item).getByRole('button', { name: 'Recusar' }));
    expect(await within(item).findByText('Preencha este campo.')).toBeTruthy();
    expect(server.find('POST', '/reopen-requests/12/refuse')).toHaveLength(0);
    fireEvent.change(within(item).getByLabelText(/Motivo da recusa/), { target: { value: 'Há pedido em aberto.' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Recusar' }));
    await within(panel).findByText('Pedido recusado; quem pediu foi avisado.');
    expect(server.find('POST', '/reopen-requests/12/refuse')[0].body).toEqual({ answer: 'Há pedido em aberto.' });
  });

  it('the agent reads the outcome', async () => {
    serve(meOf(agent), [
      notificationOf({
        id: 51,
        kind: 'reopen_decision',
        action_id: null,
        due_date: null,
        due_time: null,
        detail: 'refused:12\nHá pedido em aberto.',
      }),
      notificationOf({
        id: 52,
        kind: 'reopen_decision',
        action_id: null,
        due_date: null,
        due_time: null,
        detail: 'approved:13\n',
      }),
    ]);
    const panel = await openBell();
    const items = await within(panel).findAllByTestId('notif-item');
    expect(items[0].textContent).toContain('Reabertura recusada: Há pedido em aberto.');
    expect(items[1].textContent).toContain('Reabertura aprovada: o follow-up está aberto.');
    expect(within(panel).queryByRole('button', { name: 'Aprovar reabertura' })).toBeNull();
  });
});
