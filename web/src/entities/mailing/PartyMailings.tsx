// A person's history of mailings on their page (ADR 0048): each mailing they were in
// and what became of their message (sent, held with the missing names, skipped because
// they opted out, bounced). Admins, and supervisors for their branch's people.
import { http } from '../../shared/api/client';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import type { components } from '../../shared/api/schema';

type MailingRecipient = components['schemas']['MailingRecipient'];

export function PartyMailings({ partyId, timeZone }: { partyId: number; timeZone: string }) {
  const { t, locale } = useI18n();
  const rows = useAsync(
    () => http.get<{ items: MailingRecipient[] }>(`/parties/${partyId}/mailings`).then((r) => r.items),
    [partyId],
  );
  if (!rows.data?.length) return null;
  return (
    <section aria-labelledby="party-mailings" className="section">
      <h2 id="party-mailings">{t('mailings.partyHistory')}</h2>
      <ul>
        {rows.data.map((r) => (
          <li key={r.id}>
            {formatInstant(r.created_at, locale, timeZone)} — {r.mailing_subject} — {t(`mailings.status.${r.status}`)}
            {r.missing.length ? ` (${t('mailings.missing', { names: r.missing.join(', ') })})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
