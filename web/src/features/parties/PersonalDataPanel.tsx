// "Dados pessoais (LGPD)" on a party's page, for admins (LGPD art. 18): download
// everything held about the party as one JSON file, or anonymise the party (and its
// contact persons) or one contact person. Anonymising cannot be undone: the button
// stays off until the admin has typed the name exactly as stored.
import { useState, type FormEvent } from 'react';
import { download } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { Party } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';

/** Whose data: 0 the party with its contacts, n the n-th contact person. */
export function nameToConfirm(party: Party, who: number): string {
  return who === 0 ? party.name : (party.contacts[who - 1]?.name ?? '');
}

export function PersonalDataPanel({ party, onAnonymised }: { party: Party; onAnonymised: (p: Party) => void }) {
  const { t } = useI18n();
  const [who, setWho] = useState(0);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const expected = nameToConfirm(party, who);
  const matches = typed.trim() === expected && expected !== '';

  const exportData = async () => {
    setError(null);
    setNotice('');
    try {
      const file = await download(`/parties/${party.id}/personal-data`, {}, `dados-pessoais-${party.id}.json`);
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e);
    }
  };

  const anonymise = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const r =
        who === 0 ? await api.anonymiseParty(party.id, typed) : await api.anonymiseContact(party.id, who, typed);
      setTyped('');
      setWho(0);
      setNotice(t('privacy.done', { count: r.followups }));
      onAnonymised(r.party);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = fieldErrorsOf(error);
  return (
    <section className="panel" aria-labelledby="personal-data-title">
      <h2 id="personal-data-title">{t('privacy.title')}</h2>
      {error && !fieldErrors.confirm ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>
        <button type="button" className="btn" onClick={() => void exportData()}>
          {t('privacy.export')}
        </button>
      </p>
      <form onSubmit={anonymise} noValidate aria-describedby="personal-data-warning">
        <p id="personal-data-warning" className="muted">
          {t('privacy.warning')}
        </p>
        <SelectField
          label={t('privacy.who')}
          value={String(who)}
          onChange={(e) => {
            setWho(Number(e.target.value));
            setTyped('');
          }}
        >
          <option value="0">{t('privacy.wholeParty')}</option>
          {party.contacts.map((c, i) => (
            <option key={i} value={String(i + 1)}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('privacy.confirm', { name: expected })}
          value={typed}
          autoComplete="off"
          onChange={(e) => setTyped(e.target.value)}
          error={fieldErrors.confirm}
        />
        <button type="submit" className="btn btn-danger" disabled={!matches || busy}>
          {t('privacy.anonymise')}
        </button>
      </form>
    </section>
  );
}
