// The configurator of attendance types (manual 003): names in the three languages,
// whether attachments are allowed and up to what size (at most 10 MB), the standard
// texts of the parecer and of its e-mail; retired, never deleted.
import { useState, type FormEvent } from 'react';
import type { AttendanceType, AttendanceTypeInput } from '../../shared/api/types';
import { CheckboxField, TextArea, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { attendanceApi, MAX_TYPE_MB } from './attendanceApi';

const LANGS = ['pt-BR', 'es', 'en'] as const;
const MB = 1024 * 1024;

interface Form {
  names: Record<(typeof LANGS)[number], string>;
  attachments_allowed: boolean;
  max_mb: string;
  parecer_text: string;
  email_subject: string;
  email_text: string;
}

const EMPTY: Form = {
  names: { 'pt-BR': '', es: '', en: '' },
  attachments_allowed: true,
  max_mb: String(MAX_TYPE_MB),
  parecer_text: '',
  email_subject: '',
  email_text: '',
};

function formOf(t: AttendanceType): Form {
  return {
    names: { ...t.names },
    attachments_allowed: t.attachments_allowed,
    max_mb: String(Math.round((t.max_attachment_bytes / MB) * 100) / 100),
    parecer_text: t.parecer_text,
    email_subject: t.email_subject,
    email_text: t.email_text,
  };
}

export function AttendanceTypesAdmin() {
  const { t } = useI18n();
  const list = useAsync(() => attendanceApi.types(), []);
  const [editing, setEditing] = useState<number | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [notice, setNotice] = useState('');
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const l of LANGS) if (!form.names[l].trim()) local[`names.${l}`] = t('validation.required');
    const mb = Number(form.max_mb);
    if (!(mb > 0 && mb <= MAX_TYPE_MB)) local.max_attachment_bytes = t('attendance.maxRange');
    setErrors(local);
    if (Object.keys(local).length) return;
    const body: AttendanceTypeInput = {
      names: { 'pt-BR': form.names['pt-BR'].trim(), es: form.names.es.trim(), en: form.names.en.trim() },
      attachments_allowed: form.attachments_allowed,
      max_attachment_bytes: Math.round(mb * MB),
      parecer_text: form.parecer_text,
      email_subject: form.email_subject,
      email_text: form.email_text,
    };
    await send(async () => {
      if (editing) await attendanceApi.patchType(editing, body);
      else await attendanceApi.createType(body);
      setNotice(t('admin.saved'));
      setEditing(null);
      setForm(EMPTY);
      list.reload();
    });
  };

  const setActive = (type: AttendanceType, active: boolean) =>
    send(async () => {
      await attendanceApi.patchType(type.id, { active });
      setNotice(t('admin.saved'));
      list.reload();
    });

  return (
    <div className="admin-grid">
      <section className="panel" aria-labelledby="att-types">
        <h2 id="att-types">{t('attendance.types')}</h2>
        {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (
          <table className="grid grid-compact">
            <caption className="sr-only">{t('attendance.types')}</caption>
            <thead>
              <tr>
                {LANGS.map((l) => (
                  <th scope="col" key={l}>
                    {t('admin.nameIn', { lang: l })}
                  </th>
                ))}
                <th scope="col">{t('attendance.attachments')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((type) => (
                <tr key={type.id} className={type.active ? undefined : 'row-retired'}>
                  {LANGS.map((l) => (
                    <td key={l} data-label={t('admin.nameIn', { lang: l })}>
                      {type.names[l]}
                    </td>
                  ))}
                  <td data-label={t('attendance.attachments')}>
                    {type.attachments_allowed
                      ? t('attendance.upTo', { mb: Math.round((type.max_attachment_bytes / MB) * 100) / 100 })
                      : t('attendance.noAttachments')}
                  </td>
                  <td data-label={t('admin.status')}>
                    {type.active ? t('attendance.active') : t('attendance.retired')}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('attendance.edit', { name: type.name })}
                      onClick={() => {
                        setErrors({});
                        setEditing(type.id);
                        setForm(formOf(type));
                      }}
                    >
                      {t('common.edit')}
                    </button>
                    {type.is_default ? null : (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy}
                        onClick={() => void setActive(type, !type.active)}
                      >
                        {type.active ? t('attendance.retire') : t('attendance.reactivate')}
                      </button>
                    )}
                    <Link
                      to={`/attendance-types/${type.id}/workflow`}
                      className="btn btn-small"
                      aria-label={t('workflow.editOf', { name: type.name })}
                    >
                      {t('workflow.title')}
                    </Link>
                    <Link
                      to={`/attendance-types/${type.id}/questionnaires`}
                      className="btn btn-small"
                      aria-label={t('questionnaire.ofType', { name: type.name })}
                    >
                      {t('questionnaire.titleOf')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="att-form">
        <h2 id="att-form">{editing ? t('common.edit') : t('common.add')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form onChange={markDirty} onSubmit={submit} noValidate>
          {LANGS.map((l) => (
            <TextField
              key={l}
              id={`att-name-${l}`}
              label={t('admin.nameIn', { lang: l })}
              value={form.names[l]}
              maxLength={80}
              required
              onChange={(e) => setForm({ ...form, names: { ...form.names, [l]: e.target.value } })}
              error={errors[`names.${l}`]}
            />
          ))}
          <CheckboxField
            id="att-attachments"
            label={t('attendance.allowAttachments')}
            checked={form.attachments_allowed}
            onChange={(e) => setForm({ ...form, attachments_allowed: e.target.checked })}
          />
          <TextField
            id="att-max"
            label={t('attendance.maxMb')}
            type="number"
            min={0.01}
            max={MAX_TYPE_MB}
            step={0.01}
            value={form.max_mb}
            onChange={(e) => setForm({ ...form, max_mb: e.target.value })}
            error={errors.max_attachment_bytes}
          />
          <TextArea
            id="att-parecer"
            label={t('attendance.parecerText')}
            rows={4}
            value={form.parecer_text}
            onChange={(e) => setForm({ ...form, parecer_text: e.target.value })}
            error={errors.parecer_text}
            hint={t('attendance.placeholdersHint')}
          />
          <TextField
            id="att-subject"
            label={t('attendance.emailSubject')}
            value={form.email_subject}
            onChange={(e) => setForm({ ...form, email_subject: e.target.value })}
            error={errors.email_subject}
          />
          <TextArea
            id="att-email"
            label={t('attendance.emailText')}
            rows={4}
            value={form.email_text}
            onChange={(e) => setForm({ ...form, email_text: e.target.value })}
            error={errors.email_text}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {editing ? t('common.save') : t('common.add')}
          </button>
          {editing ? (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setEditing(null);
                setForm(EMPTY);
              }}
            >
              {t('common.cancel')}
            </button>
          ) : null}
        </form>
      </section>
    </div>
  );
}
