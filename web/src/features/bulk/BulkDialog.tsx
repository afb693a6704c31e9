// The dialog of one bulk change: its target (a user, a date or "next business day"),
// the reason (required: it goes on every timeline), then the result: how many were
// changed and each refused follow-up with the server's reason.
import { useRef, useState, useEffect, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Dialog } from '../../shared/components/Dialog';
import { problemText } from '../../shared/components/errors';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import type { FollowupSelection } from '../../shared/selection';
import { useMe, useUserTime } from '../../shared/session';
import { visibleUsers } from '../../shared/visibility';
import { bulkApi, filterOf, type BulkAction, type BulkInput, type BulkResult } from './api';

const MAX_REASON = 500;

interface Props {
  action: BulkAction;
  selection: FollowupSelection;
  count: number;
  onClose: () => void;
  /** The change was made (some or all applied): the list reads itself again. */
  onApplied: () => void;
}

export function BulkDialog({ action, selection, count, onClose, onApplied }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { users } = useTables();
  const { today } = useUserTime();
  const [toUser, setToUser] = useState('');
  const [toDate, setToDate] = useState('');
  const [nextBusinessDay, setNextBusinessDay] = useState(false);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  // Only people the caller may give follow-ups to: agents themselves, supervisors their branch.
  const targets = visibleUsers(me.user, users);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = t('validation.required');
    if (action === 'reassign' && !toUser) local.to_user_id = t('validation.required');
    if (action === 'move' && !toDate && !nextBusinessDay) local.to_date = t('validation.required');
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const body: BulkInput = { action, reason: reason.trim() };
    if (selection.allMatching) body.filter = filterOf(selection);
    else body.ids = selection.ids;
    if (action === 'reassign') body.to_user_id = Number(toUser);
    if (action === 'move') {
      if (nextBusinessDay) body.next_business_day = true;
      else body.to_date = toDate;
    }
    await send(async () => {
      const r = await bulkApi.apply(body);
      setResult(r);
    });
  };

  if (result) return <BulkResultDialog result={result} onClose={() => (onApplied(), onClose())} />;

  return (
    <FormDialog
      title={t(`bulk.title.${action}`, { count })}
      onClose={onClose}
      formId="bulk-form"
      busy={busy}
      danger={action === 'close'}
      submitLabel={t(`bulk.action.${action}`)}
    >
      <form id="bulk-form" onChange={markDirty} onSubmit={submit} noValidate className="bulk-form">
        {error ? <Notice kind="error">{error}</Notice> : null}
        {action === 'reassign' ? (
          <SelectField
            label={t('bulk.toUser')}
            required
            value={toUser}
            onChange={(e) => setToUser(e.target.value)}
            error={errors.to_user_id}
          >
            <option value="">{t('common.choose')}</option>
            {targets
              .filter((u) => u.active !== false)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </SelectField>
        ) : null}
        {action === 'move' ? (
          <>
            <TextField
              label={t('bulk.toDate')}
              type="date"
              min={today}
              value={toDate}
              disabled={nextBusinessDay}
              onChange={(e) => setToDate(e.target.value)}
              error={errors.to_date}
            />
            <CheckboxField
              label={t('bulk.nextBusinessDay')}
              checked={nextBusinessDay}
              onChange={(e) => setNextBusinessDay(e.target.checked)}
              error={errors.next_business_day}
            />
          </>
        ) : null}
        <TextArea
          label={t('bulk.reason')}
          required
          rows={3}
          maxLength={MAX_REASON}
          hint={t('bulk.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
        />
      </form>
    </FormDialog>
  );
}

function BulkResultDialog({ result, onClose }: { result: BulkResult; onClose: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Dialog
      title={t('bulk.resultTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      initialFocus="dialog"
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <p ref={heading} tabIndex={-1} role="status">
        {t('bulk.applied', { count: result.applied })}
        {result.capped ? ` ${t('bulk.capped', { count: result.max_items })}` : ''}
      </p>
      {result.refused.length ? (
        <>
          <h3 className="bulk-refused-title">{t('bulk.refused', { count: result.refused.length })}</h3>
          <ul className="bulk-refused">
            {result.refused.map((r) => (
              <li key={r.id}>
                <Link to={`/followups/${r.id}`}>#{r.id}</Link> — {problemText(r.code, t) || r.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Dialog>
  );
}
