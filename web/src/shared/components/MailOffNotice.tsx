// Beside every control that would send e-mail: when the server has no SMTP host, says so
// before the user acts (what is sent waits in the outbox and reaches nobody).
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

/** False only when the server says e-mail cannot go out. */
export function useMailConfigured(): boolean {
  const { me } = useSession();
  return me?.settings.mail_configured !== false;
}

export function MailOffNotice({ id }: { id?: string }) {
  const { t } = useI18n();
  if (useMailConfigured()) return null;
  return (
    <p id={id} className="mail-off" role="note">
      <span aria-hidden="true">⚠ </span>
      {t('mail.notConfigured')}
    </p>
  );
}
