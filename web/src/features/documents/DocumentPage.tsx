// One sales document: its header, items and the follow-ups tied to it (automatic ones
// after a sale or a completed service, and those started from here). "New follow-up from
// this document" opens the follow-up form with its party and the document; those the
// server says may change it (admins, supervisors of its branch) edit it or cancel it
// (after a confirmation). A document made from a follow-up (ADR 0042) shows its prices,
// discounts and totals in its currency, the follow-up and the document it was converted
// from, and whether it is an excess sale; whoever may change the follow-up cancels it,
// and it is never edited here (its items and prices are the follow-up's editor's).
import { useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { SalesDocument } from '../../shared/api/types';
import { Dialog } from '../../shared/components/Dialog';
import { GridTable } from '../../shared/components/GridTable';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { FollowupDocumentLink, OriginBadge, documentName } from '../../shared/components/OriginBadge';
import { PageHeader } from '../../shared/components/PageHeader';
import { StateBadge } from '../../shared/components/StateBadge';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant, numberFormat } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { branchName, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, openRow, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { DocumentStatusBadge } from './StatusBadge';
import { canWriteDocuments } from './kinds';
import { formatMoney } from './money';
import './documents.css';

export function DocumentPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { timeZone } = useUserTime();
  const { users, branches } = useTables();
  const params = useSearchParams();
  const doc = useAsync(() => api.document(id), [id]);
  const [confirm, setConfirm] = useState(false);
  const [notice, setNotice] = useState(params.get('saved') ? t('document.saved') : '');

  if (doc.error && !doc.data) {
    return (
      <>
        <PageHeader title={t('documents.title')} />
        <Notice kind="error">{errorMessage(doc.error, t)}</Notice>
        <Link to="/documents" className="btn">
          {t('document.backToList')}
        </Link>
      </>
    );
  }
  if (!doc.data) return <Loading />;
  const d = doc.data;
  const fromFollowup = d.followup_id !== null;
  const writer = fromFollowup ? d.can_change : canWriteDocuments(me) && d.can_change;
  const cancelled = d.status === 'cancelled';
  const quantity = numberFormat(locale, { maximumFractionDigits: 3 });
  const priced = d.currency !== '';
  const money = (minor: number) => formatMoney(minor, d.currency, locale);
  const percent = numberFormat(locale, { maximumFractionDigits: 2 });

  return (
    <>
      <PageHeader
        title={
          <>
            {documentName(d, t)} <DocumentStatusBadge status={d.status} />
          </>
        }
        docTitle={documentName(d, t)}
      >
        <Link to={`/followups/new?party_id=${d.party.id}&document_id=${d.id}`} className="btn btn-primary">
          {t('document.newFollowup')}
        </Link>
        {writer && !cancelled ? (
          <>
            {fromFollowup ? null : (
              <Link to={`/documents/${d.id}/edit`} className="btn">
                {t('common.edit')}
              </Link>
            )}
            <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)}>
              {t('document.cancel')}
            </button>
          </>
        ) : null}
      </PageHeader>
      <p className="subhead">
        <Link to={`/parties/${d.party.id}`}>
          <span className="code">{d.party.code}</span> {d.party.name}
        </Link>
        <span className="muted">
          {' · '}
          <Link to="/documents">{t('document.backToList')}</Link>
        </span>
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {cancelled ? <Notice kind="info">{t('document.isCancelled')}</Notice> : null}

      <div className="detail-layout">
        <div className="detail-main">
          <section className="panel" aria-labelledby="doc-data">
            <h2 id="doc-data">{t('document.data')}</h2>
            <dl className="data-list">
              <dt>{t('document.kindLabel')}</dt>
              <dd>
                {t(`document.kind.${d.kind}`)}
                {d.billing === 'excess' ? (
                  <>
                    {' '}
                    <span className="badge doc-excess" title={t('fdoc.excessHint')}>
                      {t('fdoc.excess')}
                    </span>
                  </>
                ) : null}
              </dd>
              <dt>{t('document.number')}</dt>
              <dd className="code">{d.number}</dd>
              <dt>{t('grid.party')}</dt>
              <dd>
                <Link to={`/parties/${d.party.id}`}>
                  <span className="code">{d.party.code}</span> {d.party.name}
                </Link>
              </dd>
              <dt>{t('document.date')}</dt>
              <dd>{formatDate(d.date, locale)}</dd>
              <dt>{t('document.status')}</dt>
              <dd>
                <DocumentStatusBadge status={d.status} />
              </dd>
              <dt>{t('document.completedOn')}</dt>
              <dd>{d.completed_on ? formatDate(d.completed_on, locale) : '—'}</dd>
              <dt>{t('document.owner')}</dt>
              <dd>{userName(users, d.owner_id) || '—'}</dd>
              <dt>{t('filters.branch')}</dt>
              <dd>{branchName(branches, d.branch_id) || '—'}</dd>
              {d.followup_id ? (
                <>
                  <dt>{t('fdoc.followup')}</dt>
                  <dd>
                    <Link to={`/followups/${d.followup_id}`}>{t('followup.title', { id: d.followup_id })}</Link>
                  </dd>
                </>
              ) : null}
              {d.origin_id ? (
                <>
                  <dt>{t('fdoc.convertedFrom')}</dt>
                  <dd>
                    <FollowupDocumentLink documentId={d.origin_id} />
                  </dd>
                </>
              ) : null}
              <dt>{t('document.updatedAt')}</dt>
              <dd>{formatInstant(d.updated_at, locale, timeZone)}</dd>
            </dl>
          </section>
        </div>
        <div className="detail-side">
          <DocumentFollowups doc={d} />
        </div>
      </div>
      <section className="panel" aria-labelledby="doc-items">
        <h2 id="doc-items">{t('document.items')}</h2>
        {d.items.length === 0 ? (
          <p className="empty">{t('document.noItems')}</p>
        ) : (
          <GridTable
            caption={t('document.items')}
            columns={[
              { label: t('document.position'), num: true },
              t('document.itemCode'),
              t('document.description'),
              { label: t('document.quantity'), num: true },
              ...(priced
                ? [
                    { label: t('fdoc.unitPrice'), num: true },
                    { label: t('fdoc.lineDiscount'), num: true },
                    { label: t('fdoc.lineTotal'), num: true },
                  ]
                : []),
            ]}
            compact
            footer={priced ? <DocumentTotalsList doc={d} money={money} /> : undefined}
          >
            {d.items.map((i, n) => (
              <tr key={`${i.position}-${n}`}>
                <td data-label={t('document.position')} className="num">
                  {n + 1}
                </td>
                <td data-label={t('document.itemCode')} className="code">
                  {i.item_code}
                  {i.item_id === null && i.item_code ? (
                    <span className="muted small"> · {t('document.notInCatalog')}</span>
                  ) : null}
                </td>
                <td data-label={t('document.description')}>{i.description}</td>
                <td data-label={t('document.quantity')} className="num">
                  {quantity.format(i.quantity)}
                </td>
                {priced ? (
                  <>
                    <td data-label={t('fdoc.unitPrice')} className="num">
                      {money(i.unit_price)}
                    </td>
                    <td data-label={t('fdoc.lineDiscount')} className="num">
                      {i.discount_percent ? `${percent.format(i.discount_percent)} %` : '—'}
                    </td>
                    <td data-label={t('fdoc.lineTotal')} className="num">
                      {money(i.total)}
                    </td>
                  </>
                ) : null}
              </tr>
            ))}
          </GridTable>
        )}
      </section>

      {confirm ? (
        <CancelDialog
          doc={d}
          onClose={() => setConfirm(false)}
          onDone={(next) => {
            setConfirm(false);
            doc.setData(next);
            setNotice(t('document.cancelled'));
            navigate(`/documents/${d.id}`, { replace: true });
          }}
        />
      ) : null}
    </>
  );
}

/** Subtotal, the document's discount and the total, as the server computed them. */
function DocumentTotalsList({ doc, money }: { doc: SalesDocument; money: (minor: number) => string }) {
  const { t } = useI18n();
  return (
    <dl className="data-list fdoc-totals doc-totals">
      <dt>{t('fdoc.subtotal')}</dt>
      <dd>{money(doc.subtotal)}</dd>
      <dt>{t('fdoc.discountShort')}</dt>
      <dd>{money(doc.discount)}</dd>
      <dt>{t('fdoc.total')}</dt>
      <dd className="fdoc-grand-total">
        <strong>{money(doc.total)}</strong>
      </dd>
    </dl>
  );
}

/** The follow-ups tied to the document, in the colours of the follow-up list. */
function DocumentFollowups({ doc }: { doc: SalesDocument }) {
  const { t, locale } = useI18n();
  const list = doc.followups ?? [];
  return (
    <section className="panel" aria-labelledby="doc-followups">
      <h2 id="doc-followups">{t('document.followups')}</h2>
      {list.length === 0 ? (
        <p className="empty">{t('document.noFollowups')}</p>
      ) : (
        <GridTable
          caption={t('document.followups')}
          columns={[t('grid.state'), t('grid.subject'), t('document.origin'), t('grid.nextReturn')]}
          compact
        >
          {list.map((f) => (
            <tr key={f.id} className={`row state-${f.state}`} onClick={openRow(`/followups/${f.id}`)}>
              <td data-label={t('grid.state')}>
                <StateBadge state={f.state} daysLate={f.days_late} />
              </td>
              <td data-label={t('grid.subject')}>
                <Link to={`/followups/${f.id}`}>
                  <span className="muted">
                    {t('grid.number')} {f.id}
                  </span>{' '}
                  {f.subject}
                </Link>
              </td>
              <td data-label={t('document.origin')}>
                <OriginBadge origin={f.origin} />
              </td>
              <td data-label={t('grid.nextReturn')}>{f.next_due_date ? formatDate(f.next_due_date, locale) : '—'}</td>
            </tr>
          ))}
        </GridTable>
      )}
    </section>
  );
}

function CancelDialog({
  doc,
  onClose,
  onDone,
}: {
  doc: SalesDocument;
  onClose: () => void;
  onDone: (d: SalesDocument) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      onDone(await api.cancelDocument(doc.id));
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('document.cancelTitle', { name: documentName(doc, t) })}
      role="alertdialog"
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run()}>
            {t('document.cancel')}
          </button>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            {t('document.keep')}
          </button>
        </>
      }
    >
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>{t('document.cancelText')}</p>
    </Dialog>
  );
}
