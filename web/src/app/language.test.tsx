import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { ProfilePage } from '../features/profile/ProfilePage';
import { setBrowserLanguages } from '../test/browser';
import { agent, fakeApi, meOf, problem, tables } from '../test/fakeApi';
import { renderWith } from '../test/render';
import { ApiError, setApiLanguage } from '../shared/api/client';
import { errorMessage, fieldErrorsOf } from '../shared/components/errors';
import { browserLocale, CATALOGS, LOCALES, translate } from '../shared/i18n/i18n';

function anonymous() {
  return fakeApi({ ...tables, 'GET /me': problem(401, 'session', 'Sessão expirada.') });
}

describe("every word in the user's language", () => {
  it('the login page follows the browser until the user picks a language', async () => {
    setBrowserLanguages(['es-MX', 'es', 'en']);
    anonymous();
    renderWith(<App />, { path: '/login' });
    expect(await screen.findByRole('heading', { name: 'Entrar a Retorno' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
  });

  it('maps browser languages: es-* to es, en-* to en, anything else to pt-BR', () => {
    expect(browserLocale(['es-MX'])).toBe('es');
    expect(browserLocale(['es-419', 'en'])).toBe('es');
    expect(browserLocale(['en-GB', 'pt-BR'])).toBe('en');
    expect(browserLocale(['fr-FR', 'de', 'en-US'])).toBe('en');
    expect(browserLocale(['pt-PT'])).toBe('pt-BR');
    expect(browserLocale(['fr-FR'])).toBe('pt-BR');
    expect(browserLocale([])).toBe('pt-BR');
  });

  it("a language picked on the login page wins over the browser's", async () => {
    setBrowserLanguages(['es-MX']);
    localStorage.setItem('retorno.locale', 'en');
    anonymous();
    renderWith(<App />, { path: '/login' });
    expect(await screen.findByRole('heading', { name: 'Sign in to Retorno' })).toBeTruthy();
  });

  it('the confirmation of a language switch in the header is in the new language', async () => {
    fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': { body: { items: [] } },
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
    });
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    fireEvent.change(within(screen.getByRole('navigation', { name: 'Menu principal' })).getByLabelText('Idioma'), {
      target: { value: 'es' },
    });
    expect(await screen.findByText('Idioma cambiado a español.')).toBeTruthy();
  });

  it('the confirmation of a language saved in the profile is in the new language', async () => {
    fakeApi({
      ...tables,
      'GET /calendar-feed': { body: { active: false } },
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
      'GET /me': { body: meOf({ ...agent, locale: 'es' }) },
    });
    renderWith(<ProfilePage />, { me: meOf() });
    fireEvent.change(screen.getByLabelText('Idioma'), { target: { value: 'es' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('Cambios guardados.')).toBeTruthy();
    expect(screen.queryByText('Alterações salvas.')).toBeNull();
  });

  it('server problems are worded from their codes, never from their title or detail', () => {
    const es = (key: string, p?: Record<string, string | number>) => translate('es', key, p);
    // A detail in another language (the request left before the switch), or technical.
    expect(
      errorMessage(
        new ApiError(412, { code: 'version', title: 'Conflito', detail: 'Outra pessoa alterou este registro.' }),
        es,
      ),
    ).toBe('Otra persona modificó este registro antes que usted. Recargue e intente de nuevo.');
    expect(errorMessage(new ApiError(409, { code: 'smtp_not_configured', detail: 'smtp not configured' }), es)).toBe(
      'El servidor de correo (SMTP) no está configurado.',
    );
    expect(errorMessage(new ApiError(500, { code: 'something_new', detail: 'smtp not configured' }), es)).toBe(
      'Algo salió mal. Intente de nuevo.',
    );
    expect(errorMessage(new ApiError(502, { title: 'Bad Gateway' }), es)).toBe('Algo salió mal. Intente de nuevo.');
    setApiLanguage('es');
    const fields = fieldErrorsOf(
      new ApiError(422, {
        code: 'validation',
        errors: [
          { field: 'contacts[0].email', code: 'invalid_email', message: 'E-mail inválido.' },
          { field: 'body', code: 'missing_value:cliente', message: 'Falta o valor de #{cliente}.' },
          { field: 'x', code: 'brand_new_code', message: 'raw words' },
        ],
      }),
    );
    setApiLanguage('pt-BR');
    expect(fields).toEqual({
      'contacts[0].email': 'Correo electrónico no válido.',
      contacts: 'Correo electrónico no válido.',
      body: 'Falta el valor de #{cliente} en este seguimiento: el mensaje no se enviará.',
      x: 'Valor no válido.',
    });
  });

  it('a Spanish user reads the error of a save in Spanish even when the server answered in Portuguese', async () => {
    fakeApi({
      ...tables,
      'GET /calendar-feed': { body: { active: false } },
      'PATCH /users/7': problem(403, 'forbidden_party', 'Você não pode alterar este cadastro.'),
    });
    renderWith(<ProfilePage />, { me: meOf({ ...agent, locale: 'es' }), locale: 'es' });
    fireEvent.change(screen.getByLabelText('Nombre'), { target: { value: 'Juan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Solo el responsable'));
    expect(document.body.textContent).not.toContain('Você');
  });

  it('menu names do not collide: none is part of another, in any language', () => {
    const keys = [
      'nav.agenda',
      'nav.calendar',
      'nav.followups',
      'nav.documents',
      'nav.parties',
      'nav.reports',
      'nav.admin',
    ];
    for (const l of LOCALES) {
      const names = keys.map((k) => CATALOGS[l][k].toLowerCase());
      for (const a of names)
        for (const b of names) if (a !== b) expect(b.includes(a), `${l}: "${a}" inside "${b}"`).toBe(false);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(CATALOGS.es['nav.agenda']).toBe('Mis actividades');
    expect(CATALOGS.es['nav.followups']).toBe('Seguimientos');
  });

  it("knows every message code of the server's catalogue, in the three languages", () => {
    // vitest runs from web/: the server's catalogue is beside it.
    const server = readFileSync(resolvePath(process.cwd(), '../src/http/messages.cc'), 'utf8');
    const catalogue = server.slice(server.indexOf('Catalog() {'), server.indexOf('return *catalog;'));
    const codes = [...catalogue.matchAll(/\{"([a-z_]+)",/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(50);
    for (const l of LOCALES) {
      const missing = codes.filter((c) => !(`problem.${c}` in CATALOGS[l]));
      expect(missing, l).toEqual([]);
    }
  });
});
