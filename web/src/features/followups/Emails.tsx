// The e-mails of a follow-up with their delivery log (queued, sent, failed with the
// server's reason, held back for a missing value), and "send now": subject and body with
// placeholders, the follow-up's attachments to attach, a preview against this follow-up,
// the server's errors next to their fields. "Send" puts the e-mail in the outbox: the
// screen says it is queued and follows its state (queued, sent, held, failed) live.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { EmailSend, Followup, OutboxItem, Placeholder, TemplatePreview } from '../../shared/api/types';
import { TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { MailLog } from '../../shared/components/MailLog';
import { MailOffNotice } from '../../shared/components/MailOffNotice';
import { PlaceholderList, PreviewResult, insertIntoField } from '../../shared/components/Placeholders';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { formatBytes, splitEmails } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';

/** How often the list is read again while an e-mail is still queued. */
export const LIVE_REFRESH_MS = 5000;

/**
 * The e-mails of a follow-up, read again now and then while one waits in the outbox: the
 * page shares one list between this panel and the timeline, so both show the same state.
 */
export function useFollowupEmails(followupId: number, version: number | undefined) {
  const list = useAsync(
    () => (version === undefined ? Promise.resolve([] as OutboxItem[]) : api.followupEmails(followupId)),
    [followupId, version],
  );
  const waiting = (list.data ?? []).some((m) => m.state === 'queued');
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(list.reload, LIVE_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, list.data]);
  return list;
}

export function FollowupEmails({
  followup,
  timeZone,
  list,
}: {
  followup: Followup;
  timeZone: string;
  list: ReturnType<typeof useFollowupEmails>;
}) {
  const { t } = useI18n();
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <section className="panel" aria-labelledby="sec-emails">
      <div className="panel-head">
        <h2 id="sec-emails">{t('emails.title')}</h2>
        <div className="toolbar">
          <button type="button" className="btn btn-small btn-ghost" onClick={list.reload}>
            {t('mailAdmin.refresh')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => {
              setNotice('');
              setSending(true);
            }}
          >
            {t('emails.send')}
          </button>
        </div>
      </div>
      <MailOffNotice id="emails-mail-off" />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? <MailLog items={list.data} timeZone={timeZone} emptyText={t('emails.none')} /> : null}
      {sending ? (
        <SendEmailDialog
          followup={followup}
          onClose={() => setSending(false)}
          onSent={(item) => {
            setSending(false);
            setNotice(t('emails.queued', { id: item.id }));
            list.setData([item, ...(list.data ?? []).filter((x) => x.id !== item.id)]);
            list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

type Field = 'se-subject' | 'se-body';

export function SendEmailDialog({
  followup,
  onClose,
  onSent,
}: {
  followup: Followup;
  onClose: () => void;
  onSent: (item: OutboxItem) => void;
}) {
  const { t, locale } = useI18n();
  const [to, setTo] = useState(followup.contact.email);
  const [cc, setCc] = useState(followup.cc.join(', '));
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [attachments, setAttachments] = useState<number[]>([]);
  const [placeholders, setPlaceholders] = useState<Placeholder[]>([]);
  const [lastField, setLastField] = useState<Field>('se-body');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const { errors, setErrors, error, setError, busy, setBusy, send, markDirty } = useSubmit();

  // The placeholders, and the customer template of the user's language as a start.
  useEffect(() => {
    let alive = true;
    api.templates().then(
      (list) => {
        if (!alive) return;
        setPlaceholders(list.placeholders);
        const tpl = list.items.find((x) => x.kind === 'customer' && x.locale === locale);
        if (tpl) {
          setSubject((s) => s || tpl.subject);
          setBody((b) => b || tpl.body);
        }
      },
      () => {},
    );
    return () => {
      alive = false;
    };
  }, []);

  const insert = (token: string) => {
    if (lastField === 'se-subject') insertIntoField(lastField, subject, token, setSubject);
    else insertIntoField(lastField, body, token, setBody);
    setPreview(null);
  };

  const check = () => {
    const local: Record<string, string> = {};
    if (!subject.trim()) local.subject = t('validation.required');
    if (!body.trim()) local.body = t('validation.required');
    setErrors(local);
    return !Object.keys(local).length;
  };

  const runPreview = async () => {
    if (!check()) return;
    setBusy(true);
    setError('');
    try {
      setPreview(await api.previewTemplate({ subject, body, followup_id: followup.id }));
    } catch (err) {
      setPreview(null);
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!check()) return;
    const mail: EmailSend = { subject, body };
    const toList = splitEmails(to);
    if (toList.length) mail.to = toList;
    mail.cc = splitEmails(cc);
    if (attachments.length) mail.attachment_ids = attachments;
    await send(async () => onSent(await api.sendFollowupEmail(followup.id, mail)));
  };

  const previewButton = (
    <button type="button" className="btn" disabled={busy} onClick={() => void runPreview()}>
      {t('templates.previewRun')}
    </button>
  );
  return (
    <FormDialog
      title={t('emails.sendTitle')}
      onClose={onClose}
      wide
      formId="send-email-form"
      busy={busy}
      submitLabel={t('emails.sendNow')}
      actions={previewButton}
    >
      <form onChange={markDirty} id="send-email-form" onSubmit={submit} noValidate>
        <MailOffNotice />
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-row">
          <TextField
            id="se-to"
            label={t('emails.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={errors.to}
            hint={t('emails.toHint')}
          />
          <TextField
            id="se-cc"
            label={t('followup.cc')}
            value={cc}
            onChange={(e) => setCc(e.target.value)}
            error={errors.cc}
            hint={t('followup.ccHint')}
          />
        </div>
        <TextField
          id="se-subject"
          label={t('templates.subject')}
          value={subject}
          required
          onFocus={() => setLastField('se-subject')}
          onChange={(e) => {
            setSubject(e.target.value);
            setPreview(null);
          }}
          error={errors.subject}
        />
        <TextArea
          id="se-body"
          label={t('templates.body')}
          rows={9}
          value={body}
          required
          onFocus={() => setLastField('se-body')}
          onChange={(e) => {
            setBody(e.target.value);
            setPreview(null);
          }}
          error={errors.body}
          hint={t('emails.bodyHint')}
        />
        {placeholders.length ? (
          <details className="placeholders-help">
            <summary>{t('placeholders.title')}</summary>
            <PlaceholderList placeholders={placeholders} onInsert={insert} />
          </details>
        ) : null}
        {followup.attachments.length ? (
          <fieldset className="fieldset">
            <legend>{t('emails.attachments')}</legend>
            {followup.attachments.map((a) => (
              <div className="field field-check" key={a.id}>
                <input
                  id={`se-att-${a.id}`}
                  type="checkbox"
                  checked={attachments.includes(a.id)}
                  onChange={(e) =>
                    setAttachments((list) => (e.target.checked ? [...list, a.id] : list.filter((x) => x !== a.id)))
                  }
                />
                <label htmlFor={`se-att-${a.id}`}>
                  {a.file_name} <span className="muted small">{formatBytes(a.size, locale)}</span>
                </label>
              </div>
            ))}
            {errors.attachment_ids ? (
              <span className="field-error" role="alert">
                {errors.attachment_ids}
              </span>
            ) : null}
          </fieldset>
        ) : null}
        {preview ? <PreviewResult result={preview} /> : null}
      </form>
    </FormDialog>
  );
}
