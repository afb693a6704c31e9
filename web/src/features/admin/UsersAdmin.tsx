// Users: role, branch, time zone, language, alert at login and the repeat of the alert
// every 10–60 minutes [001], reminders by e-mail (one per return or a morning digest).
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { EmailReminders, Locale, Role, User, UserCreate, UserPatch } from '../../shared/api/types';
import { CheckboxField, SelectField, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { GridTable } from '../../shared/components/GridTable';
import { Notice } from '../../shared/components/Notice';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { branchName, invalidateTables, offered, useTables } from '../../shared/hooks/useTables';
import { LOCALES, useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useSession } from '../../shared/session';
import { EmailRemindersField } from '../../shared/components/EmailRemindersField';
import { EditCell, EditPanel } from './EditPanel';
import { TimeZoneList } from './TimeZoneList';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

interface UserForm {
  login: string;
  name: string;
  email: string;
  password: string;
  role: Role;
  branch_id: string;
  time_zone: string;
  locale: Locale;
  alert_on_login: boolean;
  alert_every_minutes: string;
  email_reminders: EmailReminders;
}

function formOf(u: User | null, defaultZone: string): UserForm {
  return {
    login: u?.login ?? '',
    name: u?.name ?? '',
    email: u?.email ?? '',
    password: '',
    role: u?.role ?? 'agent',
    branch_id: u?.branch_id ? String(u.branch_id) : '',
    time_zone: u?.time_zone ?? defaultZone,
    locale: u?.locale ?? 'pt-BR',
    alert_on_login: u?.alert_on_login ?? true,
    alert_every_minutes: u?.alert_every_minutes ? String(u.alert_every_minutes) : '',
    email_reminders: u?.email_reminders ?? 'off',
  };
}

/** The body to send: everything for a new user, only the changes for an existing one. */
export function userBody(form: UserForm, original: User | null): UserCreate | UserPatch {
  const every = form.alert_every_minutes.trim() === '' ? null : Number(form.alert_every_minutes);
  const full: UserCreate = {
    login: form.login.trim(),
    name: form.name.trim(),
    email: form.email.trim(),
    password: form.password,
    role: form.role,
    branch_id: form.branch_id ? Number(form.branch_id) : null,
    time_zone: form.time_zone.trim(),
    locale: form.locale,
    alert_on_login: form.alert_on_login,
    alert_every_minutes: every,
    email_reminders: form.email_reminders,
  };
  if (!original) return full;
  const patch: UserPatch = {};
  (Object.keys(full) as (keyof UserCreate)[]).forEach((k) => {
    if (k === 'password') {
      if (full.password) patch.password = full.password;
      return;
    }
    const before = k === 'email_reminders' ? (original.email_reminders ?? 'off') : original[k as keyof User];
    if (full[k] !== before) (patch as Record<string, unknown>)[k] = full[k];
  });
  return patch;
}

export function UsersAdmin() {
  const { t } = useI18n();
  const { branches } = useTables();
  const list = useAsync(() => api.users(), []);

  return (
    <EditPanel<User>
      titleId="users-title"
      title={t('admin.section.users')}
      list={list}
      dialog={(user, close, saved) => (
        <UserDialog
          user={user}
          onClose={close}
          onSaved={(u) => {
            invalidateTables();
            saved(t('admin.savedUser', { name: u.name }));
          }}
        />
      )}
    >
      {(edit) =>
        list.data ? (
          <GridTable
            caption={t('admin.section.users')}
            columns={[
              t('admin.login'),
              t('admin.name'),
              t('admin.role'),
              t('filters.branch'),
              t('admin.timeZone'),
              t('common.language'),
              t('admin.alertOnLogin'),
              t('admin.alertEvery'),
              t('admin.emailReminders'),
              { label: t('common.actions'), hidden: true },
            ]}
          >
            {list.data.map((u) => (
              <tr key={u.id} className={u.active ? '' : 'inactive'}>
                <td data-label={t('admin.login')} className="code">
                  {u.login}
                  {u.active ? null : (
                    <>
                      {' '}
                      <span className="badge">{t('admin.inactive')}</span>{' '}
                      <Link to={`/followups?status=open&owner_id=${u.id}`} className="small">
                        {t('admin.reassignOpen', { name: u.name })}
                      </Link>
                    </>
                  )}
                </td>
                <td data-label={t('admin.name')}>{u.name}</td>
                <td data-label={t('admin.role')}>{t(`role.${u.role}`)}</td>
                <td data-label={t('filters.branch')}>{branchName(branches, u.branch_id) || '—'}</td>
                <td data-label={t('admin.timeZone')}>{u.time_zone}</td>
                <td data-label={t('common.language')}>{t(`language.${u.locale}`)}</td>
                <td data-label={t('admin.alertOnLogin')}>{u.alert_on_login ? t('common.yes') : t('common.no')}</td>
                <td data-label={t('admin.alertEvery')}>
                  {u.alert_every_minutes ? t('admin.everyMinutes', { n: u.alert_every_minutes }) : t('admin.noRepeat')}
                </td>
                <td data-label={t('admin.emailReminders')}>
                  {t(`admin.emailRemindersMode.${u.email_reminders ?? 'off'}`)}
                </td>
                <EditCell label={t('admin.editUser', { name: u.name })} onClick={() => edit(u)} />
              </tr>
            ))}
          </GridTable>
        ) : null
      }
    </EditPanel>
  );
}

function UserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const { branches } = useTables();
  const [form, setForm] = useState<UserForm>(() => formOf(user, me?.settings.time_zone ?? 'America/Sao_Paulo'));
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();
  const set = <K extends keyof UserForm>(k: K, v: UserForm[K]) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const req = t('validation.required');
    const local: Record<string, string> = {};
    if (!form.login.trim()) local.login = req;
    if (!form.name.trim()) local.name = req;
    if (!user && !form.password) local.password = req;
    if (form.alert_every_minutes.trim()) {
      const n = Number(form.alert_every_minutes);
      if (!Number.isInteger(n) || n < 10 || n > 60) local.alert_every_minutes = t('admin.alertEveryRange');
    }
    setErrors(local);
    if (Object.keys(local).length) return;
    await send(async () => {
      const body = userBody(form, user);
      const saved = user ? await api.patchUser(user.id, body) : await api.createUser(body as UserCreate);
      if (user && me && user.id === me.user.id) void refresh();
      onSaved(saved);
    });
  };

  return (
    <FormDialog
      title={user ? t('admin.editUser', { name: user.name }) : t('admin.newUser')}
      onClose={onClose}
      wide
      formId="user-form"
      busy={busy}
    >
      <form onChange={markDirty} id="user-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-row">
          <TextField
            id="user-login"
            label={t('admin.login')}
            value={form.login}
            required
            autoComplete="off"
            onChange={(e) => set('login', e.target.value)}
            error={errors.login}
          />
          <TextField
            id="user-name"
            label={t('admin.name')}
            value={form.name}
            required
            onChange={(e) => set('name', e.target.value)}
            error={errors.name}
          />
        </div>
        <div className="form-row">
          <TextField
            id="user-email"
            label={t('contact.email')}
            type="email"
            value={form.email}
            onChange={(e) => set('email', e.target.value)}
            error={errors.email}
          />
          <TextField
            id="user-password"
            label={user ? t('admin.newPassword') : t('login.password')}
            type="password"
            autoComplete="new-password"
            value={form.password}
            required={!user}
            onChange={(e) => set('password', e.target.value)}
            error={errors.password}
            hint={t('admin.passwordHint')}
          />
        </div>
        <div className="form-row">
          <SelectField
            id="user-role"
            label={t('admin.role')}
            value={form.role}
            onChange={(e) => set('role', e.target.value as Role)}
            error={errors.role}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="user-branch"
            label={t('filters.branch')}
            value={form.branch_id}
            onChange={(e) => set('branch_id', e.target.value)}
            error={errors.branch_id}
          >
            <option value="">{t('admin.noBranch')}</option>
            {offered(branches, (b) => String(b.id) === String(form.branch_id)).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-row">
          <TextField
            id="user-zone"
            label={t('admin.timeZone')}
            value={form.time_zone}
            list="tz-list"
            onChange={(e) => set('time_zone', e.target.value)}
            error={errors.time_zone}
          />
          <TimeZoneList />
          <SelectField
            id="user-locale"
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
        </div>
        <div className="form-row">
          <CheckboxField
            id="user-alert"
            label={t('admin.alertOnLogin')}
            checked={form.alert_on_login}
            onChange={(e) => set('alert_on_login', e.target.checked)}
            error={errors.alert_on_login}
          />
          <TextField
            id="user-every"
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
        </div>
        <EmailRemindersField
          id="user-email-reminders"
          value={form.email_reminders}
          onChange={(v) => set('email_reminders', v)}
          error={errors.email_reminders}
        />
        {user && me && user.id !== me.user.id ? (
          <p className="form-actions-aside">
            <button
              type="button"
              className={user.active ? 'btn btn-danger' : 'btn'}
              disabled={busy}
              onClick={() => {
                // Taking access away ends every session of that user at once.
                if (user.active && !window.confirm(t('admin.deactivateConfirm', { name: user.name }))) return;
                void send(async () => onSaved(await api.patchUser(user.id, { active: !user.active })));
              }}
            >
              {user.active ? t('admin.deactivate') : t('admin.reactivate', { name: user.name })}
            </button>
          </p>
        ) : null}
      </form>
    </FormDialog>
  );
}
