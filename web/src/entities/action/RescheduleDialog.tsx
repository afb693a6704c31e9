import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Action } from '../../shared/api/types';
import { TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
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
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dueDate) {
      setErrors({ due_date: t('validation.required') });
      return;
    }
    await send(async () => {
      await api.rescheduleAction(action.id, {
        due_date: dueDate,
        due_time: dueTime || null,
        reason: reason.trim() || undefined,
      });
      onDone();
    });
  };

  return (
    <FormDialog title={t('reschedule.title')} onClose={onClose} formId="reschedule-form" busy={busy}>
      <form onChange={markDirty} id="reschedule-form" onSubmit={submit} noValidate>
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
    </FormDialog>
  );
}
