import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, problem, tables } from '../test/fakeApi';
import { renderWith } from '../test/render';
import { App } from './App';

describe('the shell', () => {
  it('switches the language for the user and keeps it on the server', async () => {
    const server = fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': { body: { items: [] } },
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
    });
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    expect(document.documentElement.lang).toBe('pt-BR');
    const nav = screen.getByRole('navigation', { name: 'Menu principal' });
    fireEvent.change(within(nav).getByLabelText('Idioma'), { target: { value: 'es' } });
    await screen.findByRole('heading', { name: 'Mis actividades', level: 1 });
    expect(document.documentElement.lang).toBe('es');
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({ locale: 'es' });
    fireEvent.change(within(screen.getByRole('navigation', { name: 'Menú principal' })).getByLabelText('Idioma'), {
      target: { value: 'en' },
    });
    await screen.findByRole('heading', { name: 'My returns', level: 1 });
    // The next request asks the server for English messages.
    fireEvent.click(screen.getByRole('link', { name: 'Follow-ups' }));
    await waitFor(() => expect(server.find('GET', '/followups').length).toBeGreaterThan(0));
    expect(server.find('GET', '/followups')[0].headers['accept-language']).toBe('en');
  });

  it('reads the contact types and categories again in the new language', async () => {
    const server = fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': { body: { items: [] } },
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
    });
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    await waitFor(() => expect(server.find('GET', '/contact-types').length).toBeGreaterThan(0));
    const before = server.find('GET', '/contact-types').length;
    fireEvent.change(within(screen.getByRole('navigation', { name: 'Menu principal' })).getByLabelText('Idioma'), {
      target: { value: 'es' },
    });
    await screen.findByRole('heading', { name: 'Mis actividades', level: 1 });
    await waitFor(() => expect(server.find('GET', '/contact-types').length).toBeGreaterThan(before));
    expect(server.find('GET', '/contact-types').at(-1)!.headers['accept-language']).toBe('es');
    expect(server.find('GET', '/categories').at(-1)!.headers['accept-language']).toBe('es');
  });

  it("uses the user's language from /me", async () => {
    fakeApi({
      ...tables,
      'GET /me': { body: meOf({ ...agent, locale: 'es' }) },
      'GET /agenda': { body: { items: [] } },
    });
    renderWith(<App />, { path: '/' });
    await screen.findByRole('heading', { name: 'Mis actividades', level: 1 });
    expect(window.location.pathname).toBe('/agenda');
  });

  it('opens the documents from the main menu (a chunk loaded on demand)', async () => {
    fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': { body: { items: [] } },
      'GET /documents': { body: { items: [], next_cursor: null } },
    });
    renderWith(<App />, { path: '/agenda' });
    fireEvent.click(await screen.findByRole('link', { name: 'Documentos' }));
    expect(await screen.findByRole('heading', { name: 'Documentos', level: 1 })).toBeTruthy();
    expect(window.location.pathname).toBe('/documents');
    expect(screen.getByRole('link', { name: 'Documentos' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows the admin menu to admins only', async () => {
    fakeApi({
      ...tables,
      'GET /me': { body: meOf({ ...agent, role: 'admin' }) },
      'GET /agenda': { body: { items: [] } },
    });
    renderWith(<App />, { path: '/agenda' });
    expect(await screen.findByRole('link', { name: 'Administração' })).toBeTruthy();
  });

  it('goes back to the login page when the session ends', async () => {
    fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': problem(401, 'session', 'x'),
    });
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Entrar no Retorno' });
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(window.location.search).toBe('?next=%2Fagenda');
  });
});
