// Contact of a follow-up (manual 000: contact, contact e-mail, contact phone) plus
// WhatsApp, with the party's contact persons offered to fill them in one step.
import type { Contact } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { useI18n } from '../../shared/i18n/i18n';

interface Props {
  value: Contact;
  onChange: (c: Contact) => void;
  errors: Record<string, string>;
  /** Contact persons of the party to pick from. */
  choices?: Contact[];
  disabled?: boolean;
  idPrefix: string;
}

export function ContactFields({ value, onChange, errors, choices, disabled, idPrefix }: Props) {
  const { t } = useI18n();
  const set = (k: keyof Contact, v: string) => onChange({ ...value, [k]: v });
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend>{t('followup.contact')}</legend>
      {choices && choices.length > 1 ? (
        <SelectField
          id={`${idPrefix}-pick`}
          label={t('followup.pickContact')}
          value=""
          onChange={(e) => {
            const c = choices[Number(e.target.value)];
            if (c) onChange({ ...c });
          }}
        >
          <option value="">{t('common.choose')}</option>
          {choices.map((c, i) => (
            <option key={i} value={i}>
              {[c.name, c.phone || c.email].filter(Boolean).join(' · ')}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="form-row">
        <TextField
          id={`${idPrefix}-name`}
          label={t('contact.name')}
          value={value.name}
          autoComplete="off"
          onChange={(e) => set('name', e.target.value)}
          error={errors['contact.name']}
        />
        <TextField
          id={`${idPrefix}-email`}
          label={t('contact.email')}
          type="email"
          value={value.email}
          autoComplete="off"
          onChange={(e) => set('email', e.target.value)}
          error={errors['contact.email']}
        />
      </div>
      <div className="form-row">
        <TextField
          id={`${idPrefix}-phone`}
          label={t('contact.phone')}
          type="tel"
          value={value.phone}
          autoComplete="off"
          onChange={(e) => set('phone', e.target.value)}
          error={errors['contact.phone']}
        />
        <TextField
          id={`${idPrefix}-whatsapp`}
          label={t('contact.whatsappLabel')}
          type="tel"
          value={value.whatsapp}
          autoComplete="off"
          onChange={(e) => set('whatsapp', e.target.value)}
          error={errors['contact.whatsapp']}
        />
      </div>
    </fieldset>
  );
}

export const EMPTY_CONTACT: Contact = { name: '', email: '', phone: '', whatsapp: '' };
