// Where a follow-up came from (typed by a user, after a sale, a completed service, a
// birthday, the calendar, the API or an import), and the sales document it is about.
import type { DocumentRef, FollowupOrigin } from '../api/types';
import { useI18n, type TFunction } from '../i18n/i18n';
import { Link } from '../router';

export const ORIGINS: FollowupOrigin[] = ['manual', 'after_sale', 'service_done', 'birthday', 'calendar', 'api', 'import'];

export function OriginBadge({ origin }: { origin: FollowupOrigin | undefined }) {
  const { t } = useI18n();
  const o = origin && ORIGINS.includes(origin) ? origin : 'manual';
  return <span className={`badge origin origin-${o}`}>{t(`origin.${o}`)}</span>;
}

/** "Venda nº 4471" */
export function documentName(d: Pick<DocumentRef, 'kind' | 'number'>, t: TFunction): string {
  return t('document.ref', { kind: t(`document.kind.${d.kind}`), number: d.number });
}

export function DocumentLink({ document }: { document: DocumentRef }) {
  const { t } = useI18n();
  return (
    <Link to={`/documents/${document.id}`} className="document-link">
      {documentName(document, t)}
    </Link>
  );
}
