// A return in the day view of the CRM calendar (manual 002, steps 5–6): reschedule it to
// a date, mark it "resolved by phone call", or write a message (placeholders such as
// #{cliente} filled by the server) and send it by e-mail — both mark it done — or open it
// in WhatsApp (click to chat), which records a note on the follow-up.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { AgendaItem } from '../../shared/api/types';
import { TextArea, TextField } from '../../shared/components/Field';
import { MailOffNotice } from '../../shared/components/MailOffNotice';
import { Notice } from '../../shared/components/Notice';
import { FollowupDocumentLink } from '../../shared/components/OriginBadge';
import { PlaceholderList, insertIntoField, tokenOf } from '../../shared/components/Placeholders';
import { StateBadge } from '../../shared/components/StateBadge';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { ContactLinks } from '../../shared/components/ContactLinks';
import { formatTime, whatsappLink } from '../../shared/format';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useUnsavedForm } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import type { MessageDefaults } from './DayView';

interface Props {
  item: AgendaItem;
  today: string;
  showAssignee: boolean;
  defaults: MessageDefaults;
  onChanged: (message: string) => void;
}

/** https://wa.me/<digits>?text=<message>, or '' without a number. */
export function whatsappChat(number: string, text: string): string {
  const base = whatsappLink(number);
  return base && text ? `${base}?text=${encodeURIComponent(text)}` : base;
}

export function ReturnCard({ item, today, showAssignee, defaults, onChanged }: Props) {
  const { t, locale } = useI18n();
  const { contactTypes, users } = useTables();
  const uid = useId().replace(/:/g, '');
  const f = item.followup;
  const c = f.contact;
  const planned = item.status === 'planned';
  const waNumber = c.whatsapp || c.phone;

  const [dueDate, setDueDate] = useState(item.due_date < today ? today : item.due_date);
  const [result, setResult] = useState('');
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [lastField, setLastField] = useState<'subject' | 'body'>('body');
  const [waHref, setWaHref] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedForm();

  // The message starts from the return's own message, else the customer template.
  useEffect(() => {
    setSubject((s) => s || defaults.subject || f.subject);
    setBody((b) => b || item.message || defaults.body);
  }, [defaults.subject, defaults.body]);

  // The WhatsApp link carries the rendered message: rendered again while it is typed.
  useEffect(() => {
    if (!open || !planned || !waNumber || !body.trim()) {
      setWaHref('');
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      api.previewTemplate({ subject: subject || f.subject, body, followup_id: f.id }).then(
        (r) => {
          if (!alive) return;
          setMissing(r.missing);
          setWaHref(whatsappChat(waNumber, r.body));
        },
        () => alive && setWaHref(''),
      );
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [open, body, subject, waNumber]);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError('');
    setErrors({});
    setInfo('');
    try {
      const message = await work();
      if (message) {
        unsaved.markSaved();
        onChanged(message);
      }
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const reschedule = (e: FormEvent) => {
    e.preventDefault();
    if (!dueDate) {
      setErrors({ due_date: t('validation.required') });
      return;
    }
    void run(async () => {
      await api.rescheduleAction(item.id, { due_date: dueDate, due_time: item.due_time });
      return t('reschedule.done');
    });
  };

  const byPhone = () =>
    void run(async () => {
      await api.completeAction(item.id, { result: result.trim() || t('calendar.phoneResult'), resolution: 'phone' });
      return t('calendar.resolvedDone');
    });

  const byEmail = () => {
    const local: Record<string, string> = {};
    if (!subject.trim()) local.subject = t('validation.required');
    if (!body.trim()) local.body = t('validation.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    void run(async () => {
      const rendered = await api.previewTemplate({ subject, body, followup_id: f.id });
      setMissing(rendered.missing);
      if (rendered.missing.length) return null;
      const queued = await api.sendFollowupEmail(f.id, { subject: rendered.subject, body: rendered.body });
      await api.completeAction(item.id, {
        result: t('calendar.emailResult', { subject: rendered.subject }),
        resolution: 'email',
      });
      return t('calendar.emailDone', { id: queued.id });
    });
  };

  const recordWhatsapp = () => {
    if (!waHref) return;
    const text = decodeURIComponent(waHref.split('?text=')[1] ?? '');
    api.addEntry(f.id, { kind: 'note', body: t('calendar.whatsappNote', { message: text }) }).then(
      () => setInfo(t('calendar.whatsappRecorded')),
      (err: unknown) => setError(errorMessage(err, t)),
    );
  };

  const insert = (token: string) => {
    if (lastField === 'subject') insertIntoField(`${uid}-subject`, subject, token, setSubject);
    else insertIntoField(`${uid}-body`, body, token, setBody);
  };

  return (
    <article
      onChange={unsaved.onChange}
      className={`return-card ${planned ? '' : 'is-done'}`}
      aria-labelledby={`${uid}-title`}
      data-action={item.id}
    >
      <header className="return-card-head">
        <h3 id={`${uid}-title`}>
          <Link to={`/followups/${f.id}`}>{f.subject}</Link>
        </h3>
        {planned ? (
          <StateBadge state={f.state} daysLate={f.days_late} />
        ) : (
          <span className="badge state-closed">{t('action.status.done')}</span>
        )}
      </header>
      <p className="return-card-meta">
        <span className="code">{f.party.code}</span> {f.party.name}
        {' · '}
        {nameOf(contactTypes, item.type)}
        {item.due_time ? ` · ${formatTime(item.due_time, locale)}` : ''}
        {showAssignee ? ` · ${userName(users, item.assignee_id)}` : ''}
        <FollowupDocumentLink document={f.document} documentId={f.document_id} before={' · '} />
      </p>
      <ContactLinks contact={c} whatsapp={false} />
      {!planned ? <p className="return-card-result">{item.result}</p> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {info ? <Notice kind="success">{info}</Notice> : null}
      {planned ? (
        <>
          <div className="return-card-actions">
            <form className="inline-form" onSubmit={reschedule} noValidate>
              <TextField
                id={`${uid}-date`}
                label={t('calendar.rescheduleTo')}
                type="date"
                min={today}
                value={dueDate}
                onChange={(e) => setDueDate(e.target.value)}
                error={errors.due_date}
              />
              <button
                type="submit"
                className="btn btn-small"
                disabled={busy}
                aria-label={t('agenda.rescheduleFor', { subject: f.subject })}
              >
                {t('agenda.reschedule')}
              </button>
            </form>
            <div className="inline-form">
              <TextField
                id={`${uid}-result`}
                label={t('calendar.result')}
                value={result}
                onChange={(e) => setResult(e.target.value)}
                error={errors.result}
              />
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={busy}
                onClick={byPhone}
                aria-label={t('calendar.byPhoneFor', { subject: f.subject })}
              >
                <span aria-hidden="true">☎</span> {t('calendar.byPhone')}
              </button>
            </div>
          </div>
          <details
            className="return-card-message"
            onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
          >
            <summary>{t('calendar.message')}</summary>
            <TextField
              id={`${uid}-subject`}
              label={t('templates.subject')}
              value={subject}
              onFocus={() => setLastField('subject')}
              onChange={(e) => setSubject(e.target.value)}
              error={errors.subject}
            />
            <TextArea
              id={`${uid}-body`}
              label={t('calendar.messageBody')}
              rows={5}
              value={body}
              onFocus={() => setLastField('body')}
              onChange={(e) => setBody(e.target.value)}
              error={errors.body}
            />
            <PlaceholderList placeholders={defaults.placeholders} onInsert={insert} />
            {missing.length ? (
              <Notice kind="warning">{t('templates.previewMissing', { list: missing.map(tokenOf).join(', ') })}</Notice>
            ) : null}
            <div className="toolbar">
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={busy || !c.email}
                onClick={byEmail}
                aria-label={t('calendar.byEmailFor', { subject: f.subject })}
              >
                {t('calendar.byEmail')}
              </button>
              {waNumber ? (
                <a
                  className={`btn btn-small wa ${waHref ? '' : 'is-disabled'}`}
                  href={waHref || undefined}
                  aria-disabled={waHref ? undefined : true}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={recordWhatsapp}
                  aria-label={t('calendar.whatsappFor', { number: waNumber })}
                >
                  <span aria-hidden="true">✆</span> WhatsApp
                </a>
              ) : null}
            </div>
            {!c.email ? <p className="field-hint">{t('calendar.noEmail')}</p> : null}
            <MailOffNotice />
          </details>
        </>
      ) : null}
    </article>
  );
}
