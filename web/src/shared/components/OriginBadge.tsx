// Where a follow-up came from (typed by a user, after a sale, a completed service, a
// birthday, the calendar, the API or an import), and the sales document it is about.
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import type { DocumentRef, FollowupOrigin } from '../api/types';
import { useI18n, type TFunction } from '../i18n/i18n';
import { Link } from '../router';

export const ORIGINS: FollowupOrigin[] = [
  'manual',
  'after_sale',
  'service_done',
  'birthday',
  'calendar',
  'api',
  'import',
];

export function OriginBadge({ origin }: { origin: FollowupOrigin | undefined }) {
  const { t } = useI18n();
  const o = origin && ORIGINS.includes(origin) ? origin : 'manual';
  return <span className={`badge origin origin-${o}`}>{t(`origin.${o}`)}</span>;
}

/** The badge beside a subject in lists: only automatic follow-ups get one, so the
 *  manual ones (most rows) stay quiet. */
export function AutomaticOriginBadge({ origin }: { origin: FollowupOrigin | undefined }) {
  if (!origin || origin === 'manual' || !ORIGINS.includes(origin)) return null;
  return (
    <>
      {' '}
      <OriginBadge origin={origin} />
    </>
  );
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

const refs = new Map<number, Promise<DocumentRef | null>>();

/** Forgets the documents fetched by id (tests; a page load starts empty). */
export function forgetDocumentRefs(): void {
  refs.clear();
}

function documentRef(id: number): Promise<DocumentRef | null> {
  let p = refs.get(id);
  if (!p) {
    p = api.document(id).then(
      (d) => ({ id: d.id, kind: d.kind, number: d.number }),
      () => null,
    );
    refs.set(id, p);
  }
  return p;
}

/**
 * The document of a follow-up, after `before`: its kind and number when the answer has
 * them, else fetched once by `documentId` (lists and the calendar may give only the id).
 */
export function FollowupDocumentLink({
  document,
  documentId,
  before,
}: {
  document?: DocumentRef | null;
  documentId?: number | null;
  before?: ReactNode;
}) {
  const [fetched, setFetched] = useState<DocumentRef | null>(null);
  const id = document ? 0 : (documentId ?? 0);
  useEffect(() => {
    setFetched(null);
    if (!id) return;
    let alive = true;
    void documentRef(id).then((r) => alive && setFetched(r));
    return () => {
      alive = false;
    };
  }, [id]);
  const ref = document ?? fetched;
  if (!ref) return null;
  return (
    <>
      {before}
      <DocumentLink document={ref} />
    </>
  );
}
