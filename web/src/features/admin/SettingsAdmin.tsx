import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Settings } from '../../shared/api/types';
import { CheckboxField, SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { useSession } from '../../shared/session';
import { TimeZoneList } from './TimeZoneList';

/** Organization settings, with the general switch of the automatic return alert [001]. */
export function SettingsAdmin() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [form, setForm] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');

  useEffect(() => {
    api.settings().then(setForm, setLoadError);
  }, []);

  if (loadError) return <Notice kind="error">{errorMessage(loadError, t)}</Notice>;
  if (!form) return <Loading />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.company_name.trim()) {
      setErrors({ company_name: t('validation.required') });
      return;
    }
    setErrors({});
    await send(async () => {
      setForm(await api.putSettings({ ...form, company_name: form.company_name.trim() }));
      setNotice(t('admin.saved'));
      void refresh();
    });
  };

  return (
    <section className="panel panel-narrow" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('admin.section.settings')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form onChange={markDirty} onSubmit={submit} noValidate>
        <TextField
          id="settings-company"
          label={t('admin.companyName')}
          value={form.company_name}
          required
          maxLength={160}
          onChange={(e) => setForm({ ...form, company_name: e.target.value })}
          error={errors.company_name}
        />
        <TextField
          id="settings-zone"
          label={t('admin.timeZone')}
          value={form.time_zone}
          list="tz-list"
          onChange={(e) => setForm({ ...form, time_zone: e.target.value })}
          error={errors.time_zone}
        />
        <TimeZoneList />
        <SelectField
          id="settings-currency"
          label={t('admin.currency')}
          hint={t('admin.currencyHint')}
          value={form.currency ?? 'BRL'}
          onChange={(e) => setForm({ ...form, currency: e.target.value as Settings['currency'] })}
          error={errors.currency}
        >
          <option value="BRL">{t('admin.currencyBRL')}</option>
          <option value="MXN">{t('admin.currencyMXN')}</option>
        </SelectField>
        <CheckboxField
          id="settings-alerts"
          label={t('admin.returnAlerts')}
          hint={t('admin.returnAlertsHint')}
          checked={form.return_alerts_enabled}
          onChange={(e) => setForm({ ...form, return_alerts_enabled: e.target.checked })}
          error={errors.return_alerts_enabled}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
