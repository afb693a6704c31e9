import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { Dialog } from '../../shared/components/Dialog';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';
import { ActionFields, emptyAction, missingActionFields, toActionInput } from '../returns/ActionFields';

/** Schedule another return for a follow-up (optionally repeated monthly). */
export function NewReturnDialog({ followupId, onClose, onDone }: { followupId: number; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { contactTypes } = useTables();
  const { today, timeZone } = useUserTime();
  const [draft, setDraft] = useState(() => emptyAction(contactTypes[0]?.code ?? '', today));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = missingActionFields(draft, '', t('validation.required'));
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError('');
    try {
      await api.addAction(followupId, toActionInput(draft, timeZone));
      onDone();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('returns.new')}
      onClose={onClose}
      closeLabel={t('common.close')}
      wide
      footer={
        <>
          <button type="submit" form="new-return-form" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form id="new-return-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <ActionFields idPrefix="nr" value={draft} onChange={setDraft} contactTypes={contactTypes} errors={errors} prefix="" today={today} timeZone={timeZone} />
      </form>
    </Dialog>
  );
}
