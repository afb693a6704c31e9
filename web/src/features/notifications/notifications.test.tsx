import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import type { UserNotification } from '../../shared/api/types';
import { agent, fakeApi, meOf, notificationOf, problem, tables } from '../../test/fakeApi';
import { FakeEventSource, installFakeEventSource, installFakeNotification } from '../../test/fakeEventSource';
import { renderWith } from '../../test/render';

/** The API with a notification list the handlers change like the server would. */
function serve(initial: UserNotification[] = []) {
  let items = [...initial];
  const unread = () =>
    items.filter((n) => !n.read_at && !(n.snoozed_until && Date.parse(n.snoozed_until) > Date.now())).length;
  const server = fakeApi({
    ...tables,
    'GET /me': { body: meOf() },
    'GET /agenda': { body: { items: [] } },
    'GET /notifications': () => ({ body: { items, unread: unread() } }),
    'POST /notifications/read-all': () => {
      items = items.map((n) => ({ ...n, read_at: n.read_at ?? '2026-11-23T14:00:00-03:00' }));
      return { status: 204 };
    },
    'POST /notifications/:id/read': (req) => {
      const id = Number(req.path.split('/')[2]);
      items = items.map((n) => (n.id === id ? { ...n, read_at: '2026-11-23T14:00:00-03:00' } : n));
      return { status: 204 };
    },
    'POST /notifications/:id/snooze': (req) => {
      const id = Number(req.path.split('/')[2]);
      const until = new Date(Date.now() + 3600_000).toISOString();
      items = items.map((n) => (n.id === id ? { ...n, snoozed_until: until } : n));
      return { body: items.find((n) => n.id === id) };
    },
    'DELETE /session': { status: 204 },
  });
  return { server, push: (n: UserNotification) => (items = [n, ...items.filter((x) => x.id !== n.id)]) };
}

const bell = () => screen.getByRole('button', { name: /^Notificações/ });

async function startApp() {
  renderWith(<App />, { path: '/agenda' });
  await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
  // The stream opens in an effect, which may run just after the page shows (slow machine).
  const es = await waitFor(() => FakeEventSource.latest());
  es.open();
  return es;
}

describe('notifications (bell and panel)', () => {
  beforeEach(() => {
    installFakeEventSource();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the event stream with the session and shows pushed notifications without reloading', async () => {
    const { push } = serve();
    const es = await startApp();
    expect(es.url).toBe('/api/v1/events');
    expect(bell().getAttribute('aria-label')).toBe('Notificações, nenhuma não lida');
    expect(screen.queryByTestId('notif-count')).toBeNull();

    const n = notificationOf({ id: 40, late: true });
    push(n);
    es.emit('notification', n);
    await waitFor(() => expect(screen.getByTestId('notif-count').textContent).toBe('1'));
    expect(bell().getAttribute('aria-label')).toBe('Notificações, 1 não lida');
    // Screen readers hear it.
    expect(document.body.textContent).toContain(
      'Nova notificação: Padaria Boa Vista — Manutenção preventiva do balcão',
    );

    fireEvent.click(bell());
    const panel = await screen.findByRole('dialog', { name: 'Notificações' });
    const item = await within(panel).findByTestId('notif-item');
    expect(item.textContent).toContain('Lembrete de retorno');
    expect(item.textContent).toContain('Atrasado');
    expect(item.textContent).toContain('Retorno em 23/11/2026 14:00');
    expect(
      within(item)
        .getByRole('link', { name: 'Padaria Boa Vista — Manutenção preventiva do balcão' })
        .getAttribute('href'),
    ).toBe('/followups/1043');
  });

  it('takes the unread count of the summary sent on connect', async () => {
    serve([notificationOf()]);
    const es = await startApp();
    await waitFor(() => expect(screen.getByTestId('notif-count').textContent).toBe('1'));
    es.emit('summary', { due_today: 3, overdue: 1, unread: 1, alerts_enabled: false });
    fireEvent.click(bell());
    expect(await screen.findByText('O aviso automático de retornos está desligado pelo administrador.')).toBeTruthy();
  });

  it('marks one read, snoozes one and reads all', async () => {
    const { server } = serve([
      notificationOf({ id: 1, subject: 'Primeiro' }),
      notificationOf({ id: 2, subject: 'Segundo' }),
      notificationOf({ id: 3, subject: 'Terceiro', kind: 'mail_failed', detail: '550 5.1.1 user unknown' }),
    ]);
    await startApp();
    await waitFor(() => expect(screen.getByTestId('notif-count').textContent).toBe('3'));
    fireEvent.click(bell());
    const panel = await screen.findByRole('dialog', { name: 'Notificações' });
    const items = await within(panel).findAllByTestId('notif-item');
    expect(items[2].textContent).toContain('E-mail não enviado');
    // The reason in the user's language, never the mail server's English.
    expect(items[2].textContent).toContain('Motivo: o servidor de e-mail recusou a mensagem (código 550)');
    expect(items[2].textContent).not.toContain('user unknown');

    fireEvent.click(within(items[0]).getByRole('button', { name: 'Marcar como lida' }));
    await waitFor(() => expect(server.find('POST', '/notifications/1/read')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('notif-count').textContent).toBe('2'));

    const snooze = within(items[1]).getByRole('button', { name: /Adiar/ });
    expect(snooze.getAttribute('aria-haspopup')).toBe('menu');
    fireEvent.click(snooze);
    const menu = within(items[1]).getByRole('menu');
    const choices = within(menu).getAllByRole('menuitem');
    expect(choices.map((c) => c.textContent)).toEqual(['15 minutos', '1 hora', 'Amanhã de manhã', 'Próximo dia útil']);
    expect(document.activeElement).toBe(choices[0]);
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(choices[3]);
    fireEvent.click(choices[3]);
    await waitFor(() =>
      expect(server.find('POST', '/notifications/2/snooze')[0]?.body).toEqual({ until: 'next_business_day' }),
    );
    await waitFor(() => expect(screen.getByTestId('notif-count').textContent).toBe('1'));
    expect((await within(panel).findAllByTestId('notif-item'))[1].textContent).toMatch(
      /Adiado até \d{2}\/\d{2}\/\d{4}/,
    );

    fireEvent.click(within(panel).getByRole('button', { name: 'Marcar todas como lidas' }));
    await waitFor(() => expect(server.find('POST', '/notifications/read-all')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('notif-count')).toBeNull());
    expect(bell().getAttribute('aria-label')).toBe('Notificações, nenhuma não lida');
  });

  it('opens the follow-up from the panel and marks the notification read', async () => {
    const { server } = serve([notificationOf({ id: 9 })]);
    await startApp();
    fireEvent.click(bell());
    const panel = await screen.findByRole('dialog', { name: 'Notificações' });
    fireEvent.click(await within(panel).findByRole('link', { name: /Padaria Boa Vista/ }));
    await waitFor(() => expect(window.location.pathname).toBe('/followups/1043'));
    expect(screen.queryByRole('dialog', { name: 'Notificações' })).toBeNull();
    await waitFor(() => expect(server.find('POST', '/notifications/9/read')).toHaveLength(1));
  });

  it('closes the panel with Escape and gives the focus back to the bell', async () => {
    serve();
    await startApp();
    fireEvent.click(bell());
    const panel = await screen.findByRole('dialog', { name: 'Notificações' });
    expect(bell().getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(panel);
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Notificações' })).toBeNull();
    expect(document.activeElement).toBe(bell());
    // Also from the bell itself, the panel open.
    fireEvent.click(bell());
    await screen.findByRole('dialog', { name: 'Notificações' });
    fireEvent.keyDown(bell(), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Notificações' })).toBeNull();
  });

  it('the repeat alert of the server shows the alert dialog; yes opens My returns', async () => {
    serve();
    renderWith(<App />, { path: '/parties' });
    await screen.findByRole('heading', { level: 1 });
    const es = FakeEventSource.latest();
    es.open();
    es.emit('alert', { due_today: 0, overdue: 0 });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    es.emit('alert', { due_today: 4, overdue: 2 });
    const dialog = await screen.findByRole('alertdialog', { name: 'Aviso de retornos' });
    expect(dialog.textContent).toContain('Você tem 4 retornos para hoje (2 atrasados). Deseja visualizá-los?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sim' }));
    await waitFor(() => expect(window.location.pathname).toBe('/agenda'));
  });

  it('closes the stream on logout', async () => {
    serve();
    const es = await startApp();
    expect(FakeEventSource.open()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Sair' }));
    await screen.findByRole('heading', { name: 'Entrar no Retorno' });
    expect(es.closed).toBe(true);
    // Effects settle after the login page shows: wait until no stream is left open (a
    // stream that stays open fails here after waitFor's timeout).
    await waitFor(() => expect(FakeEventSource.open()).toHaveLength(0));
  });

  it('asks for browser notifications only on a click, then shows them in the background', async () => {
    const { shown, FakeNotification } = installFakeNotification('default');
    serve();
    const es = await startApp();
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    fireEvent.click(bell());
    fireEvent.click(await screen.findByRole('button', { name: 'Ativar notificações do navegador' }));
    await screen.findByText('Notificações do navegador ativadas.');
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);

    // In front: the bell says it, the browser does not.
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    es.emit('notification', notificationOf({ id: 50 }));
    expect(shown).toHaveLength(0);
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    es.emit('notification', notificationOf({ id: 51, subject: 'Trocar compressor' }));
    await waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0].title).toBe('Padaria Boa Vista — Trocar compressor');
    expect(shown[0].body).toContain('Lembrete de retorno');
    act(() => shown[0].instance.onclick?.());
    await waitFor(() => expect(window.location.pathname).toBe('/followups/1043'));
    es.emit('alert', { due_today: 2, overdue: 0 });
    await waitFor(() => expect(shown).toHaveLength(2));
    expect(shown[1].body).toBe('Você tem 2 retornos para hoje (nenhum atrasado). Deseja visualizá-los?');
  });

  it('says when the browser blocked notifications', async () => {
    installFakeNotification('denied');
    serve();
    await startApp();
    fireEvent.click(bell());
    expect(await screen.findByText(/O navegador bloqueou as notificações/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ativar notificações do navegador' })).toBeNull();
  });
});

describe('the event stream', () => {
  beforeEach(() => {
    installFakeEventSource();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens a new stream after the browser gave up, and checks the session first', async () => {
    const { server } = serve();
    const es = await startApp();
    vi.useFakeTimers();
    const meCalls = server.find('GET', '/me').length;
    es.fail(true);
    expect(server.find('GET', '/me').length).toBe(meCalls + 1);
    expect(FakeEventSource.instances).toHaveLength(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    expect(FakeEventSource.instances).toHaveLength(2);
    // A drop the browser retries by itself opens nothing new.
    FakeEventSource.latest().fail(false);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('goes back to the login page when the stream is refused because the session ended', async () => {
    let signedIn = true;
    fakeApi({
      ...tables,
      'GET /me': () => (signedIn ? { body: meOf() } : problem(401, 'session', 'x')),
      'GET /agenda': { body: { items: [] } },
      'DELETE /session': problem(401, 'session', 'x'),
    });
    const es = await startApp();
    signedIn = false;
    es.fail(true);
    await screen.findByRole('heading', { name: 'Entrar no Retorno' });
    expect(es.closed).toBe(true);
  });

  it('polls /me for the repeat alert only when there is no event stream', async () => {
    vi.unstubAllGlobals();
    const user = { ...agent, alert_every_minutes: 10 };
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = fakeApi({
      ...tables,
      'GET /me': { body: meOf(user, { due_today: 2, overdue: 1, show_alert: true }) },
      'GET /agenda': { body: { items: [] } },
    });
    expect(typeof (globalThis as { EventSource?: unknown }).EventSource).toBe('undefined');
    renderWith(<App />, { path: '/agenda', me: meOf(user) });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10 * 60_000);
    });
    expect(server.find('GET', '/me').length).toBeGreaterThan(0);
    expect(await screen.findByRole('alertdialog')).toBeTruthy();
  });
});
