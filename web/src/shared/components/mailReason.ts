import type { TFunction } from '../i18n/i18n';

/**
 * Why an e-mail is held, retried or failed, in the user's language. The outbox records
 * the mail server's or the worker's own words (English, technical); the user sees a
 * sentence of the catalogue, with the SMTP reply code when there is one.
 */
export function mailReason(raw: string, t: TFunction): string {
  const text = raw.trim();
  if (!text) return '';
  const missing = /^missing(?:_value)?:\s*(.*)$/s.exec(text);
  if (missing) return t('mail.reason.missing', { list: missing[1].trim() });
  if (/not configured|no smtp host/i.test(text)) return t('mail.reason.notConfigured');
  if (/attachment deleted/i.test(text)) return t('mail.reason.attachment');
  if (/password/i.test(text)) return t('mail.reason.password');
  const code = /\b([45]\d\d)\b/.exec(text)?.[1];
  if (code) return t('mail.reason.refused', { code });
  if (/timed? ?out|connect|resolve|unreachable|refused/i.test(text)) return t('mail.reason.unreachable');
  return t('mail.reason.other');
}
