import type { EmailReminders } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { SelectField } from './Field';
import { MailOffNotice } from './MailOffNotice';

export const EMAIL_REMINDERS: EmailReminders[] = ['off', 'each', 'digest'];

/** "E-mail reminders" of a user: none, one e-mail per return, or a morning digest. */
export function EmailRemindersField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: EmailReminders;
  onChange: (v: EmailReminders) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        id={id}
        label={t('admin.emailReminders')}
        value={value}
        onChange={(e) => onChange(e.target.value as EmailReminders)}
        error={error}
        hint={t('admin.emailRemindersHint')}
      >
        {EMAIL_REMINDERS.map((m) => (
          <option key={m} value={m}>
            {t(`admin.emailRemindersMode.${m}`)}
          </option>
        ))}
      </SelectField>
      {value !== 'off' ? <MailOffNotice id={`${id}-mail-off`} /> : null}
    </>
  );
}
