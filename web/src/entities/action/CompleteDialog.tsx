// Complete a return with its result [004]: what happened, how (resolution), when (late
// entry allowed), and the next return chained to it — or close the follow-up.
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Action, CompleteInput } from '../../shared/api/types';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { addDays, formatDate, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { offered, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';
import { ActionFields, emptyAction, missingActionFields, toActionInput, type ActionDraft } from './ActionFields';

interface Props {
  action: Pick<Action, 'id' | 'type' | 'due_date' | 'followup_id'>;
  subject: string;
  onClose: () => void;
  onDone: () => void;
}

export function CompleteDialog({ action, subject, onClose, onDone }: Props) {
  const { t, locale } = useI18n();
  const { contactTypes } = useTables();
  const { timeZone, today } = useUserTime();
  const [result, setResult] = useState('');
  const [resolution, setResolution] = useState(action.type);
  const [resultAt, setResultAt] = useState(() => wallTimeIn(timeZone));
  const [chain, setChain] = useState(true);
  const [closeToo, setCloseToo] = useState(false);
  const [next, setNext] = useState<ActionDraft>(() => emptyAction(action.type, addDays(today, 7)));
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const local: Record<string, string> = {};
    if (!result.trim()) local.result = required;
    if (chain) Object.assign(local, missingActionFields(next, 'next_action.', required));
    setErrors(local);
    if (Object.keys(local).length) return;
    const body: CompleteInput = { result: result.trim(), resolution };
    if (resultAt) body.result_at = wallTimeToInstant(resultAt, timeZone);
    if (chain) body.next_action = toActionInput(next, timeZone);
    await send(async () => {
      await api.completeAction(action.id, body);
      if (!chain && closeToo) await api.closeFollowup(action.followup_id, result.trim());
      onDone();
    });
  };

  return (
    <FormDialog title={t('complete.title')} onClose={onClose} wide formId="complete-form" busy={busy}>
      <form onChange={markDirty} id="complete-form" onSubmit={submit} noValidate>
        <p className="muted">
          {subject} · {t('complete.dueOn', { date: formatDate(action.due_date, locale) })}
        </p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextArea
          id="complete-result"
          label={t('complete.result')}
          rows={3}
          required
          value={result}
          onChange={(e) => setResult(e.target.value)}
          error={errors.result}
        />
        <div className="form-row">
          <SelectField
            id="complete-resolution"
            label={t('complete.resolution')}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            error={errors.resolution}
          >
            {offered(contactTypes, (c) => c.code === resolution).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="complete-result-at"
            label={t('complete.resultAt')}
            type="datetime-local"
            max={wallTimeIn(timeZone)}
            value={resultAt}
            onChange={(e) => setResultAt(e.target.value)}
            error={errors.result_at}
          />
        </div>
        <CheckboxField
          id="complete-chain"
          label={t('complete.scheduleNext')}
          checked={chain}
          onChange={(e) => setChain(e.target.checked)}
        />
        {chain ? (
          <fieldset className="fieldset">
            <legend>{t('complete.nextReturn')}</legend>
            <ActionFields
              idPrefix="complete-next"
              value={next}
              onChange={setNext}
              contactTypes={contactTypes}
              errors={errors}
              prefix="next_action."
              today={today}
              timeZone={timeZone}
            />
          </fieldset>
        ) : (
          <CheckboxField
            id="complete-close"
            label={t('complete.closeFollowup')}
            checked={closeToo}
            onChange={(e) => setCloseToo(e.target.checked)}
          />
        )}
      </form>
    </FormDialog>
  );
}
