// Register a customer, supplier or prospect with its ERP code and contact persons, each
// with a birthday (a follow-up with origin "birthday" is created on the day every year).
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate } from '../../shared/router';
import { PartyFields } from './PartyFields';
import { checkPartyForm, createBody, emptyPartyForm } from './partyForm';

export function PartyNewPage() {
  const { t } = useI18n();
  const [form, setForm] = useState(emptyPartyForm);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = checkPartyForm(form, t);
    setErrors(local);
    if (Object.keys(local).length) return;
    await send(async () => {
      const p = await api.createParty(createBody(form));
      navigate(`/parties/${p.id}`, { replace: true });
    });
  };

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
      <form onChange={markDirty} id="party-form" className="panel" onSubmit={submit} noValidate>
        <PartyFields idPrefix="pn" value={form} onChange={setForm} errors={errors} />
      </form>
    </>
  );
}
