import { useState } from 'react';
import { errorMessage, fieldErrorsOf } from '../components/errors';
import { useI18n } from '../i18n/i18n';

/**
 * The state of a form that sends one request: its field errors, its error and "busy".
 * `send` runs the request; a failure puts the server's errors on the form and frees it. A
 * success leaves it busy (the caller closes the dialog or leaves the page), or frees it
 * too with `staysOpen` (a form that stays on the page).
 */
export function useSubmit({ staysOpen = false } = {}) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await request();
      if (staysOpen) setBusy(false);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return { errors, setErrors, error, setError, busy, setBusy, send };
}
