// E-mail templates (reminder to the owner, message to the customer, morning digest) in
// pt-BR, es and en: subject and body with placeholders (#{cliente}, #{contato|cliente}…)
// inserted at the cursor from the list the server gives; the server refuses an unknown
// placeholder on save (its error goes next to the field); the preview renders against a
// real follow-up and lists the values it would miss (such a message is not sent).
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Locale, TemplateKind, TemplatePreview } from '../../shared/api/types';
import { SelectField, TextArea, TextField } from '../../shared/components/Field';
import { PlaceholderList, PreviewResult, insertIntoField } from '../../shared/components/Placeholders';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { LOCALES, useI18n } from '../../shared/i18n/i18n';

export const TEMPLATE_KINDS: TemplateKind[] = ['reminder', 'customer', 'digest'];

type Draft = { subject: string; body: string };

export function TemplatesAdmin() {
  const { t, locale: uiLocale } = useI18n();
  const list = useAsync(() => api.templates(), []);
  const [kind, setKind] = useState<TemplateKind>('reminder');
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [lastField, setLastField] = useState<'tpl-subject' | 'tpl-body'>('tpl-body');
  const { errors, setErrors, error, setError, busy, send } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');
  // Every template keeps its draft while another is chosen: any of them unsaved counts.
  useUnsavedChanges(
    (list.data?.items ?? []).some((x) => {
      const d = drafts[x.id];
      return !!d && (d.subject !== x.subject || d.body !== x.body);
    }),
  );

  if (list.error) return <Notice kind="error">{errorMessage(list.error, t)}</Notice>;
  if (!list.data) return <Loading />;
  const templates = list.data.items;
  const placeholders = list.data.placeholders;
  const tpl = templates.find((x) => x.kind === kind && x.locale === locale) ?? null;
  const draft: Draft | null = tpl ? (drafts[tpl.id] ?? { subject: tpl.subject, body: tpl.body }) : null;
  const dirty = !!tpl && !!draft && (draft.subject !== tpl.subject || draft.body !== tpl.body);

  const choose = (k: TemplateKind, l: Locale) => {
    setKind(k);
    setLocale(l);
    setErrors({});
    setError('');
    setNotice('');
  };

  const change = (patch: Partial<Draft>) => {
    if (!tpl || !draft) return;
    setDrafts((d) => ({ ...d, [tpl.id]: { ...draft, ...patch } }));
    setNotice('');
  };

  const insert = (token: string) => {
    if (!draft) return;
    const key = lastField === 'tpl-subject' ? 'subject' : 'body';
    insertIntoField(lastField, draft[key], token, (v) => change({ [key]: v }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!tpl || !draft) return;
    const local: Record<string, string> = {};
    if (!draft.subject.trim()) local.subject = t('validation.required');
    if (!draft.body.trim()) local.body = t('validation.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    setNotice('');
    await send(async () => {
      const saved = await api.putTemplate(tpl.id, { subject: draft.subject, body: draft.body });
      list.setData({ ...list.data!, items: templates.map((x) => (x.id === saved.id ? saved : x)) });
      setDrafts((d) => {
        const next = { ...d };
        delete next[tpl.id];
        return next;
      });
      setNotice(t('templates.saved'));
    });
  };

  return (
    <div className="admin-grid">
      <section className="panel" aria-labelledby="tpl-title">
        <h2 id="tpl-title">{t('templates.editor')}</h2>
        <div className="form-row">
          <SelectField
            id="tpl-kind"
            label={t('templates.kind')}
            value={kind}
            onChange={(e) => choose(e.target.value as TemplateKind, locale)}
          >
            {TEMPLATE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`templates.kindName.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="tpl-locale"
            label={t('common.language')}
            value={locale}
            onChange={(e) => choose(kind, e.target.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="field-hint">{t(`templates.kindHint.${kind}`)}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {!tpl || !draft ? (
          <Notice kind="info">{t('templates.missing')}</Notice>
        ) : (
          <form onSubmit={save} noValidate>
            <TextField
              id="tpl-subject"
              label={t('templates.subject')}
              value={draft.subject}
              required
              onFocus={() => setLastField('tpl-subject')}
              onChange={(e) => change({ subject: e.target.value })}
              error={errors.subject}
            />
            <TextArea
              id="tpl-body"
              label={t('templates.body')}
              rows={12}
              value={draft.body}
              required
              className="field-mono"
              onFocus={() => setLastField('tpl-body')}
              onChange={(e) => change({ body: e.target.value })}
              error={errors.body}
            />
            <div className="form-buttons">
              <button type="submit" className="btn btn-primary" disabled={busy || !dirty}>
                {t('common.save')}
              </button>
              {dirty ? (
                <button
                  type="button"
                  className="btn btn-ghost"
                  onClick={() => {
                    setDrafts((d) => {
                      const next = { ...d };
                      delete next[tpl.id];
                      return next;
                    });
                    setErrors({});
                  }}
                >
                  {t('templates.discard')}
                </button>
              ) : null}
            </div>
          </form>
        )}
      </section>
      <div>
        <section className="panel" aria-labelledby="tpl-placeholders">
          <h2 id="tpl-placeholders">{t('placeholders.title')}</h2>
          <PlaceholderList placeholders={placeholders} onInsert={insert} />
        </section>
        {draft ? <PreviewPanel draft={draft} onErrors={setErrors} /> : null}
      </div>
    </div>
  );
}

/** Renders a subject and body against a real follow-up; shows the values it would miss. */
export function PreviewPanel({
  draft,
  onErrors,
  followupId,
}: {
  draft: Draft;
  onErrors: (e: Record<string, string>) => void;
  followupId?: number;
}) {
  const { t } = useI18n();
  const [id, setId] = useState(followupId ? String(followupId) : '');
  const [result, setResult] = useState<TemplatePreview | null>(null);
  const [error, setError] = useState('');
  const [idError, setIdError] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const n = Number(id);
    if (!Number.isInteger(n) || n <= 0) {
      setIdError(t('templates.previewIdRequired'));
      return;
    }
    setIdError('');
    setBusy(true);
    setError('');
    try {
      setResult(await api.previewTemplate({ subject: draft.subject, body: draft.body, followup_id: n }));
      onErrors({});
    } catch (err) {
      setResult(null);
      const fe = fieldErrorsOf(err);
      onErrors(fe);
      if (fe.followup_id) setIdError(fe.followup_id);
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="tpl-preview">
      <h2 id="tpl-preview">{t('templates.preview')}</h2>
      <div className="inline-form">
        <TextField
          id="tpl-preview-id"
          label={t('templates.previewFollowup')}
          type="number"
          min={1}
          inputMode="numeric"
          className="field-narrow"
          value={id}
          onChange={(e) => setId(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void run();
            }
          }}
          error={idError}
        />
        <button type="button" className="btn" disabled={busy} onClick={() => void run()}>
          {t('templates.previewRun')}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? <PreviewResult result={result} /> : null}
    </section>
  );
}
