import { useState, type FormEvent } from 'react';
import { TextArea } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';

interface Props {
  title: string;
  label: string;
  /** A sentence under the field (who gets the request, what happens next). */
  hint?: string;
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
export function TextDialog({
  title,
  label,
  hint,
  field,
  required,
  submitLabel,
  danger,
  onSubmit,
  onClose,
  onDone,
}: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (required && !text.trim()) {
      setErrors({ [field]: t('validation.required') });
      return;
    }
    await send(async () => {
      await onSubmit(text.trim());
      onDone();
    });
  };
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      formId="text-dialog-form"
      busy={busy}
      submitLabel={submitLabel}
      danger={danger}
    >
      <form onChange={markDirty} id="text-dialog-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextArea
          id="text-dialog-text"
          label={label}
          rows={4}
          required={required}
          value={text}
          hint={hint}
          onChange={(e) => setText(e.target.value)}
          error={errors[field]}
        />
      </form>
    </FormDialog>
  );
}
