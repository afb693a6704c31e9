import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { BranchPatch } from '../../shared/api/types';
import { TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { invalidateTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { KeptRowControls, KeptStatus, useKeptRowChange } from './KeptRows';
import { TimeZoneList } from './TimeZoneList';

/** Branches [004]: in the admin's order; renamed, moved and retired, never deleted. */
export function BranchesAdmin() {
  const { t } = useI18n();
  const list = useAsync(() => api.branches(true), []);
  const { row, change } = useKeptRowChange(
    (id, p: BranchPatch) => api.patchBranch(id, p),
    () => {
      setNotice(t('admin.saved'));
      list.reload();
    },
  );
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);

  const saveName = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    if (!editing.name.trim()) {
      row.setErrors({ name: t('validation.required') });
      return;
    }
    void change(editing.id, { name: editing.name.trim() }, () => setEditing(null));
  };
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
        <p className="muted small">{t('admin.retiredHint')}</p>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {row.error ? <Notice kind="error">{row.error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t('admin.section.branches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('admin.timeZone')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b, _, all) => (
                <tr key={b.id} className={b.active ? undefined : 'row-retired'}>
                  <td data-label={t('admin.name')}>
                    {editing?.id === b.id ? (
                      <form onSubmit={saveName} noValidate className="inline-form">
                        <TextField
                          id={`branch-${b.id}-name`}
                          label={t('admin.name')}
                          value={editing.name}
                          required
                          maxLength={120}
                          onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                          error={row.errors.name}
                        />
                        <button type="submit" className="btn btn-primary btn-small" disabled={row.busy}>
                          {t('common.save')}
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                          {t('common.cancel')}
                        </button>
                      </form>
                    ) : (
                      b.name
                    )}
                  </td>
                  <td data-label={t('admin.timeZone')}>{b.time_zone || t('admin.orgZone')}</td>
                  <td data-label={t('admin.status')}>
                    <KeptStatus active={b.active} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('admin.rename', { name: b.name })}
                      onClick={() => {
                        row.setErrors({});
                        setEditing({ id: b.id, name: b.name });
                      }}
                    >
                      {t('common.edit')}
                    </button>
                    <KeptRowControls
                      row={b}
                      name={b.name}
                      count={all.length}
                      busy={row.busy}
                      onChange={(p) => void change(b.id, p)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="branch-new">
        <h2 id="branch-new">{t('common.add')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form onChange={markDirty} onSubmit={submit} noValidate>
          <TextField
            id="branch-name"
            label={t('admin.name')}
            value={name}
            required
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
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
