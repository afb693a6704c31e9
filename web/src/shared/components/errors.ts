import { ApiError } from '../api/client';
import type { TFunction } from '../i18n/i18n';

/** The message to show for a failed call: the server's localized text, or ours. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 413 && !error.detail && !error.title) return t('attachments.tooLarge');
    // With field errors the fields say what is wrong; the banner says it in general.
    if (error.errors.length && error.title) return error.title;
    return error.detail || error.title || t('error.generic');
  }
  return t('error.generic');
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}
