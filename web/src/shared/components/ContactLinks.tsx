// A contact's name with call, WhatsApp and e-mail links, as the agenda and the
// calendar's return cards show it.
import type { Contact } from '../api/types';
import { telLink, whatsappLink } from '../format';
import { useI18n } from '../i18n/i18n';

export function ContactLinks({ contact, whatsapp = true }: { contact: Contact; whatsapp?: boolean }) {
  const { t } = useI18n();
  const c = contact;
  const wa = whatsapp ? c.whatsapp || '' : '';
  return (
    <div className="contact-cell">
      {c.name ? <span>{c.name}</span> : null}
      {c.phone ? (
        <a href={telLink(c.phone)} className="contact-link" aria-label={t('contact.call', { number: c.phone })}>
          <span aria-hidden="true">☎</span> {c.phone}
        </a>
      ) : null}
      {wa ? (
        <a
          href={whatsappLink(wa)}
          target="_blank"
          rel="noopener noreferrer"
          className="contact-link wa"
          aria-label={t('contact.whatsapp', { number: wa })}
        >
          <span aria-hidden="true">✆</span> WhatsApp
        </a>
      ) : null}
      {c.email ? (
        <a href={`mailto:${c.email}`} className="contact-link">
          {c.email}
        </a>
      ) : null}
    </div>
  );
}
