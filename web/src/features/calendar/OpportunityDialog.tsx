// "+" on the CRM calendar (manual 002, step 7): a new opportunity — company or customer
// name, main contact, e-mail, phone or WhatsApp, contact date and next contact date. The
// server creates a follow-up whose return falls on the next contact date, for the
// existing party chosen while typing the name, or else for a new prospect.
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { OpportunityCreate, OpportunityCreated, Party } from '../../shared/api/types';
import { TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';
import { CompanyLookup } from './CompanyLookup';

interface Props {
  nextContactDate: string;
  onClose: () => void;
  onCreated: (created: OpportunityCreated, nextContactDate: string) => void;
}

export function OpportunityDialog({ nextContactDate, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { timeZone, today } = useUserTime();
  const [form, setForm] = useState({
    company: '',
    contact_name: '',
    email: '',
    phone: '',
    whatsapp: '',
    contact_at: wallTimeIn(timeZone),
    next_contact_date: nextContactDate,
  });
  const [party, setParty] = useState<Party | null>(null);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();
  const set = (k: keyof typeof form, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.company.trim()) local.company = t('validation.required');
    if (!form.next_contact_date) local.next_contact_date = t('validation.required');
    else if (form.next_contact_date < today) local.next_contact_date = t('opportunity.pastDate');
    setErrors(local);
    if (Object.keys(local).length) return;
    // A chosen party is linked as it is; the contact fields, when filled, are this
    // follow-up's contact.
    const body: OpportunityCreate = party
      ? { party_id: party.id, next_contact_date: form.next_contact_date }
      : { company: form.company.trim(), next_contact_date: form.next_contact_date };
    for (const k of ['contact_name', 'email', 'phone', 'whatsapp'] as const)
      if (form[k].trim()) body[k] = form[k].trim();
    if (form.contact_at) body.contact_at = wallTimeToInstant(form.contact_at, timeZone);
    await send(async () => {
      onCreated(await api.createOpportunity(body), form.next_contact_date);
    });
  };

  return (
    <FormDialog title={t('opportunity.title')} onClose={onClose} formId="opportunity-form" busy={busy}>
      <form onChange={markDirty} id="opportunity-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <CompanyLookup
          id="opp-company"
          label={t('opportunity.company')}
          text={form.company}
          onText={(v) => set('company', v)}
          party={party}
          onParty={setParty}
          error={errors.company ?? errors.party_id}
        />
        <TextField
          id="opp-contact"
          label={t('opportunity.contactName')}
          value={form.contact_name}
          onChange={(e) => set('contact_name', e.target.value)}
          error={errors.contact_name}
        />
        <TextField
          id="opp-email"
          label={t('opportunity.email')}
          type="email"
          value={form.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
        <div className="form-row">
          <TextField
            id="opp-phone"
            label={t('opportunity.phone')}
            type="tel"
            value={form.phone}
            onChange={(e) => set('phone', e.target.value)}
            error={errors.phone}
          />
          <TextField
            id="opp-whatsapp"
            label={t('contact.whatsappLabel')}
            type="tel"
            value={form.whatsapp}
            onChange={(e) => set('whatsapp', e.target.value)}
            error={errors.whatsapp}
          />
        </div>
        <div className="form-row">
          <TextField
            id="opp-contact-at"
            label={t('opportunity.contactAt')}
            type="datetime-local"
            value={form.contact_at}
            onChange={(e) => set('contact_at', e.target.value)}
            error={errors.contact_at}
          />
          <TextField
            id="opp-next"
            label={t('opportunity.nextContact')}
            type="date"
            required
            min={today}
            value={form.next_contact_date}
            onChange={(e) => set('next_contact_date', e.target.value)}
            error={errors.next_contact_date}
          />
        </div>
      </form>
    </FormDialog>
  );
}
