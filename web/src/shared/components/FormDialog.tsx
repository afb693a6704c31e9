// A dialog around one form: "Save" (or another label) and "Cancel" in its footer. The
// form is the dialog's content, with the id given here: the submit button sits outside it,
// in the footer, tied to it by that id.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

interface FormDialogProps {
  title: ReactNode;
  onClose: () => void;
  wide?: boolean;
  /** The id of the form in `children`. */
  formId: string;
  /** A request is running: the submit button is disabled. */
  busy: boolean;
  /** Default "Save". */
  submitLabel?: ReactNode;
  /** The submit button in the colour of a destructive action. */
  danger?: boolean;
  /** More buttons, between the submit button and "Cancel". */
  actions?: ReactNode;
  children: ReactNode;
}

export function FormDialog({
  title,
  onClose,
  wide,
  formId,
  busy,
  submitLabel,
  danger,
  actions,
  children,
}: FormDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      closeLabel={t('common.close')}
      wide={wide}
      footer={
        <>
          <button
            type="submit"
            form={formId}
            className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
            disabled={busy}
          >
            {submitLabel ?? t('common.save')}
          </button>
          {actions}
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
