// The HTTP client of the web app: relative URLs under /api/v1, the session cookie
// (credentials 'same-origin'), the CSRF header on unsafe methods, Accept-Language with
// the user's locale, and RFC 9457 problem documents turned into ApiError values.
import type { FieldError, Problem } from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds to wait before trying again (429 `rate_limited`), when the server said. */
  readonly retryAfter?: number;
  /** The document a refusal names (an order to cancel, an excess sale), when it names one. */
  readonly document?: { id: number; number: string };

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? '';
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.errors = problem.errors ?? [];
    if (typeof problem.retry_after === 'number' && problem.retry_after > 0) this.retryAfter = problem.retry_after;
    if (problem.document && typeof problem.document.number === 'string') this.document = problem.document;
  }

  /** Field errors keyed by field path; `cc[2]` and `contacts[0].email` also fill `cc` and `contacts`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      if (!(e.field in out)) out[e.field] = e.message;
      const base = e.field.replace(/\[\d+\].*$/, '');
      if (base !== e.field && !(base in out)) out[base] = e.message;
    }
    return out;
  }
}

let acceptLanguage = 'pt-BR';
let csrfFallback = '';
let unauthorizedHandler: (() => void) | null = null;

export function setApiLanguage(locale: string): void {
  acceptLanguage = locale;
}

/** The language the app asks the server for, which is the language on screen. */
export function currentApiLanguage(): string {
  return acceptLanguage;
}

/** The CSRF token from login or /me, used when the `retorno_csrf` cookie cannot be read. */
export function setCsrfToken(token: string): void {
  csrfFallback = token;
}

/** Called when the server answers 401 to anything but the login itself. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function readCookie(name: string, cookies: string = document.cookie): string {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return '';
}

export function csrfToken(): string {
  return readCookie('retorno_csrf') || csrfFallback;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not call the global 401 handler (login form). */
  quiet401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function baseHeaders(method: string): Record<string, string> {
  const h: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': acceptLanguage,
  };
  if (UNSAFE.has(method)) {
    const token = csrfToken();
    if (token) h['X-CSRF-Token'] = token;
  }
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Partial<Problem> = { status: res.status, title: res.statusText };
  try {
    const text = await res.text();
    if (text) problem = { ...problem, ...(JSON.parse(text) as Partial<Problem>) };
  } catch {
    // Not JSON (a proxy's error page): keep the status line.
  }
  return new ApiError(res.status, problem);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers = { ...baseHeaders(method), ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData || opts.body instanceof Blob) {
    // A form or a raw file (CSV import): sent as is, with the caller's Content-Type.
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(API_BASE + path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', title: (e as Error).message });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.quiet401 && unauthorizedHandler) unauthorizedHandler();
    throw err;
  }
  let data: unknown = null;
  if (res.status !== 204) {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  }
  return { data: data as T, status: res.status, etag: res.headers.get('ETag') };
}

export const http = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts).then((r) => r.data),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }).then((r) => r.data),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PUT', path, { ...opts, body }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, { ...opts, body }).then((r) => r.data),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts).then((r) => r.data),
};

/**
 * Uploads one file as multipart field `file` with progress (fetch cannot report upload
 * progress, XMLHttpRequest can).
 */
export function upload<T>(path: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    const headers = baseHeaders('POST');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(ev.loaded / ev.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', title: 'network error' }));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(parsed as T);
      } else {
        if (xhr.status === 401 && unauthorizedHandler) unauthorizedHandler();
        reject(new ApiError(xhr.status, { status: xhr.status, ...(parsed as Partial<Problem> | null) }));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A file the server makes (an export), fetched with the user's language and session. */
export interface Download {
  blob: Blob;
  /** From Content-Disposition; `fallback` when it names none. */
  fileName: string;
}

export async function download(path: string, query: Query, fallback: string): Promise<Download> {
  let res: Response;
  try {
    res = await fetch(withQuery(API_BASE + path, query), {
      headers: { 'Accept-Language': acceptLanguage },
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, { code: 'network', title: (e as Error).message });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && unauthorizedHandler) unauthorizedHandler();
    throw err;
  }
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '');
  return { blob: await res.blob(), fileName: m ? m[1] : fallback };
}
