import { describe, expect, it, vi } from 'vitest';
import { fakeApi, followupOf, meOf, problem } from '../../test/fakeApi';
import { ApiError, onUnauthorized, readCookie, setApiLanguage, setCsrfToken, withQuery } from './client';
import { api } from './endpoints';

describe('api client', () => {
  it('sends the CSRF cookie on unsafe methods, the language, and same-origin cookies', async () => {
    const server = fakeApi({
      'POST /followups/1/close': { body: followupOf({ id: 1, status: 'closed', state: 'closed' }) },
      'GET /me': { body: meOf() },
    });
    document.cookie = 'retorno_csrf=abc%2F123; path=/';
    setApiLanguage('es');
    await api.closeFollowup(1, 'Feito');
    await api.me();
    const [post, get] = server.calls;
    expect(post.headers['x-csrf-token']).toBe('abc/123');
    expect(post.headers['accept-language']).toBe('es');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.body).toEqual({ result: 'Feito' });
    expect(get.headers['x-csrf-token']).toBeUndefined();
    const init = server.fetchMock.mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
    setApiLanguage('pt-BR');
  });

  it('falls back to the token of /me when the cookie is not readable', async () => {
    const server = fakeApi({ 'DELETE /session': { status: 204 } });
    setCsrfToken('from-me');
    await api.logout();
    expect(server.calls[0].headers['x-csrf-token']).toBe('from-me');
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    fakeApi({
      'POST /followups': problem(422, 'validation', 'Código não cadastrado.', [
        { field: 'category', code: 'unknown_code', message: 'Código não cadastrado.' },
        { field: 'next_action.due_date', code: 'in_past', message: 'A data de retorno não pode estar no passado.' },
        { field: 'cc[2]', code: 'invalid_email', message: 'E-mail inválido.' },
      ]),
    });
    const err = await api
      .createFollowup({
        party_id: 1,
        subject: 'x',
        category: 'vendas',
        next_action: { type: 'phone', due_date: '2020-01-10' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation');
    expect(e.fieldErrors()).toEqual({
      category: 'Código não cadastrado.',
      'next_action.due_date': 'A data de retorno não pode estar no passado.',
      'cc[2]': 'E-mail inválido.',
      cc: 'E-mail inválido.',
    });
  });

  it('says what went wrong in general when the fields say it in detail', async () => {
    const { errorMessage } = await import('../components/errors');
    const t = (k: string) => k;
    const withFields = new ApiError(422, {
      code: 'validation',
      title: 'Alguns campos precisam de correção.',
      detail: 'E-mail inválido.',
      errors: [{ field: 'cc[0]', code: 'invalid_email', message: 'E-mail inválido.' }],
    });
    expect(errorMessage(withFields, t)).toBe('problem.validation');
    // Words come from the code and the catalogues, never from the server's title/detail.
    expect(
      errorMessage(
        new ApiError(409, { code: 'followup_closed', title: 'Conflito', detail: 'O follow-up está encerrado.' }),
        t,
      ),
    ).toBe('problem.followup_closed');
    expect(
      errorMessage(new ApiError(503, { code: 'no_such_code', title: 'Unavailable', detail: 'smtp not configured' }), t),
    ).toBe('error.generic');
    expect(errorMessage(new ApiError(403, { title: 'Forbidden' }), t)).toBe('error.forbidden');
    expect(errorMessage(new ApiError(0, {}), t)).toBe('error.network');
    expect(errorMessage(new Error('x'), t)).toBe('error.generic');
  });

  it('sends If-Match on PATCH and returns the new ETag', async () => {
    const server = fakeApi({
      'PATCH /followups/9': { body: followupOf({ id: 9, priority: 'high', version: 4 }), headers: { ETag: '"4"' } },
    });
    const r = await api.patchFollowup(9, '"3"', { priority: 'high' });
    expect(server.calls[0].headers['if-match']).toBe('"3"');
    expect(r.etag).toBe('"4"');
  });

  it('reports a stale version as a 412 error', async () => {
    fakeApi({ 'PATCH /followups/9': problem(412, 'version', 'Outra pessoa alterou.') });
    const e = (await api.patchFollowup(9, '"3"', { subject: 'y' }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(412);
    expect(e.code).toBe('version');
  });

  it('calls the 401 handler, except for the login itself', async () => {
    fakeApi({
      'GET /followups': problem(401, 'session', 'Sessão expirada.'),
      'POST /session': problem(401, 'bad_credentials', 'Senha errada.'),
    });
    const handler = vi.fn();
    onUnauthorized(handler);
    await api.followups({}).catch(() => {});
    expect(handler).toHaveBeenCalledTimes(1);
    await api.login('a', 'b').catch(() => {});
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/x', { a: 1, b: '', c: undefined, d: null, e: 'ç d' })).toBe('/x?a=1&e=%C3%A7+d');
    expect(withQuery('/x', {})).toBe('/x');
  });

  it('reads cookies by name', () => {
    expect(readCookie('b', 'a=1; b=two%20words; c=3')).toBe('two words');
    expect(readCookie('z', 'a=1')).toBe('');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const e = (await api.me().catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
  });
});
