import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Action } from '../../shared/api/types';
import { Dialog } from '../../shared/components/Dialog';
import { TextArea, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';

interface Props {
  action: Pick<Action, 'id' | 'due_date' | 'due_time'>;
  onClose: () => void;
  onDone: () => void;
}

/** Move a return to another day (and time), with an optional reason. */
export function RescheduleDialog({ action, onClose, onDone }: Props) {
  const { t } = useI18n();
  const { today } = useUserTime();
  const [dueDate, setDueDate] = useState(action.due_date < today ? today : action.due_date);
  const [dueTime, setDueTime] = useState(action.due_time ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dueDate) {
      setErrors({ due_date: t('validation.required') });
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.rescheduleAction(action.id, { due_date: dueDate, due_time: dueTime || null, reason: reason.trim() || undefined });
      onDone();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('reschedule.title')}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="submit" form="reschedule-form" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <form id="reschedule-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-row">
          <TextField
            id="reschedule-date"
            label={t('action.dueDate')}
            type="date"
            min={today}
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            error={errors.due_date}
          />
          <TextField
            id="reschedule-time"
            label={t('action.dueTime')}
            type="time"
            value={dueTime}
            onChange={(e) => setDueTime(e.target.value)}
            error={errors.due_time}
          />
        </div>
        <TextArea
          id="reschedule-reason"
          label={t('reschedule.reason')}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
        />
      </form>
    </Dialog>
  );
}
