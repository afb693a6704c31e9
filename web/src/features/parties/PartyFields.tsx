// The fields of a party (new party and edit): code, kind, name, its own e-mail, phones
// and birthday, optionally its branch and owner, and the contact persons (rows added and
// removed), each with a birthday. The server's errors sit by their field (`contacts[1].email`).
import type { Branch, User } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { offered } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { EMPTY_CONTACT_ROW, PARTY_KINDS, type ContactRow, type PartyFormState } from './partyForm';

/** The ways to reach someone, the same for the party and each contact person. */
const REACH = [
  { key: 'email', label: 'contact.email', type: 'email', id: 'email' },
  { key: 'phone', label: 'contact.phone', type: 'tel', id: 'phone' },
  { key: 'whatsapp', label: 'contact.whatsappLabel', type: 'tel', id: 'wa' },
  { key: 'birthday', label: 'party.birthday', type: 'date', id: 'birthday' },
] as const;

interface Props {
  /** Prefix of the fields' ids. */
  idPrefix: string;
  value: PartyFormState;
  onChange: (f: PartyFormState) => void;
  errors: Record<string, string>;
  /** Branch and owner choices (editing); without them the server picks the user's. */
  assignment?: { branches: Branch[]; owners: User[] };
}

export function PartyFields({ idPrefix, value, onChange, errors, assignment }: Props) {
  const { t } = useI18n();
  const set = (k: keyof PartyFormState, v: string) => onChange({ ...value, [k]: v });
  const setContacts = (contacts: ContactRow[]) => onChange({ ...value, contacts });
  const setContact = (i: number, k: keyof ContactRow, v: string) =>
    setContacts(value.contacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)));
  // An error of the list itself (too many), not of one of its rows.
  const listError = Object.keys(errors).some((k) => k.startsWith('contacts[')) ? undefined : errors.contacts;

  return (
    <>
      <div className="form-row">
        <TextField
          id={`${idPrefix}-code`}
          label={t('party.code')}
          value={value.code}
          required
          onChange={(e) => set('code', e.target.value)}
          error={errors.code}
        />
        <SelectField
          id={`${idPrefix}-kind`}
          label={t('parties.kind')}
          value={value.kind}
          onChange={(e) => set('kind', e.target.value)}
          error={errors.kind}
        >
          {PARTY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`party.kind.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        <TextField
          id={`${idPrefix}-name`}
          label={t('party.name')}
          value={value.name}
          required
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          id={`${idPrefix}-tax-id`}
          label={t('party.taxId')}
          value={value.tax_id}
          inputMode="text"
          autoComplete="off"
          maxLength={24}
          onChange={(e) => set('tax_id', e.target.value)}
          error={errors.tax_id}
          hint={t('party.taxIdHint')}
        />
      </div>
      <div className="form-row">
        {REACH.map((f) => (
          <TextField
            key={f.key}
            id={`${idPrefix}-${f.id}`}
            label={t(f.label)}
            type={f.type}
            value={value[f.key]}
            onChange={(e) => set(f.key, e.target.value)}
            error={errors[f.key]}
          />
        ))}
      </div>
      {assignment ? (
        <div className="form-row">
          <SelectField
            id={`${idPrefix}-branch`}
            label={t('filters.branch')}
            value={value.branch_id}
            onChange={(e) => set('branch_id', e.target.value)}
            error={errors.branch_id}
          >
            <option value="">—</option>
            {offered(assignment.branches, (b) => String(b.id) === String(value.branch_id)).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`${idPrefix}-owner`}
            label={t('followup.owner')}
            value={value.owner_id}
            onChange={(e) => set('owner_id', e.target.value)}
            error={errors.owner_id}
          >
            <option value="">—</option>
            {assignment.owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <fieldset className="fieldset" aria-describedby={listError ? `${idPrefix}-contacts-err` : undefined}>
        <legend>{t('party.contacts')}</legend>
        {listError ? (
          <p className="field-error" id={`${idPrefix}-contacts-err`} role="alert">
            {listError}
          </p>
        ) : null}
        {value.contacts.map((c, i) => (
          <div className="form-row contact-row" key={i}>
            <TextField
              id={`${idPrefix}-c${i}-name`}
              label={t('contact.name')}
              value={c.name}
              required
              onChange={(e) => setContact(i, 'name', e.target.value)}
              error={errors[`contacts[${i}].name`]}
            />
            {REACH.map((f) => (
              <TextField
                key={f.key}
                id={`${idPrefix}-c${i}-${f.id}`}
                label={t(f.label)}
                type={f.type}
                value={c[f.key]}
                onChange={(e) => setContact(i, f.key, e.target.value)}
                error={errors[`contacts[${i}].${f.key}`]}
              />
            ))}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => setContacts(value.contacts.filter((_, j) => j !== i))}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setContacts([...value.contacts, { ...EMPTY_CONTACT_ROW }])}
        >
          {t('party.addContact')}
        </button>
      </fieldset>
    </>
  );
}
