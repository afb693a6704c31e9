import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { CodeItem, CodeNames, CodePatch } from '../../shared/api/types';
import { TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { invalidateTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { KeptRowControls, KeptStatus, useKeptRowChange } from './KeptRows';

const LANGS = ['pt-BR', 'es', 'en'] as const;

function namesOf(c: CodeItem): CodeNames {
  return c.names ?? { 'pt-BR': c.name, es: c.name, en: c.name };
}

/**
 * Contact types or categories: a stable code and a name in each language [001], in the
 * admin's order; renamed, moved and retired here, never deleted.
 */
export function CodeTableAdmin({ table }: { table: 'contact-types' | 'categories' }) {
  const { t } = useI18n();
  const list = useAsync(() => (table === 'categories' ? api.categories(true) : api.contactTypes(true)), [table]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const { row, change } = useKeptRowChange(
    (id, p: CodePatch) => (table === 'categories' ? api.patchCategory(id, p) : api.patchContactType(id, p)),
    () => {
      setNotice(t('admin.saved'));
      list.reload();
    },
  );
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<{ id: number; names: CodeNames } | null>(null);

  const saveNames = (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const local: Record<string, string> = {};
    for (const l of LANGS) if (!editing.names[l].trim()) local[`names.${l}`] = t('validation.required');
    row.setErrors(local);
    if (Object.keys(local).length) return;
    const names = { 'pt-BR': editing.names['pt-BR'].trim(), es: editing.names.es.trim(), en: editing.names.en.trim() };
    void change(editing.id, { names }, () => setEditing(null));
  };

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

  const items = list.data ?? [];
  return (
    <div className="admin-grid">
      <section className="panel" aria-labelledby="code-list">
        <h2 id="code-list">{t(`admin.section.${table}`)}</h2>
        <p className="muted small">{t('admin.retiredHint')}</p>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {row.error ? <Notice kind="error">{row.error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t(`admin.section.${table}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.code')}</th>
                {LANGS.map((l) => (
                  <th scope="col" key={l}>
                    {t('admin.nameIn', { lang: l })}
                  </th>
                ))}
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) =>
                editing?.id === c.id ? (
                  <tr key={c.id}>
                    <td data-label={t('admin.code')} className="code">
                      {c.code}
                    </td>
                    {LANGS.map((l) => (
                      <td key={l} data-label={t('admin.nameIn', { lang: l })}>
                        <TextField
                          id={`code-${c.id}-${l}`}
                          label={t('admin.nameIn', { lang: l })}
                          value={editing.names[l]}
                          maxLength={80}
                          required
                          form={`code-edit-${c.id}`}
                          onChange={(e) => setEditing({ ...editing, names: { ...editing.names, [l]: e.target.value } })}
                          error={row.errors[`names.${l}`]}
                        />
                      </td>
                    ))}
                    <td data-label={t('admin.status')}>
                      <KeptStatus active={c.active} />
                    </td>
                    <td>
                      <form id={`code-edit-${c.id}`} onSubmit={saveNames} noValidate className="inline-form">
                        <button type="submit" className="btn btn-primary btn-small" disabled={row.busy}>
                          {t('common.save')}
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                          {t('common.cancel')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ) : (
                  <tr key={c.id} className={c.active ? undefined : 'row-retired'}>
                    <td data-label={t('admin.code')} className="code">
                      {c.code}
                    </td>
                    {LANGS.map((l) => (
                      <td key={l} data-label={t('admin.nameIn', { lang: l })}>
                        {namesOf(c)[l]}
                      </td>
                    ))}
                    <td data-label={t('admin.status')}>
                      <KeptStatus active={c.active} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={t('admin.rename', { name: c.name })}
                        onClick={() => {
                          row.setErrors({});
                          setEditing({ id: c.id, names: namesOf(c) });
                        }}
                      >
                        {t('common.edit')}
                      </button>
                      <KeptRowControls
                        row={c}
                        name={c.name}
                        count={items.length}
                        busy={row.busy}
                        onChange={(p) => void change(c.id, p)}
                      />
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="code-new">
        <h2 id="code-new">{t('common.add')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form onChange={markDirty} onSubmit={submit} noValidate>
          <TextField
            id="code-code"
            label={t('admin.code')}
            value={code}
            required
            onChange={(e) => setCode(e.target.value)}
            error={errors.code}
            hint={t('admin.codeHint')}
          />
          <TextField
            id="code-name"
            label={t('admin.name')}
            value={name}
            required
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('common.add')}
          </button>
        </form>
      </section>
    </div>
  );
}
