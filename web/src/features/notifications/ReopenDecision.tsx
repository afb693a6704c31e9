// A supervisor's answer to a reopen request, from the notification itself (manual 003):
// approve (the follow-up reopens with the agent's reason) or refuse with a reason the
// agent reads in their notification and on the follow-up's timeline.
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { TextArea } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';

export function ReopenDecision({
  requestId,
  describedBy,
  onDecided,
}: {
  requestId: number;
  describedBy: string;
  /** After the server took the decision: the notification is read, and the panel says what happened. */
  onDecided: (approved: boolean) => void;
}) {
  const { t } = useI18n();
  const [refusing, setRefusing] = useState(false);
  const [answer, setAnswer] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  const decide = async (approve: boolean) => {
    setBusy(true);
    setError('');
    try {
      if (approve) await api.approveReopen(requestId);
      else await api.refuseReopen(requestId, answer.trim());
      onDecided(approve);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const refuse = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) {
      setFieldError(t('validation.required'));
      document.getElementById(`${id}-answer`)?.focus();
      return;
    }
    setFieldError('');
    void decide(false);
  };

  return (
    <div className="notif-decision">
      {error ? <Notice kind="error">{error}</Notice> : null}
      {refusing ? (
        <form onSubmit={refuse} noValidate>
          <TextArea
            id={`${id}-answer`}
            label={t('notifications.reopen.refuseReason')}
            rows={2}
            required
            autoFocus
            value={answer}
            error={fieldError}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <div className="notif-actions">
            <button type="submit" className="btn btn-small btn-danger" disabled={busy}>
              {t('notifications.reopen.refuse')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setRefusing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="notif-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            aria-describedby={describedBy}
            disabled={busy}
            onClick={() => void decide(true)}
          >
            {t('notifications.reopen.approve')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-describedby={describedBy}
            disabled={busy}
            onClick={() => setRefusing(true)}
          >
            {t('notifications.reopen.refuse')}
          </button>
        </div>
      )}
    </div>
  );
}
