import { useState } from 'react';
import { errorMessage, fieldErrorsOf } from '../components/errors';
import { useI18n } from '../i18n/i18n';
import { useUnsavedForm } from './useUnsavedChanges';

/**
 * The state of a form that sends one request: its field errors, its error and "busy".
 * `send` runs the request; a failure puts the server's errors on the form and frees it. A
 * success leaves it busy (the caller closes the dialog or leaves the page), or frees it
 * too with `staysOpen` (a form that stays on the page).
 *
 * Its form passes `markDirty` as the <form>'s onChange: from the first change until a
 * successful send, leaving the page asks first (useUnsavedChanges).
 */
export function useSubmit({ staysOpen = false } = {}) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedForm();

  const send = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await request();
      unsaved.markSaved();
      if (staysOpen) setBusy(false);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return {
    errors,
    setErrors,
    error,
    setError,
    busy,
    setBusy,
    send,
    dirty: unsaved.dirty,
    markDirty: unsaved.markDirty,
    markSaved: unsaved.markSaved,
  };
}
