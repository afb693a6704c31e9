// The audit trail (admins): who changed which record, when, from where, with the old and
// new values of the changed fields; filtered, paged newest first, and exported with the
// filters on screen (CSV, XLSX, PDF). Rows never change: the server refuses it.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { AuditAction, AuditEntity, AuditEntry, AuditFilters, User } from '../../shared/api/types';
import { ExportMenu } from '../../shared/components/ExportMenu';
import { SelectField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { PagesFooter } from '../../shared/components/PagesFooter';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { usePages } from '../../shared/hooks/usePages';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe } from '../../shared/session';

export const AUDIT_ENTITIES: AuditEntity[] = [
  'user',
  'branch',
  'setting',
  'contact_type',
  'category',
  'template',
  'catalog_item',
  'party',
  'document',
  'smtp',
  'attendance_type',
  'proposal_template',
];
export const AUDIT_ACTIONS: AuditAction[] = ['create', 'update', 'delete', 'anonymise', 'export'];

/** "name: old → new" per changed field, values as JSON text. */
export function changeLines(entry: Pick<AuditEntry, 'before' | 'after'>): string[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const text = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return keys.map((k) =>
    entry.before && entry.after
      ? `${k}: ${text(before[k])} → ${text(after[k])}`
      : `${k}: ${text(entry.after ? after[k] : before[k])}`,
  );
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [draft, setDraft] = useState<AuditFilters>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const [users, setUsers] = useState<User[]>([]);
  const admin = me.user.role === 'admin';

  useEffect(() => {
    if (admin) api.users().then(setUsers, () => setUsers([]));
  }, [admin]);
  const query = useMemo(() => ({ ...filters }), [filters]);
  const pages = usePages((cursor) => api.audit(query, cursor), query);

  if (!admin) {
    return (
      <>
        <PageHeader title={t('audit.title')} />
        <Notice kind="error">{t('admin.onlyAdmins')}</Notice>
      </>
    );
  }

  const set = <K extends keyof AuditFilters>(k: K, v: AuditFilters[K] | '') =>
    setDraft((d) => ({ ...d, [k]: v === '' ? undefined : v }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const fieldErrors = fieldErrorsOf(pages.error);
  const zone = me.user.time_zone;

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <ExportMenu path="/audit/export" filters={{ ...filters }} fileName="auditoria" />
      </PageHeader>
      <form onSubmit={apply} className="filters-form" role="search" aria-label={t('filters.title')} noValidate>
        <TextField
          label={t('audit.from')}
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          error={fieldErrors.from}
        />
        <TextField
          label={t('audit.to')}
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          error={fieldErrors.to}
        />
        <SelectField
          label={t('audit.actor')}
          value={draft.actor_id ?? ''}
          onChange={(e) => set('actor_id', e.target.value ? Number(e.target.value) : '')}
        >
          <option value="">{t('common.any')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('audit.entity')}
          value={draft.entity ?? ''}
          onChange={(e) => set('entity', e.target.value as AuditEntity)}
          error={fieldErrors.entity}
        >
          <option value="">{t('common.any')}</option>
          {AUDIT_ENTITIES.map((x) => (
            <option key={x} value={x}>
              {t(`audit.entity.${x}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('audit.entityId')}
          value={draft.entity_id ?? ''}
          maxLength={100}
          onChange={(e) => set('entity_id', e.target.value)}
          error={fieldErrors.entity_id}
        />
        <SelectField
          label={t('audit.action')}
          value={draft.action ?? ''}
          onChange={(e) => set('action', e.target.value as AuditAction)}
          error={fieldErrors.action}
        >
          <option value="">{t('common.any')}</option>
          {AUDIT_ACTIONS.map((x) => (
            <option key={x} value={x}>
              {t(`audit.action.${x}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary">
          {t('filters.apply')}
        </button>
      </form>
      {pages.error ? <Notice kind="error">{errorMessage(pages.error, t)}</Notice> : null}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.address')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {pages.items.map((r) => (
            <tr key={r.id}>
              <td>{formatInstant(r.at, locale, zone)}</td>
              <td>{r.actor_login || t('audit.system')}</td>
              <td title={r.user_agent}>{r.client_ip}</td>
              <td>
                {t(`audit.entity.${r.entity}`)} #{r.entity_id}
              </td>
              <td>{t(`audit.action.${r.action}`)}</td>
              <td>
                <ul className="plain">
                  {changeLines(r).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!pages.loading && pages.items.length === 0 && !pages.error ? <p className="muted">{t('audit.empty')}</p> : null}
      <PagesFooter shown={t('audit.shown', { count: pages.items.length })} pages={pages} />
      {pages.loading ? <Loading /> : null}
    </>
  );
}
