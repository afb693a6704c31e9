import type { TFunction } from '../i18n/i18n';

/** Reasons the server itself writes (not the mail server's reply), and their sentence. */
const INTERNAL: [RegExp, string][] = [
  [/not configured|no smtp host/i, 'mail.reason.notConfigured'],
  [/attachment deleted/i, 'mail.reason.attachment'],
  [/password/i, 'mail.reason.password'],
];

/**
 * The mail server's own reply in a reason, for the administrator's diagnosis; '' when
 * the reason is the server's own words (already fully said by mailReason).
 */
export function mailServerReply(raw: string): string {
  const text = raw.trim();
  if (!text || /^missing(?:_value)?:/.test(text) || INTERNAL.some(([re]) => re.test(text))) return '';
  return text;
}

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
  const internal = INTERNAL.find(([re]) => re.test(text));
  if (internal) return t(internal[1]);
  const code = /\b([45]\d\d)\b/.exec(text)?.[1];
  if (code) return t('mail.reason.refused', { code });
  if (/timed? ?out|connect|resolve|unreachable|refused/i.test(text)) return t('mail.reason.unreachable');
  return t('mail.reason.other');
}
