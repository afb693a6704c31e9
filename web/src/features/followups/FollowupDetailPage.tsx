// One follow-up: its data (edited with If-Match: a stale edit is refused and the user is
// offered a reload), its returns, attachments, the composer and the history. Close
// ("baixar") with a result; reopen with a reason when the user has the reopen right, or
// else ask a supervisor to ("Pedir reabertura"), who decides from the notification.
// Its e-mails with their delivery log, and "send e-mail now". Its origin (manual, after a
// sale, a birthday…) and the sales document it is about. The app puts the panel of the
// quotes, orders and sales made from it in `documents` (a feature of its own).
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { Action, Contact, Followup, FollowupPatch, Priority } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice, StaleNotice } from '../../shared/components/Notice';
import { FollowupDocumentLink, OriginBadge } from '../../shared/components/OriginBadge';
import { PageHeader } from '../../shared/components/PageHeader';
import { StateBadge } from '../../shared/components/StateBadge';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { formatDate, formatInstant, splitEmails, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { nameOf, offered, useTables } from '../../shared/hooks/useTables';
import { useUnsavedChanges } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { CompleteDialog } from '../../entities/action/CompleteDialog';
import { RescheduleDialog } from '../../entities/action/RescheduleDialog';
import { TextDialog } from './TextDialog';
import { AppointmentsPanel } from './AppointmentsPanel';
import { AttachmentList, DropZone, runUploads, toUploads, UploadList, useUploads } from './Attachments';
import { ContactFields } from './ContactFields';
import { EntryComposer } from './EntryComposer';
import { FollowupEmails, useFollowupEmails } from './Emails';
import { NewReturnDialog } from './NewReturnDialog';
import { ReturnsTable } from './ReturnsTable';
import { Timeline } from './Timeline';
import { ownerChoices } from '../../entities/user/owners';
import { hasRight } from '../../shared/rights';

interface EditState {
  subject: string;
  owner_id: number;
  category: string;
  priority: Priority;
  contact: Contact;
  cc: string;
  /** The contact date as wall time in the viewer's zone (datetime-local); absent: unchanged. */
  contact_at?: string;
  /** The internal date (YYYY-MM-DD); empty: none; absent: unchanged. */
  internal_date?: string;
}

function editStateOf(f: Followup, timeZone: string): EditState {
  return {
    contact_at: wallTimeIn(timeZone, new Date(f.contact_at)),
    subject: f.subject,
    owner_id: f.owner_id,
    category: f.category,
    priority: f.priority,
    contact: { ...f.contact },
    cc: f.cc.join(', '),
    internal_date: f.internal_date ?? '',
  };
}

/** Only the fields the user changed, so a PATCH never rewrites the others. */
export function diffPatch(f: Followup, e: EditState, timeZone = 'America/Sao_Paulo'): FollowupPatch {
  const p: FollowupPatch = {};
  if (e.subject.trim() !== f.subject) p.subject = e.subject.trim();
  if (e.owner_id !== f.owner_id) p.owner_id = e.owner_id;
  if (e.category !== f.category) p.category = e.category;
  if (e.priority !== f.priority) p.priority = e.priority;
  const c = f.contact;
  if (
    e.contact.name !== c.name ||
    e.contact.email !== c.email ||
    e.contact.phone !== c.phone ||
    e.contact.whatsapp !== c.whatsapp
  )
    p.contact = { ...e.contact };
  const cc = splitEmails(e.cc);
  if (cc.join(',') !== f.cc.join(',')) p.cc = cc;
  if (e.contact_at && e.contact_at !== wallTimeIn(timeZone, new Date(f.contact_at)))
    p.contact_at = wallTimeToInstant(e.contact_at, timeZone);
  // Emptied: cleared (null), so the company's deadline can be taken away too.
  if (e.internal_date !== undefined && e.internal_date !== (f.internal_date ?? ''))
    p.internal_date = e.internal_date || null;
  return p;
}

type Modal =
  | { kind: 'complete'; action: Action }
  | { kind: 'reschedule'; action: Action }
  | { kind: 'cancel'; action: Action }
  | { kind: 'close' }
  | { kind: 'reopen' }
  | { kind: 'requestReopen' }
  | { kind: 'newReturn' }
  | null;

export function FollowupDetailPage({
  id,
  documents,
  proposals,
}: {
  id: number;
  /** The panel of the documents made from the follow-up; `onChanged` reloads the follow-up and says `message`. */
  documents?: (followup: Followup, onChanged: (message: string) => void) => ReactNode;
  /** The panel of the proposals and visit sheets; `canChange`: the caller may change the follow-up. */
  proposals?: (followup: Followup, canChange: boolean, onChanged: (message: string) => void) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { timeZone, today } = useUserTime();
  const { users, categories } = useTables();
  const params = useSearchParams();
  const [followup, setFollowup] = useState<Followup | null>(null);
  const [etag, setEtag] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [edit, setEdit] = useState<EditState | null>(null);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState('');
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState(params.get('created') ? 'created' : '');
  const [modal, setModal] = useState<Modal>(null);
  const [busy, setBusy] = useState(false);
  const { uploads, setUploads, update } = useUploads();
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;

  const load = async (resetForm: boolean) => {
    try {
      const r = await api.followup(id);
      setFollowup(r.followup);
      setEtag(r.etag);
      setLoadError(null);
      if (resetForm || !dirtyRef.current) {
        setEdit(editStateOf(r.followup, timeZone));
        setDirty(false);
      }
      return r.followup;
    } catch (err) {
      setLoadError(err);
      return null;
    }
  };

  // The follow-up's e-mails, shared by its timeline and its e-mail panel.
  const emails = useFollowupEmails(id, followup?.id === id ? followup.version : undefined);

  useEffect(() => {
    setFollowup(null);
    setNotice(params.get('created') ? 'created' : '');
    void load(true);
    // A different follow-up in the URL.
  }, [id]);

  if (loadError && !followup) {
    return (
      <>
        <PageHeader title={t('followup.title', { id })} />
        <Notice kind="error">{errorMessage(loadError, t)}</Notice>
        <Link to="/followups" className="btn">
          {t('followup.backToList')}
        </Link>
      </>
    );
  }
  if (!followup || !edit) return <Loading />;

  const f = followup;
  const closed = f.status === 'closed';
  // An assignee who reaches the follow-up through one of its returns works that return
  // only: the rest is read-only for them, as the server enforces.
  const canChange = f.can_change !== false;
  const readOnly = closed || !canChange;
  const canReopen = closed && hasRight(me, 'reopen');
  // Without the right, whoever may change the follow-up asks a supervisor (manual 003).
  // While a request waits for the supervisor, asking again would only be refused: the
  // page says since when it waits instead.
  const reopenAskedAt = closed ? (f.reopen_requested_at ?? null) : null;
  const canAskReopen = closed && !canReopen && canChange && !reopenAskedAt;
  const owners = ownerChoices(me.user, users, f.owner_id);
  const drafts = f.entries.filter((e) => e.draft && e.author_id === me.user.id);

  const changeEdit = (next: EditState) => {
    setEdit(next);
    setDirty(true);
  };

  // The message is announced once the page shows what it announces: a "reopened" notice
  // beside a still-closed banner would contradict itself for the length of a reload.
  const saved = async (message: string) => {
    setModal(null);
    await load(false);
    setNotice(message);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const patch = diffPatch(f, edit, timeZone);
    if (!Object.keys(patch).length) {
      setNotice(t('followup.noChanges'));
      return;
    }
    if (patch.subject === '') {
      setErrors({ subject: t('validation.required') });
      return;
    }
    setBusy(true);
    setSaveError('');
    setErrors({});
    try {
      const r = await api.patchFollowup(f.id, etag, patch);
      setFollowup(r.followup);
      setEtag(r.etag);
      setEdit(editStateOf(r.followup, timeZone));
      setDirty(false);
      setStale(false);
      setNotice(t('followup.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setStale(true);
      else {
        setErrors(fieldErrorsOf(err));
        setSaveError(errorMessage(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const reloadAfterConflict = async () => {
    await load(true);
    setStale(false);
    setNotice(t('followup.reloaded'));
  };

  const addFiles = async (files: File[]) => {
    const fresh = toUploads(files, t, locale);
    setUploads((list) => [...list, ...fresh]);
    await runUploads(f.id, fresh, update, t);
    await load(false);
  };

  const noticeText =
    notice === 'created'
      ? t('followup.created', {
          dates: f.upcoming_dates.map((d) => formatDate(d, locale)).join(', ') || '—',
        })
      : notice;

  return (
    <>
      <PageHeader
        title={
          <>
            {t('followup.title', { id: f.id })} <StateBadge state={f.state} daysLate={f.days_late} />
          </>
        }
        docTitle={`${t('followup.title', { id: f.id })} — ${f.subject}`}
      >
        {!readOnly ? (
          <>
            <button type="submit" form="followup-edit" className="btn btn-primary" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" className="btn" onClick={() => setModal({ kind: 'newReturn' })}>
              {t('returns.new')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => setModal({ kind: 'close' })}>
              {t('followup.close')}
            </button>
          </>
        ) : null}
        {canReopen ? (
          <button type="button" className="btn btn-primary" onClick={() => setModal({ kind: 'reopen' })}>
            {t('followup.reopen')}
          </button>
        ) : null}
        {canAskReopen ? (
          <button type="button" className="btn btn-primary" onClick={() => setModal({ kind: 'requestReopen' })}>
            {t('followup.askReopen')}
          </button>
        ) : null}
        {reopenAskedAt ? (
          <span className="reopen-asked" role="status">
            {t('followup.reopenAskedOn', { when: formatInstant(reopenAskedAt, locale, timeZone) })}
          </span>
        ) : null}
        <Link to={`/followups/${f.id}/parecer`} className="btn">
          {t('attendance.openPareceres')}
        </Link>
        <Link to={`/followups/${f.id}/questionnaires`} className="btn">
          {t('questionnaire.cycle')}
        </Link>
        {f.workflow ? (
          <Link to={`/followups/${f.id}/workflow`} className="btn">
            {t('workflow.stepOf', { step: f.workflow.step_label })}
          </Link>
        ) : null}
      </PageHeader>

      <p className="subhead">
        <Link to={`/parties/${f.party.id}`}>
          <span className="code">{f.party.code}</span> {f.party.name}
        </Link>{' '}
        <OriginBadge origin={f.origin} />
        <FollowupDocumentLink
          document={f.document}
          documentId={f.document_id}
          before={
            <>
              {' · '}
              <span className="muted">{t('followup.document')}</span>{' '}
            </>
          }
        />
        <span className="muted">
          {' · '}
          {t('followup.contactedAt', { when: formatInstant(f.contact_at, locale, timeZone) })}
          {' · '}
          {t('followup.createdAt', { when: formatInstant(f.created_at, locale, timeZone) })}
          {f.next_due_date ? ` · ${t('followup.nextReturn', { date: formatDate(f.next_due_date, locale) })}` : ''}
          {f.internal_date ? ` · ${t('followup.internalDateOn', { date: formatDate(f.internal_date, locale) })}` : ''}
        </span>
      </p>

      {stale ? (
        <StaleNotice
          text={t('followup.stale')}
          reloadLabel={t('followup.reload')}
          onReload={() => void reloadAfterConflict()}
        />
      ) : null}
      {noticeText ? <Notice kind="success">{noticeText}</Notice> : null}
      {closed ? <Notice kind="info">{t('followup.isClosed')}</Notice> : null}

      <div className="detail-layout">
        <div className="detail-main">
          <section className="panel" aria-labelledby="sec-data">
            <h2 id="sec-data">{t('followupForm.main')}</h2>
            {saveError ? <Notice kind="error">{saveError}</Notice> : null}
            <form id="followup-edit" onSubmit={save} noValidate>
              <fieldset className="fieldset-plain" disabled={readOnly}>
                <legend className="sr-only">{t('followupForm.main')}</legend>
                <TextField
                  id="fd-subject"
                  label={t('followup.subject')}
                  value={edit.subject}
                  maxLength={200}
                  required
                  onChange={(e) => changeEdit({ ...edit, subject: e.target.value })}
                  error={errors.subject}
                />
                <TextField
                  id="fd-contact-at"
                  label={t('followup.contactAt')}
                  type="datetime-local"
                  required
                  value={edit.contact_at ?? ''}
                  max={wallTimeIn(timeZone)}
                  onChange={(e) => changeEdit({ ...edit, contact_at: e.target.value })}
                  error={errors.contact_at}
                  hint={t('followup.contactAtHint')}
                />
                <TextField
                  id="fd-internal-date"
                  label={t('followup.internalDate')}
                  type="date"
                  value={edit.internal_date ?? ''}
                  onChange={(e) => changeEdit({ ...edit, internal_date: e.target.value })}
                  error={errors.internal_date}
                  hint={t('followup.internalDateHint')}
                />
                <div className="form-row">
                  <SelectField
                    id="fd-owner"
                    label={t('followup.owner')}
                    value={edit.owner_id}
                    disabled={owners.length <= 1}
                    onChange={(e) => changeEdit({ ...edit, owner_id: Number(e.target.value) })}
                    error={errors.owner_id}
                  >
                    {owners.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField
                    id="fd-category"
                    label={t('followup.category')}
                    value={edit.category}
                    onChange={(e) => changeEdit({ ...edit, category: e.target.value })}
                    error={errors.category}
                  >
                    {categories.some((c) => c.code === edit.category) ? null : (
                      <option value={edit.category}>{nameOf(categories, edit.category)}</option>
                    )}
                    {offered(categories, (c) => c.code === edit.category).map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField
                    id="fd-priority"
                    label={t('followup.priority')}
                    value={edit.priority}
                    onChange={(e) => changeEdit({ ...edit, priority: e.target.value as Priority })}
                    error={errors.priority}
                  >
                    {(['high', 'medium', 'low'] as const).map((p) => (
                      <option key={p} value={p}>
                        {t(`priority.${p}`)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <ContactFields
                  idPrefix="fd-contact"
                  value={edit.contact}
                  onChange={(c) => changeEdit({ ...edit, contact: c })}
                  errors={errors}
                />
                <TextField
                  id="fd-cc"
                  label={t('followup.cc')}
                  value={edit.cc}
                  onChange={(e) => changeEdit({ ...edit, cc: e.target.value })}
                  error={errors.cc}
                  hint={t('followup.ccHint')}
                />
              </fieldset>
            </form>
          </section>

          {documents ? documents(f, (m) => void saved(m)) : null}

          {canChange ? (
            <section className="panel" aria-labelledby="sec-compose">
              <h2 id="sec-compose">{t('followupForm.observations')}</h2>
              <EntryComposer
                followupId={f.id}
                userId={me.user.id}
                timeZone={timeZone}
                drafts={drafts}
                disabled={false}
                onChanged={(m) => void saved(m)}
              />
            </section>
          ) : null}

          <section className="panel" aria-labelledby="sec-history">
            <h2 id="sec-history">{t('timeline.title')}</h2>
            <Timeline entries={f.entries} actions={f.actions} emails={emails.data ?? []} timeZone={timeZone} />
          </section>
        </div>

        <div className="detail-side">
          <section className="panel" aria-labelledby="sec-returns">
            <h2 id="sec-returns">{t('returns.title')}</h2>
            <ReturnsTable
              actions={f.actions}
              today={today}
              timeZone={timeZone}
              canAct={(a) => !closed && (canChange || a.assignee_id === me.user.id)}
              onComplete={(a) => setModal({ kind: 'complete', action: a })}
              onReschedule={(a) => setModal({ kind: 'reschedule', action: a })}
              onCancel={canChange ? (a) => setModal({ kind: 'cancel', action: a }) : undefined}
            />
          </section>
          <AppointmentsPanel followup={f} canChange={canChange && !closed} onChanged={(m) => void saved(m)} />
          {proposals ? proposals(f, canChange, (m) => void saved(m)) : null}
          <section className="panel" aria-labelledby="sec-attach">
            <h2 id="sec-attach">{t('attachments.title')}</h2>
            <AttachmentList items={f.attachments} timeZone={timeZone} />
            {canChange ? <DropZone onFiles={(files) => void addFiles(files)} /> : null}
            <UploadList uploads={uploads.filter((u) => u.status !== 'done')} />
          </section>
          <FollowupEmails followup={f} timeZone={timeZone} list={emails} />
        </div>
      </div>

      {modal?.kind === 'complete' ? (
        <CompleteDialog
          action={modal.action}
          subject={f.subject}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('complete.done'))}
        />
      ) : null}
      {modal?.kind === 'reschedule' ? (
        <RescheduleDialog
          action={modal.action}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('reschedule.done'))}
        />
      ) : null}
      {modal?.kind === 'cancel' ? (
        <TextDialog
          title={t('returns.cancelTitle')}
          label={t('reschedule.reason')}
          field="reason"
          required={false}
          danger
          submitLabel={t('returns.cancel')}
          onSubmit={(text) => api.cancelAction(modal.action.id, text)}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('returns.cancelled'))}
        />
      ) : null}
      {modal?.kind === 'close' ? (
        <TextDialog
          title={t('followup.closeTitle')}
          label={t('followup.closeResult')}
          field="result"
          required
          danger
          submitLabel={t('followup.close')}
          onSubmit={(text) => api.closeFollowup(f.id, text)}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('followup.closed'))}
        />
      ) : null}
      {modal?.kind === 'reopen' ? (
        <TextDialog
          title={t('followup.reopenTitle')}
          label={t('followup.reopenReason')}
          field="reason"
          required
          submitLabel={t('followup.reopen')}
          onSubmit={(text) => api.reopenFollowup(f.id, text)}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('followup.reopened'))}
        />
      ) : null}
      {modal?.kind === 'requestReopen' ? (
        <TextDialog
          title={t('followup.askReopenTitle')}
          label={t('followup.reopenReason')}
          hint={t('followup.askReopenHint')}
          field="reason"
          required
          submitLabel={t('followup.askReopenSend')}
          onSubmit={(text) => api.requestReopen(f.id, text)}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('followup.reopenAsked'))}
        />
      ) : null}
      {modal?.kind === 'newReturn' ? (
        <NewReturnDialog
          followupId={f.id}
          onClose={() => setModal(null)}
          onDone={() => void saved(t('returns.scheduled'))}
        />
      ) : null}
    </>
  );
}
