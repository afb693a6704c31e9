// Fields of a return to schedule (manual 000): contact type, return date and time,
// message to the customer and whether to e-mail it, "remind at" (an optional instant of
// the reminder, typed in the user's time zone), "repeat for N months" with the preview of
// the dates. Used by the follow-up form, "complete" and "new return".
import type { ActionInput, CodeItem } from '../../shared/api/types';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { MailOffNotice } from '../../shared/components/MailOffNotice';
import { formatDate, monthlyDates, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { offered } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';

export interface ActionDraft {
  type: string;
  due_date: string;
  due_time: string;
  notify_customer: boolean;
  message: string;
  repeat_months: number;
  /** Wall-clock "YYYY-MM-DDTHH:MM" in the user's zone; empty: the server's default. */
  remind_at: string;
}

export function emptyAction(type: string, dueDate: string): ActionDraft {
  return {
    type,
    due_date: dueDate,
    due_time: '',
    notify_customer: false,
    message: '',
    repeat_months: 1,
    remind_at: '',
  };
}

export function toActionInput(d: ActionDraft, timeZone: string): ActionInput {
  const a: ActionInput = { type: d.type, due_date: d.due_date };
  if (d.remind_at) a.remind_at = wallTimeToInstant(d.remind_at, timeZone);
  if (d.due_time) a.due_time = d.due_time;
  if (d.notify_customer) a.notify_customer = true;
  if (d.message.trim()) a.message = d.message.trim();
  if (d.repeat_months > 1) a.repeat_months = d.repeat_months;
  return a;
}

/** Required fields the browser can check before asking the server. */
export function missingActionFields(d: ActionDraft, prefix: string, required: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.type) e[`${prefix}type`] = required;
  if (!d.due_date) e[`${prefix}due_date`] = required;
  return e;
}

interface Props {
  value: ActionDraft;
  onChange: (d: ActionDraft) => void;
  contactTypes: CodeItem[];
  errors: Record<string, string>;
  /** Field path prefix of the server's errors ("next_action." or ""). */
  prefix: string;
  today: string;
  /** The user's time zone, in which "remind at" is typed. */
  timeZone: string;
  allowRepeat?: boolean;
  idPrefix: string;
}

export function ActionFields({
  value,
  onChange,
  contactTypes,
  errors,
  prefix,
  today,
  timeZone,
  allowRepeat = true,
  idPrefix,
}: Props) {
  const { t, locale } = useI18n();
  const set = <K extends keyof ActionDraft>(k: K, v: ActionDraft[K]) => onChange({ ...value, [k]: v });
  const preview = value.repeat_months > 1 ? monthlyDates(value.due_date, value.repeat_months) : [];
  return (
    <div className="action-fields">
      <div className="form-row">
        <SelectField
          id={`${idPrefix}-type`}
          label={t('action.type')}
          value={value.type}
          required
          onChange={(e) => set('type', e.target.value)}
          error={errors[`${prefix}type`]}
        >
          <option value="">{t('common.choose')}</option>
          {offered(contactTypes, (c) => c.code === value.type).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${idPrefix}-due-date`}
          label={t('action.dueDate')}
          type="date"
          min={today}
          required
          value={value.due_date}
          onChange={(e) => set('due_date', e.target.value)}
          error={errors[`${prefix}due_date`]}
        />
        <TextField
          id={`${idPrefix}-due-time`}
          label={t('action.dueTime')}
          type="time"
          value={value.due_time}
          onChange={(e) => set('due_time', e.target.value)}
          error={errors[`${prefix}due_time`]}
          hint={t('action.dueTimeHint')}
        />
      </div>
      <TextArea
        id={`${idPrefix}-message`}
        label={t('action.message')}
        rows={2}
        value={value.message}
        onChange={(e) => set('message', e.target.value)}
        error={errors[`${prefix}message`]}
      />
      <CheckboxField
        id={`${idPrefix}-notify`}
        label={t('action.notifyCustomer')}
        checked={value.notify_customer}
        onChange={(e) => set('notify_customer', e.target.checked)}
        error={errors[`${prefix}notify_customer`]}
      />
      <MailOffNotice id={`${idPrefix}-notify-mail-off`} />
      <TextField
        id={`${idPrefix}-remind-at`}
        label={t('action.remindAt')}
        type="datetime-local"
        className="field-datetime"
        min={wallTimeIn(timeZone)}
        value={value.remind_at}
        onChange={(e) => set('remind_at', e.target.value)}
        error={errors[`${prefix}remind_at`]}
        hint={t('action.remindAtHint')}
      />
      {allowRepeat ? (
        <div className="repeat">
          <TextField
            id={`${idPrefix}-repeat`}
            label={t('action.repeatMonths')}
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            className="field-narrow"
            value={String(value.repeat_months)}
            onChange={(e) => set('repeat_months', Math.max(1, Math.min(60, Number(e.target.value) || 1)))}
            error={errors[`${prefix}repeat_months`]}
            hint={t('action.repeatHint')}
          />
          {preview.length ? (
            <div className="repeat-preview" aria-live="polite">
              <span className="field-label">{t('action.upcomingDates', { count: preview.length })}</span>
              <ol className="date-chips">
                {preview.map((d) => (
                  <li key={d}>{formatDate(d, locale)}</li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
