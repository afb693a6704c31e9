// "Incluir" a follow-up: every field of manual 000 (contact, responsible, contact e-mail
// and phone, contact date, subject, contact type, priority, remind at, CC, observations,
// repeat for N months with the preview), the tabs of manual 001 and attachments. Started
// from a sales document (?document_id=), it is tied to it and its party comes first.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Contact, FollowupCreate, Party, Priority, SalesDocument } from '../../shared/api/types';
import { SelectField, TextArea, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { DocumentLink } from '../../shared/components/OriginBadge';
import { PageHeader } from '../../shared/components/PageHeader';
import { PartyPicker } from '../../shared/components/PartyPicker';
import { Tabs } from '../../shared/components/Tabs';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { splitEmails, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { offered, useTables } from '../../shared/hooks/useTables';
import { useUnsavedForm } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import {
  ActionFields,
  emptyAction,
  missingActionFields,
  toActionInput,
  type ActionDraft,
} from '../../entities/action/ActionFields';
import { DropZone, runUploads, toUploads, UploadList, useUploads } from './Attachments';
import { ContactFields, EMPTY_CONTACT } from './ContactFields';
import { ownerChoices } from '../../entities/user/owners';

type NoteTab = 'followup' | 'complaint' | 'internal';
const NOTE_TABS: NoteTab[] = ['followup', 'complaint', 'internal'];

export function partyContacts(p: Party): Contact[] {
  const main: Contact = { name: p.contacts[0]?.name ?? '', email: p.email, phone: p.phone, whatsapp: p.whatsapp };
  const persons = p.contacts.map((c) => ({
    name: c.name,
    email: c.email || p.email,
    phone: c.phone || p.phone,
    whatsapp: c.whatsapp || p.whatsapp,
  }));
  return persons.length ? persons : [main];
}

export function FollowupNewPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { timeZone, today } = useUserTime();
  const { users, contactTypes, categories } = useTables();
  const params = useSearchParams();
  const presetParty = Number(params.get('party_id')) || 0;
  const presetDocument = Number(params.get('document_id')) || 0;

  const [party, setParty] = useState<Party | null>(null);
  const [salesDoc, setSalesDoc] = useState<SalesDocument | null>(null);
  const [docError, setDocError] = useState('');
  const [subject, setSubject] = useState('');
  const [ownerId, setOwnerId] = useState(me.user.id);
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  const [contact, setContact] = useState<Contact>(EMPTY_CONTACT);
  const [cc, setCc] = useState('');
  const [contactAt, setContactAt] = useState(() => wallTimeIn(timeZone));
  const [internalDate, setInternalDate] = useState('');
  const [action, setAction] = useState<ActionDraft>(() => emptyAction('', today));
  const [notes, setNotes] = useState<Record<NoteTab, string>>({ followup: '', complaint: '', internal: '' });
  const [tab, setTab] = useState<NoteTab>('followup');
  const { uploads, setUploads, update } = useUploads();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [createdId, setCreatedId] = useState<number | null>(null);
  const unsaved = useUnsavedForm();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (presetParty)
      api.party(presetParty).then(
        (r) => choose(r.party),
        () => {},
      );
    // The party of the URL, once.
  }, [presetParty]);

  useEffect(() => {
    if (!presetDocument) return;
    api.document(presetDocument).then(
      (d) => {
        setSalesDoc(d);
        // The document's party, unless the URL named one.
        if (!presetParty)
          api.party(d.party.id).then(
            (r) => choose(r.party),
            () => {},
          );
      },
      (err: unknown) => setDocError(errorMessage(err, t)),
    );
    // The document of the URL, once.
  }, [presetDocument]);

  useEffect(() => {
    const firstCategory = offered(categories)[0];
    const firstType = offered(contactTypes)[0];
    if (!category && firstCategory) setCategory(firstCategory.code);
    if (!action.type && firstType) setAction((a) => ({ ...a, type: firstType.code }));
  }, [categories, contactTypes, category, action.type]);

  function choose(p: Party | null) {
    setParty(p);
    if (!p) return;
    // The full party (with its contact persons) fills the contact fields.
    api.party(p.id).then(
      ({ party: full }) => {
        setParty(full);
        setContact(partyContacts(full)[0]);
      },
      () => setContact(partyContacts(p)[0]),
    );
  }

  const focusFirstError = () =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const required = t('validation.required');
    const local: Record<string, string> = {};
    if (!party) local.party_id = required;
    if (!subject.trim()) local.subject = required;
    if (!category) local.category = required;
    Object.assign(local, missingActionFields(action, 'next_action.', required));
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('validation.fixFields'));
      focusFirstError();
      return;
    }
    const body: FollowupCreate = {
      party_id: party!.id,
      subject: subject.trim(),
      owner_id: ownerId,
      category,
      priority,
      contact,
      cc: splitEmails(cc),
      contact_at: wallTimeToInstant(contactAt, timeZone),
      next_action: toActionInput(action, timeZone),
    };
    if (salesDoc) body.document_id = salesDoc.id;
    if (internalDate) body.internal_date = internalDate;
    const n = { followup: notes.followup.trim(), complaint: notes.complaint.trim(), internal: notes.internal.trim() };
    if (n.followup || n.complaint || n.internal) body.notes = n;
    setBusy(true);
    setError('');
    try {
      const created = await api.createFollowup(body);
      setCreatedId(created.id);
      unsaved.markSaved();
      const failed = await runUploads(created.id, uploads, update, t);
      if (failed === 0) navigate(`/followups/${created.id}?created=1`, { replace: true });
      else {
        setError(t('attachments.someFailed', { count: failed }));
        setBusy(false);
      }
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      setError(errorMessage(err, t));
      const noteTab = NOTE_TABS.find((k) => fe[`notes.${k}`]);
      if (noteTab) setTab(noteTab);
      setBusy(false);
      focusFirstError();
    }
  };

  const owners = ownerChoices(me.user, users);

  return (
    <>
      <PageHeader title={t('followupForm.title')}>
        <button type="submit" form="followup-form" className="btn btn-primary" disabled={busy || createdId !== null}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <Link
          to={salesDoc ? `/documents/${salesDoc.id}` : party ? `/parties/${party.id}` : '/followups'}
          className="btn"
        >
          {t('common.cancel')}
        </Link>
      </PageHeader>
      {error ? (
        <Notice
          kind="error"
          actions={createdId ? <Link to={`/followups/${createdId}`}>{t('followupForm.openCreated')}</Link> : null}
        >
          {error}
        </Notice>
      ) : null}
      <form
        id="followup-form"
        ref={formRef}
        onChange={unsaved.onChange}
        className="form-grid"
        onSubmit={submit}
        noValidate
      >
        <section className="panel" aria-labelledby="sec-main">
          <h2 id="sec-main">{t('followupForm.main')}</h2>
          {docError ? <Notice kind="warning">{t('followupForm.documentFailed', { message: docError })}</Notice> : null}
          {salesDoc ? (
            <div className={`field ${errors.document_id ? 'has-error' : ''}`}>
              <span className="field-label" id="ff-document-label">
                {t('followup.document')}
              </span>
              <div className="inline-form" aria-labelledby="ff-document-label" role="group">
                <DocumentLink document={salesDoc} />
                <button type="button" className="btn btn-small btn-ghost" onClick={() => setSalesDoc(null)}>
                  {t('followupForm.unlinkDocument')}
                </button>
              </div>
              {errors.document_id ? (
                <span className="field-error" role="alert">
                  {errors.document_id}
                </span>
              ) : null}
            </div>
          ) : null}
          <PartyPicker
            id="ff-party"
            label={t('followup.party')}
            value={party}
            onChange={choose}
            error={errors.party_id}
            required
          />
          <TextField
            id="ff-subject"
            label={t('followup.subject')}
            value={subject}
            maxLength={200}
            required
            onChange={(e) => setSubject(e.target.value)}
            error={errors.subject}
          />
          <div className="form-row">
            <SelectField
              id="ff-owner"
              label={t('followup.owner')}
              value={ownerId}
              disabled={owners.length <= 1}
              onChange={(e) => setOwnerId(Number(e.target.value))}
              error={errors.owner_id}
            >
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
            <TextField
              id="ff-contact-at"
              label={t('followup.contactAt')}
              type="datetime-local"
              value={contactAt}
              max={wallTimeIn(timeZone)}
              onChange={(e) => setContactAt(e.target.value)}
              error={errors.contact_at}
              hint={t('followup.contactAtHint')}
            />
            <TextField
              id="ff-internal-date"
              label={t('followup.internalDate')}
              type="date"
              value={internalDate}
              onChange={(e) => setInternalDate(e.target.value)}
              error={errors.internal_date}
              hint={t('followup.internalDateHint')}
            />
          </div>
          <div className="form-row">
            <SelectField
              id="ff-category"
              label={t('followup.category')}
              value={category}
              required
              onChange={(e) => setCategory(e.target.value)}
              error={errors.category}
            >
              <option value="">{t('common.choose')}</option>
              {offered(categories, (c) => c.code === category).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="ff-priority"
              label={t('followup.priority')}
              value={priority}
              onChange={(e) => setPriority(e.target.value as Priority)}
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
            idPrefix="ff-contact"
            value={contact}
            onChange={setContact}
            errors={errors}
            choices={party ? partyContacts(party) : undefined}
          />
          <TextField
            id="ff-cc"
            label={t('followup.cc')}
            value={cc}
            onChange={(e) => setCc(e.target.value)}
            error={errors.cc}
            hint={t('followup.ccHint')}
            inputMode="email"
          />
        </section>
        <section className="panel" aria-labelledby="sec-return">
          <h2 id="sec-return">{t('followupForm.return')}</h2>
          <p className="field-hint">{t('followupForm.returnHint')}</p>
          <ActionFields
            idPrefix="ff-next"
            value={action}
            onChange={setAction}
            contactTypes={contactTypes}
            errors={errors}
            prefix="next_action."
            today={today}
            timeZone={timeZone}
          />
        </section>
        <section className="panel panel-wide" aria-labelledby="sec-notes">
          <h2 id="sec-notes">{t('followupForm.observations')}</h2>
          <Tabs
            label={t('followupForm.observations')}
            active={tab}
            onChange={(id) => setTab(id as NoteTab)}
            tabs={NOTE_TABS.map((k) => ({
              id: k,
              label: (
                <>
                  {t(`notes.tab.${k}`)}
                  {notes[k].trim() ? <span className="tab-dot" aria-label={t('notes.filled')} /> : null}
                </>
              ),
            }))}
          >
            <TextArea
              id={`ff-notes-${tab}`}
              label={t(`notes.label.${tab}`)}
              rows={5}
              value={notes[tab]}
              onChange={(e) => setNotes({ ...notes, [tab]: e.target.value })}
              error={errors[`notes.${tab}`]}
            />
          </Tabs>
        </section>
        <section className="panel panel-wide" aria-labelledby="sec-files">
          <h2 id="sec-files">{t('attachments.title')}</h2>
          <DropZone
            onFiles={(files) => setUploads((list) => [...list, ...toUploads(files, t, locale)])}
            disabled={busy}
          />
          <UploadList uploads={uploads} />
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || createdId !== null}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}
