// "Permissões de usuário" (manual 001; ADR 0040): per user, each named right with the
// role's default beside it; the admin allows or takes away each one and saves the whole
// set. Leaving (or picking another user) with unsaved changes asks first.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { RightName, User, UserRights } from '../../shared/api/types';
import { SelectField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { useSession } from '../../shared/session';
import { confirmLeave } from '../../shared/unsaved';

/** The body to send: the rights allowed beyond the role and those taken from it. */
export function rightsBody(rights: UserRights['rights'], allowed: Record<string, boolean>) {
  const granted: RightName[] = [];
  const revoked: RightName[] = [];
  for (const r of rights) {
    const on = allowed[r.right] ?? r.effective;
    if (on && !r.role_default) granted.push(r.right);
    if (!on && r.role_default) revoked.push(r.right);
  }
  return { granted, revoked };
}

export function RightsAdmin() {
  const { t } = useI18n();
  const { me, refresh } = useSession();
  const users = useAsync(() => api.users(), []);
  const [userId, setUserId] = useState<number | null>(null);
  const [rights, setRights] = useState<UserRights | null>(null);
  const [allowed, setAllowed] = useState<Record<string, boolean>>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const { error, busy, send, markDirty, markSaved, dirty } = useSubmit({ staysOpen: true });

  useEffect(() => {
    if (userId === null) return;
    setRights(null);
    setLoadError(null);
    api.userRights(userId).then((r) => {
      setRights(r);
      setAllowed(Object.fromEntries(r.rights.map((x) => [x.right, x.effective])));
    }, setLoadError);
  }, [userId]);

  if (users.error) return <Notice kind="error">{errorMessage(users.error, t)}</Notice>;
  if (!users.data) return <Loading />;

  const pick = (value: string) => {
    if (dirty && !confirmLeave()) return;
    markSaved();
    setNotice('');
    setUserId(value ? Number(value) : null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rights || userId === null) return;
    await send(async () => {
      const saved = await api.putUserRights(userId, rightsBody(rights.rights, allowed));
      setRights(saved);
      setAllowed(Object.fromEntries(saved.rights.map((x) => [x.right, x.effective])));
      setNotice(t('admin.saved'));
      if (userId === me?.user.id) void refresh();
    });
  };

  const chosen: User | undefined = users.data.find((u) => u.id === userId);
  return (
    <section className="panel" aria-labelledby="rights-title">
      <h2 id="rights-title">{t('admin.section.rights')}</h2>
      <p className="muted">{t('rights.intro')}</p>
      <SelectField
        id="rights-user"
        label={t('rights.user')}
        value={userId === null ? '' : String(userId)}
        onChange={(e) => pick(e.target.value)}
      >
        <option value="">{t('rights.pickUser')}</option>
        {users.data
          .filter((u) => u.active)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({t(`role.${u.role}`)})
            </option>
          ))}
      </SelectField>
      {loadError ? <Notice kind="error">{errorMessage(loadError, t)}</Notice> : null}
      {userId !== null && !rights && !loadError ? <Loading /> : null}
      {rights && chosen ? (
        <form onChange={markDirty} onSubmit={submit} noValidate>
          {error ? <Notice kind="error">{error}</Notice> : null}
          {notice ? <Notice kind="success">{notice}</Notice> : null}
          <table className="table">
            <caption className="sr-only">{t('rights.caption', { name: chosen.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rights.right')}</th>
                <th scope="col">{t('rights.roleDefault', { role: t(`role.${chosen.role}`) })}</th>
                <th scope="col">{t('rights.allowed')}</th>
                <th scope="col">{t('rights.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rights.rights.map((r) => {
                const on = allowed[r.right] ?? r.effective;
                const change = on === r.role_default ? 'none' : on ? 'granted' : 'revoked';
                return (
                  <tr key={r.right}>
                    <th scope="row">{t(`right.${r.right}`)}</th>
                    <td>{r.role_default ? t('common.yes') : t('common.no')}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t(`right.${r.right}`)}
                        checked={on}
                        onChange={(e) => setAllowed({ ...allowed, [r.right]: e.target.checked })}
                      />
                    </td>
                    <td>{t(`rights.changed.${change}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
