import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { safeNext } from './LoginPage';

function loginRoutes(alerts: { due_today: number; overdue: number; show_alert: boolean }) {
  let signedIn = false;
  return fakeApi({
    ...tables,
    'GET /me': () => (signedIn ? { body: meOf(agent, alerts) } : problem(401, 'session', 'Sessão expirada.')),
    'POST /session': (req) => {
      const b = req.body as { login: string; password: string };
      if (b.password !== 'retorno123') return problem(401, 'bad_credentials', 'Usuário ou senha incorretos.');
      signedIn = true;
      return { status: 201, body: { token: 't', csrf_token: 'c', user: agent, alerts } };
    },
    'GET /agenda': { body: { items: [] } },
  });
}

async function signIn(password = 'retorno123') {
  fireEvent.change(await screen.findByLabelText(/Usuário/), { target: { value: 'joao' } });
  fireEvent.change(screen.getByLabelText(/Senha/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Entrar' }));
}

describe('login and the return alert (manual 001)', () => {
  it('asks to log in, then shows the alert whose yes opens My returns', async () => {
    const server = loginRoutes({ due_today: 3, overdue: 1, show_alert: true });
    renderWith(<App />, { path: '/followups' });
    await screen.findByRole('heading', { name: 'Entrar no Retorno' });
    // The redirect to /login is a navigation after the first render: wait for it.
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    await signIn();
    const dialog = await screen.findByRole('alertdialog', { name: 'Aviso de retornos' });
    expect(dialog.textContent).toContain('Você tem 3 retornos para hoje (1 atrasado). Deseja visualizá-los?');
    expect(server.find('POST', '/session')[0].body).toEqual({ login: 'joao', password: 'retorno123' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sim' }));
    await waitFor(() => expect(window.location.pathname).toBe('/agenda'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
  });

  it('does not show the alert when the server says not to', async () => {
    loginRoutes({ due_today: 2, overdue: 0, show_alert: false });
    renderWith(<App />, { path: '/login' });
    await signIn();
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it("'No' closes the alert and stays on the page asked for", async () => {
    loginRoutes({ due_today: 0, overdue: 2, show_alert: true });
    renderWith(<App />, { path: '/login?next=%2Fparties' });
    await signIn();
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Você não tem retornos para hoje (2 atrasados)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Não' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(window.location.pathname).toBe('/parties');
  });

  it("shows the server's message on a wrong password", async () => {
    loginRoutes({ due_today: 0, overdue: 0, show_alert: false });
    renderWith(<App />, { path: '/login' });
    await signIn('wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('Usuário ou senha incorretos.');
    expect(window.location.pathname).toBe('/login');
  });

  it('says how long to wait when the server throttles the login, in the language of the screen', async () => {
    fakeApi({
      ...tables,
      'GET /me': () => problem(401, 'session', 'Sessão expirada.'),
      'POST /session': () => {
        const reply = problem(429, 'rate_limited', 'Muitas tentativas.');
        return { ...reply, body: { ...(reply.body as object), retry_after: 4 } };
      },
    });
    renderWith(<App />, { path: '/login' });
    await signIn('wrong');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Muitas tentativas sem sucesso. Tente de novo em 4 s.',
    );
    fireEvent.change(screen.getByLabelText(/Idioma/), { target: { value: 'es' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Entrar' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Demasiados intentos fallidos. Vuelva a intentarlo en 4 s.',
      ),
    );
    expect(window.location.pathname).toBe('/login');
  });

  it('marks empty fields before calling the server', async () => {
    const server = loginRoutes({ due_today: 0, overdue: 0, show_alert: false });
    renderWith(<App />, { path: '/login' });
    fireEvent.click(await screen.findByRole('button', { name: 'Entrar' }));
    expect(screen.getByLabelText(/Usuário/).getAttribute('aria-invalid')).toBe('true');
    expect(server.find('POST', '/session')).toHaveLength(0);
  });

  it('only follows local paths after login', () => {
    expect(safeNext('/followups/3')).toBe('/followups/3');
    expect(safeNext('//evil.example')).toBe('/agenda');
    expect(safeNext('https://evil.example')).toBe('/agenda');
    expect(safeNext(null)).toBe('/agenda');
  });
});
