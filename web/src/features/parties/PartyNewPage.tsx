// Register a customer, supplier or prospect with its ERP code and contact persons, each
// with a birthday (a follow-up with origin "birthday" is created on the day every year).
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { PartyContactInput, PartyCreate, PartyKind } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate } from '../../shared/router';

const KINDS: PartyKind[] = ['customer', 'supplier', 'prospect'];

export function PartyNewPage() {
  const { t } = useI18n();
  const [form, setForm] = useState({ code: '', kind: 'customer' as PartyKind, name: '', email: '', phone: '', whatsapp: '', birthday: '' });
  const [contacts, setContacts] = useState<PartyContactInput[]>([]);
  const { errors, setErrors, error, busy, send } = useSubmit();
  const set = (k: keyof typeof form, v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.code.trim()) local.code = t('validation.required');
    if (!form.name.trim()) local.name = t('validation.required');
    contacts.forEach((c, i) => {
      if (!c.name?.trim()) local[`contacts[${i}].name`] = t('validation.required');
    });
    setErrors(local);
    if (Object.keys(local).length) return;
    const body: PartyCreate = { code: form.code.trim(), kind: form.kind, name: form.name.trim() };
    if (form.email) body.email = form.email.trim();
    if (form.phone) body.phone = form.phone.trim();
    if (form.whatsapp) body.whatsapp = form.whatsapp.trim();
    if (form.birthday) body.birthday = form.birthday;
    // A blank birthday is left out rather than sent as "".
    if (contacts.length) body.contacts = contacts.map(({ birthday, ...c }) => (birthday ? { ...c, birthday } : c));
    await send(async () => {
      const p = await api.createParty(body);
      navigate(`/parties/${p.id}`, { replace: true });
    });
  };

  const setContact = (i: number, k: keyof PartyContactInput, v: string) =>
    setContacts(contacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)));

  return (
    <>
      <PageHeader title={t('parties.new')}>
        <button type="submit" form="party-form" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <Link to="/parties" className="btn">
          {t('common.cancel')}
        </Link>
      </PageHeader>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form id="party-form" className="panel" onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField id="pn-code" label={t('party.code')} value={form.code} required onChange={(e) => set('code', e.target.value)} error={errors.code} />
          <SelectField id="pn-kind" label={t('parties.kind')} value={form.kind} onChange={(e) => set('kind', e.target.value)} error={errors.kind}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`party.kind.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField id="pn-name" label={t('party.name')} value={form.name} required onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <div className="form-row">
          <TextField id="pn-email" label={t('contact.email')} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} error={errors.email} />
          <TextField id="pn-phone" label={t('contact.phone')} type="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} error={errors.phone} />
          <TextField id="pn-whatsapp" label={t('contact.whatsappLabel')} type="tel" value={form.whatsapp} onChange={(e) => set('whatsapp', e.target.value)} error={errors.whatsapp} />
          <TextField id="pn-birthday" label={t('party.birthday')} type="date" value={form.birthday} onChange={(e) => set('birthday', e.target.value)} error={errors.birthday} />
        </div>
        <fieldset className="fieldset">
          <legend>{t('party.contacts')}</legend>
          {contacts.map((c, i) => (
            <div className="form-row contact-row" key={i}>
              <TextField id={`pc-${i}-name`} label={t('contact.name')} value={c.name ?? ''} required onChange={(e) => setContact(i, 'name', e.target.value)} error={errors[`contacts[${i}].name`]} />
              <TextField id={`pc-${i}-email`} label={t('contact.email')} type="email" value={c.email ?? ''} onChange={(e) => setContact(i, 'email', e.target.value)} error={errors[`contacts[${i}].email`]} />
              <TextField id={`pc-${i}-phone`} label={t('contact.phone')} type="tel" value={c.phone ?? ''} onChange={(e) => setContact(i, 'phone', e.target.value)} error={errors[`contacts[${i}].phone`]} />
              <TextField id={`pc-${i}-wa`} label={t('contact.whatsappLabel')} type="tel" value={c.whatsapp ?? ''} onChange={(e) => setContact(i, 'whatsapp', e.target.value)} error={errors[`contacts[${i}].whatsapp`]} />
              <TextField id={`pc-${i}-birthday`} label={t('party.birthday')} type="date" value={c.birthday ?? ''} onChange={(e) => setContact(i, 'birthday', e.target.value)} error={errors[`contacts[${i}].birthday`]} />
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setContacts([...contacts, { name: '', email: '', phone: '', whatsapp: '', birthday: '' }])}>
            {t('party.addContact')}
          </button>
        </fieldset>
      </form>
    </>
  );
}
