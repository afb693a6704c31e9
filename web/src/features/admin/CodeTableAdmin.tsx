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

/** Contact types or categories: a stable code and a display name [001]. */
export function CodeTableAdmin({ table }: { table: 'contact-types' | 'categories' }) {
  const { t } = useI18n();
  const list = useAsync(() => (table === 'categories' ? api.categories() : api.contactTypes()), [table]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!code.trim()) local.code = t('validation.required');
    if (!name.trim()) local.name = t('validation.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    await send(async () => {
      const body = { code: code.trim(), name: name.trim() };
      if (table === 'categories') await api.createCategory(body);
      else await api.createContactType(body);
      setCode('');
      setName('');
      setNotice(t('admin.added', { name: body.name }));
      invalidateTables();
      list.reload();
    });
  };

  return (
    <div className="admin-grid">
      <section className="panel" aria-labelledby="code-list">
        <h2 id="code-list">{t(`admin.section.${table}`)}</h2>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t(`admin.section.${table}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.code')}</th>
                <th scope="col">{t('admin.name')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('admin.code')} className="code">
                    {c.code}
                  </td>
                  <td data-label={t('admin.name')}>{c.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="code-new">
        <h2 id="code-new">{t('common.add')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <form onChange={markDirty} onSubmit={submit} noValidate>
          <TextField id="code-code" label={t('admin.code')} value={code} required onChange={(e) => setCode(e.target.value)} error={errors.code} hint={t('admin.codeHint')} />
          <TextField id="code-name" label={t('admin.name')} value={name} required maxLength={80} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.add')}
          </button>
        </form>
      </section>
    </div>
  );
}
