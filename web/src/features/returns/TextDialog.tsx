import { useState, type FormEvent } from 'react';
import { Dialog } from '../../shared/components/Dialog';
import { TextArea } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';

interface Props {
  title: string;
  label: string;
  /** Field name of the server's errors ("result", "reason"). */
  field: string;
  required: boolean;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}

/** A question with one text: close with a result, reopen with a reason, cancel a return. */
export function TextDialog({ title, label, field, required, submitLabel, danger, onSubmit, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (required && !text.trim()) {
      setFieldError(t('validation.required'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onSubmit(text.trim());
      onDone();
    } catch (err) {
      setFieldError(fieldErrorsOf(err)[field] ?? '');
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="submit" form="text-dialog-form" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {submitLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form id="text-dialog-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextArea
          id="text-dialog-text"
          label={label}
          rows={4}
          required={required}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError}
        />
      </form>
    </Dialog>
  );
}
