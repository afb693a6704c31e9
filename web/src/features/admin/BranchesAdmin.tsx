import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { invalidateTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { TimeZoneList } from './TimeZoneList';

export function BranchesAdmin() {
  const { t } = useI18n();
  const list = useAsync(() => api.branches(), []);
  const [name, setName] = useState('');
  const [zone, setZone] = useState('');
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t('validation.required') });
      return;
    }
    setErrors({});
    await send(async () => {
      const b = await api.createBranch({ name: name.trim(), time_zone: zone.trim() || undefined });
      setName('');
      setZone('');
      setNotice(t('admin.added', { name: b.name }));
      invalidateTables();
      list.reload();
    });
  };

  return (
    <div className="admin-grid">
      <section className="panel" aria-labelledby="branch-list">
        <h2 id="branch-list">{t('admin.section.branches')}</h2>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t('admin.section.branches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.timeZone')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b) => (
                <tr key={b.id}>
                  <td data-label={t('admin.name')}>{b.name}</td>
                  <td data-label={t('admin.timeZone')}>{b.time_zone || t('admin.orgZone')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="branch-new">
        <h2 id="branch-new">{t('common.add')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <form onChange={markDirty} onSubmit={submit} noValidate>
          <TextField id="branch-name" label={t('admin.name')} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <TextField
            id="branch-zone"
            label={t('admin.timeZone')}
            value={zone}
            list="tz-list"
            onChange={(e) => setZone(e.target.value)}
            error={errors.time_zone}
            hint={t('admin.branchZoneHint')}
          />
          <TimeZoneList />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.add')}
          </button>
        </form>
      </section>
    </div>
  );
}
