// What the user reads when a call fails: always a sentence of the web app's catalogues,
// chosen by the problem's `code` (and each field's `code`), in the language the screen
// shows now. The server's `title`/`detail` are never shown: they may be in the language
// of the moment the request left, or be technical words.
import { ApiError, currentApiLanguage } from '../api/client';
import { CATALOGS, DEFAULT_LOCALE, isLocale, translate, type TFunction } from '../i18n/i18n';

/** The catalogue's sentence for a server code ("version", "missing_value:cliente"), or ''. */
export function problemText(code: string, t: TFunction): string {
  if (!code) return '';
  const missing = /^missing_value(?::(.+))?$/.exec(code);
  if (missing) return t('problem.missing_value', { token: `#{${missing[1] ?? '…'}}` });
  const key = `problem.${code}`;
  return key in CATALOGS[DEFAULT_LOCALE] ? t(key) : '';
}

/** The message to show for a failed call, in the user's language. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    // With field errors the fields say what is wrong; the banner says it in general.
    if (error.errors.length) return problemText(error.code, t) || t('validation.fixFields');
    // A refusal that names a document says its number ("pedido RT-000004").
    const named = `problem.${error.code}.named`;
    if (error.document && named in CATALOGS[DEFAULT_LOCALE]) return t(named, { number: error.document.number });
    const known = problemText(error.code, t);
    if (known) return known;
    if (error.status === 413) return t('attachments.tooLarge');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 422 || error.status === 400) return t('validation.fixFields');
    return t('error.generic');
  }
  return t('error.generic');
}

function currentT(): TFunction {
  const l = currentApiLanguage();
  const locale = isLocale(l) ? l : 'pt-BR';
  return (key, params) => translate(locale, key, params);
}

/**
 * Field errors keyed by field path (`cc[2]` and `contacts[0].email` also fill `cc` and
 * `contacts`), each from its code.
 */
export function fieldErrorsOf(error: unknown, t: TFunction = currentT()): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const text = problemText(e.code, t) || t('error.invalidValue');
    if (!(e.field in out)) out[e.field] = text;
    const base = e.field.replace(/\[\d+\].*$/, '');
    if (base !== e.field && !(base in out)) out[base] = text;
  }
  return out;
}
