// The user's own preferences: name, e-mail, password, language, time zone, the return
// alert (at login, and repeated every 10–60 minutes) [001] and reminders by e-mail.
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Locale, UserPatch } from '../../shared/api/types';
import { EmailRemindersField } from '../../shared/components/EmailRemindersField';
import { CheckboxField, SelectField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { timeZones } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { LOCALES, useI18n } from '../../shared/i18n/i18n';
import { useMe, useSession } from '../../shared/session';
import { CalendarFeed } from './CalendarFeed';

export function ProfilePage() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useSession();
  const u = me.user;
  const [form, setForm] = useState({
    name: u.name,
    email: u.email,
    password: '',
    current_password: '',
    time_zone: u.time_zone,
    locale: u.locale,
    alert_on_login: u.alert_on_login,
    alert_every_minutes: u.alert_every_minutes ? String(u.alert_every_minutes) : '',
    email_reminders: u.email_reminders ?? 'off',
  });
  const { errors, setErrors, error, busy, send, markDirty, markSaved } = useSubmit({ staysOpen: true });
  // A catalogue key, worded when shown: saving a new language confirms in that language.
  const [notice, setNotice] = useState('');
  const [zones] = useState(timeZones);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch: UserPatch = {};
    if (form.name.trim() !== u.name) patch.name = form.name.trim();
    if (form.email.trim() !== u.email) patch.email = form.email.trim();
    if (form.password) {
      patch.password = form.password;
      patch.current_password = form.current_password;
    }
    if (form.time_zone !== u.time_zone) patch.time_zone = form.time_zone;
    if (form.locale !== u.locale) patch.locale = form.locale;
    if (form.alert_on_login !== u.alert_on_login) patch.alert_on_login = form.alert_on_login;
    const every = form.alert_every_minutes.trim() ? Number(form.alert_every_minutes) : null;
    if (every !== null && (!Number.isInteger(every) || every < 10 || every > 60)) {
      setErrors({ alert_every_minutes: t('admin.alertEveryRange') });
      return;
    }
    if (every !== u.alert_every_minutes) patch.alert_every_minutes = every;
    if (form.email_reminders !== (u.email_reminders ?? 'off')) patch.email_reminders = form.email_reminders;
    if (!Object.keys(patch).length) {
      markSaved();
      setNotice('followup.noChanges');
      return;
    }
    setErrors({});
    await send(async () => {
      await api.patchUser(u.id, patch);
      await refresh();
      setForm((f) => ({ ...f, password: '', current_password: '' }));
      setNotice('admin.saved');
    });
  };

  return (
    <>
      <PageHeader title={t('profile.title')}>
        <button type="submit" form="profile-form" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
      </PageHeader>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{t(notice)}</Notice> : null}
      <form onChange={markDirty} id="profile-form" className="panel panel-narrow" onSubmit={submit} noValidate>
        <p className="muted">
          {u.login} · {t(`role.${u.role}`)}
        </p>
        <TextField
          id="profile-name"
          label={t('admin.name')}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          id="profile-email"
          label={t('contact.email')}
          type="email"
          value={form.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
        <TextField
          id="profile-password"
          label={t('admin.newPassword')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => set('password', e.target.value)}
          error={errors.password}
          hint={t('admin.passwordHint')}
        />
        {form.password ? (
          <TextField
            id="profile-current-password"
            label={t('profile.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={form.current_password}
            onChange={(e) => set('current_password', e.target.value)}
            error={errors.current_password}
            hint={t('profile.currentPasswordHint')}
          />
        ) : null}
        <SelectField
          id="profile-locale"
          label={t('common.language')}
          value={form.locale}
          onChange={(e) => set('locale', e.target.value as Locale)}
          error={errors.locale}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="profile-zone"
          label={t('admin.timeZone')}
          value={form.time_zone}
          onChange={(e) => set('time_zone', e.target.value)}
          error={errors.time_zone}
        >
          {zones.includes(form.time_zone) ? null : <option value={form.time_zone}>{form.time_zone}</option>}
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          id="profile-alert"
          label={t('admin.alertOnLogin')}
          checked={form.alert_on_login}
          onChange={(e) => set('alert_on_login', e.target.checked)}
          error={errors.alert_on_login}
        />
        <TextField
          id="profile-every"
          label={t('admin.alertEvery')}
          type="number"
          min={10}
          max={60}
          inputMode="numeric"
          className="field-narrow"
          value={form.alert_every_minutes}
          onChange={(e) => set('alert_every_minutes', e.target.value)}
          error={errors.alert_every_minutes}
          hint={t('admin.alertEveryHint')}
        />
        <EmailRemindersField
          id="profile-email-reminders"
          value={form.email_reminders}
          onChange={(v) => set('email_reminders', v)}
          error={errors.email_reminders}
        />
      </form>
      <CalendarFeed />
    </>
  );
}
