// "Enviar por e-mail": the report on screen, with its filters, sent on a schedule
// (weekly on Monday at 07:00 or monthly on the 1st at 07:00, in the user's zone) as PDF
// or XLSX, to the user or (supervisors and admins) their team. The period is the
// schedule's (the week or month before the run), so the on-screen period is not sent.
// The server checks everything; its field errors show next to their fields.
import { useState, type FormEvent } from 'react';
import { SelectField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe } from '../../shared/session';
import { schedulesApi, type ReportFilters, type ReportScheduleInput } from './api';
import { reportExportFilters, type ReportTab } from './ReportExportMenu';

/** The schedule's filters: the report's, less the period when the report has one. */
export function scheduleFilters(tab: ReportTab, f: ReportFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(reportExportFilters(tab, f))) {
    if (v === undefined || v === null || v === '') continue;
    if (tab !== 'unattended' && (k === 'from' || k === 'to')) continue;
    out[k] = String(v);
  }
  return out;
}

export function ScheduleDialog({
  tab,
  filters,
  onClose,
  onCreated,
}: {
  tab: ReportTab;
  filters: ReportFilters;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('weekly');
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [recipients, setRecipients] = useState<'me' | 'team'>('me');
  const { errors, error, busy, send, markDirty } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: ReportScheduleInput = {
      report: tab,
      filters: scheduleFilters(tab, filters),
      format,
      frequency,
      recipients,
    };
    await send(async () => {
      await schedulesApi.create(body);
      onCreated();
    });
  };
  return (
    <FormDialog
      title={t('schedule.title', { report: t(`reports.${tab}.title`) })}
      onClose={onClose}
      formId="schedule-form"
      busy={busy}
      submitLabel={t('schedule.create')}
    >
      <form id="schedule-form" onChange={markDirty} onSubmit={submit} noValidate className="schedule-form">
        {error ? <Notice kind="error">{error}</Notice> : null}
        <p className="hint">{t(tab === 'unattended' ? 'schedule.filtersNow' : 'schedule.filtersPeriod')}</p>
        <SelectField
          label={t('schedule.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as 'weekly' | 'monthly')}
          error={errors.frequency}
        >
          <option value="weekly">{t('schedule.weekly')}</option>
          <option value="monthly">{t('schedule.monthly')}</option>
        </SelectField>
        <SelectField
          label={t('schedule.format')}
          value={format}
          onChange={(e) => setFormat(e.target.value as 'pdf' | 'xlsx')}
          error={errors.format}
        >
          <option value="pdf">PDF</option>
          <option value="xlsx">XLSX (Excel)</option>
        </SelectField>
        <SelectField
          label={t('schedule.recipients')}
          value={recipients}
          onChange={(e) => setRecipients(e.target.value as 'me' | 'team')}
          error={errors.recipients}
        >
          <option value="me">{t('schedule.me')}</option>
          {me.user.role !== 'agent' ? <option value="team">{t('schedule.team')}</option> : null}
        </SelectField>
        {Object.entries(errors)
          .filter(([k]) => k.startsWith('filters.'))
          .map(([k, v]) => (
            <Notice key={k} kind="error">
              {t('schedule.filterError', { filter: k.slice('filters.'.length), message: v })}
            </Notice>
          ))}
      </form>
    </FormDialog>
  );
}
