// A follow-up's pareceres (manual 003): its attendance type (chosen here), the editor
// that may start from the type's standard text ("parecer padrão"), "A concluir" that
// keeps a draft for the pending list, "Enviar por e-mail" with the type's standard
// e-mail text (the sent message becomes its own history entry once sent), and the
// history, whole or standard only, printable. The follow-up's contact person is edited
// here too (ParecerContact).
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Entry } from '../../shared/api/types';
import { SelectField, TextArea } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useUserTime } from '../../shared/session';
import { attendanceApi } from './attendanceApi';
import { ParecerContact } from './ParecerContact';

export function ParecerPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const followup = useAsync(() => api.followup(id), [id]);
  const types = useAsync(() => attendanceApi.types(), []);
  const texts = useAsync(() => attendanceApi.standardTexts(id), [id, followup.data?.followup.attendance_type_id]);
  const [standardOnly, setStandardOnly] = useState(false);
  const history = useAsync(() => attendanceApi.history(id, standardOnly), [id, standardOnly]);
  const [body, setBody] = useState('');
  const [standard, setStandard] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useUnsavedChanges(body.trim() !== '');

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      setNotice(await work());
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const save = (draft: boolean) =>
    run(async () => {
      if (!body.trim()) throw new Error(t('validation.required'));
      await attendanceApi.addParecer(id, { body, standard, draft });
      setBody('');
      setStandard(false);
      history.reload();
      return draft ? t('attendance.savedDraft') : t('attendance.saved');
    });

  const email = () =>
    run(async () => {
      if (!body.trim()) throw new Error(t('validation.required'));
      const p: Entry = await attendanceApi.addParecer(id, { body, standard, draft: false });
      const sent = await attendanceApi.email(p.id, {});
      setBody('');
      setStandard(false);
      history.reload();
      return t('attendance.emailQueued', { to: sent.to.join(', ') });
    });

  const changeType = (typeId: number) =>
    run(async () => {
      if (!followup.data) return '';
      await api.patchFollowup(id, followup.data.etag, { attendance_type_id: typeId });
      followup.reload();
      return t('admin.saved');
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  const f = followup.data?.followup;
  return (
    <>
      <PageHeader title={f ? t('attendance.title', { subject: f.subject }) : t('attendance.pareceres')}>
        <Link to={`/followups/${id}`} className="btn">
          {t('attendance.backToFollowup')}
        </Link>
      </PageHeader>
      {followup.error ? <Notice kind="error">{errorMessage(followup.error, t)}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {!f ? <Loading /> : null}
      {f && followup.data ? <ParecerContact followup={f} etag={followup.data.etag} onSaved={followup.reload} /> : null}
      {f ? (
        <section className="panel no-print" aria-labelledby="parecer-editor">
          <h2 id="parecer-editor">{t('attendance.parecer')}</h2>
          <SelectField
            id="parecer-type"
            label={t('attendance.type')}
            value={String(f.attendance_type_id ?? '')}
            disabled={busy}
            onChange={(e) => void changeType(Number(e.target.value))}
          >
            {(types.data ?? [])
              .filter((ty) => ty.active || ty.id === f.attendance_type_id)
              .map((ty) => (
                <option key={ty.id} value={ty.id}>
                  {ty.name}
                </option>
              ))}
          </SelectField>
          <form onSubmit={submit} noValidate>
            <TextArea
              id="parecer-body"
              label={t('attendance.parecerBody')}
              rows={6}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
            {standard ? <p className="muted small">{t('attendance.isStandard')}</p> : null}
            <div className="composer-buttons">
              <button
                type="button"
                className="btn"
                disabled={busy || !texts.data?.parecer}
                onClick={() => {
                  setBody(texts.data?.parecer ?? '');
                  setStandard(true);
                }}
              >
                {t('attendance.useStandard')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('common.save')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => void save(true)}>
                {t('attendance.toFinish')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => void email()}>
                {t('attendance.sendEmail')}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      <section className="panel print-area" aria-labelledby="parecer-history">
        <h2 id="parecer-history">{standardOnly ? t('attendance.standardHistory') : t('attendance.history')}</h2>
        <div className="toolbar no-print">
          <label>
            <input type="checkbox" checked={standardOnly} onChange={(e) => setStandardOnly(e.target.checked)} />{' '}
            {t('attendance.standardOnly')}
          </label>{' '}
          <button type="button" className="btn btn-small" onClick={() => window.print()}>
            {t('attendance.print')}
          </button>
        </div>
        {history.error ? <Notice kind="error">{errorMessage(history.error, t)}</Notice> : null}
        {history.data ? (
          history.data.items.length ? (
            <ol className="timeline">
              {history.data.items.map((e) => (
                <li key={e.id} className={`tl-item kind-${e.kind}`}>
                  <span className={`kind kind-${e.kind}`}>{t(`entry.kind.${e.kind}`)}</span>{' '}
                  {e.standard ? <span className="badge">{t('attendance.standardBadge')}</span> : null}{' '}
                  <span className="muted small">{formatInstant(e.contact_at, locale, timeZone)}</span>
                  <p className="tl-body">{e.body}</p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('attendance.emptyHistory')}</p>
          )
        ) : (
          <Loading />
        )}
      </section>
    </>
  );
}
