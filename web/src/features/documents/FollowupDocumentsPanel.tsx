// The documents made from a follow-up (manual 001, ADR 0042): the "Orçamento", "Pedido
// de venda" and "Venda" buttons (only where the server says one may be made: an open
// follow-up of a customer or prospect the user may change, never a supplier's), and each
// document with its number, kind, status, total in its currency, the document it was
// converted from and the excess-sale mark (manual 003). An open quote converts into an
// order and an open order into a sale; an open document is cancelled after a
// confirmation — an order cancelled so that the follow-up may be reopened. Each step
// writes a line on the timeline, so the page around reloads the follow-up.
import { useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { DocumentKind, Followup, SalesDocument } from '../../shared/api/types';
import { Dialog } from '../../shared/components/Dialog';
import { GridTable } from '../../shared/components/GridTable';
import { Notice } from '../../shared/components/Notice';
import { documentName } from '../../shared/components/OriginBadge';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useLocation, useSearchParams } from '../../shared/router';
import { DocumentStatusBadge } from './StatusBadge';
import { formatMoney } from './money';
import './documents.css';

/** The kinds a follow-up's buttons make, in the manual's order. */
export const FOLLOWUP_KINDS = ['quote', 'sales_order', 'sale'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/** What a document converts into: a quote into an order, an order into a sale. */
export function nextInChain(kind: DocumentKind): DocumentKind | null {
  if (kind === 'quote') return 'sales_order';
  if (kind === 'sales_order') return 'sale';
  return null;
}

/** A sale made now on the follow-up would be an excess sale (the server's BillingOfNewSale). */
export function wouldBeExcess(docs: SalesDocument[]): boolean {
  return docs.some((d) => d.kind === 'sale' && d.status !== 'cancelled');
}

type Confirm = { kind: 'convert'; doc: SalesDocument } | { kind: 'cancel'; doc: SalesDocument } | null;

export function FollowupDocumentsPanel({
  followup,
  onChanged,
}: {
  followup: Followup;
  /** After a conversion or a cancellation: reload the follow-up (its timeline) and say it. */
  onChanged: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const params = useSearchParams();
  const { path } = useLocation();
  const list = useAsync(() => api.followupDocuments(followup.id), [followup.id, followup.version, followup.status]);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const docs = list.data?.items ?? [];
  const madeId = Number(params.get('document') ?? 0);
  const made = docs.find((d) => d.id === madeId);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const open = followup.status === 'open';

  const done = (message: string) => {
    setConfirm(null);
    // The notice of a document made before is no longer the latest news.
    if (madeId) navigate(path, { replace: true });
    list.reload();
    onChanged(message);
  };

  return (
    <section className="panel followup-docs" aria-labelledby="sec-docs">
      <h2 id="sec-docs">{t('fdoc.title')}</h2>
      {list.data?.can_make ? (
        <div className="btn-row followup-doc-buttons" role="group" aria-label={t('fdoc.newLabel')}>
          {FOLLOWUP_KINDS.map((k) => (
            <Link key={k} to={`/followups/${followup.id}/documents/new/${k}`} className="btn btn-small">
              {t(`document.kind.${k}`)}
            </Link>
          ))}
        </div>
      ) : null}
      {made ? <Notice kind="success">{t('fdoc.made', { name: documentName(made, t) })}</Notice> : null}
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {list.data && !docs.length ? <p className="empty">{t('fdoc.empty')}</p> : null}
      {docs.length ? (
        <GridTable
          labelledBy="sec-docs"
          columns={[
            t('document.number'),
            t('document.kindLabel'),
            t('document.status'),
            { label: t('fdoc.total'), num: true },
            { label: t('fdoc.actions'), hidden: true },
          ]}
          compact
        >
          {docs.map((d) => {
            const origin = d.origin_id ? byId.get(d.origin_id) : undefined;
            const next = nextInChain(d.kind);
            return (
              <tr key={d.id} className={`followup-doc doc-${d.status}`} data-document={d.id}>
                <td data-label={t('document.number')}>
                  <Link to={`/documents/${d.id}`} className="code">
                    {d.number}
                  </Link>
                </td>
                <td data-label={t('document.kindLabel')}>
                  {t(`document.kind.${d.kind}`)}
                  {d.billing === 'excess' ? (
                    <>
                      {' '}
                      <span className="badge doc-excess" title={t('fdoc.excessHint')}>
                        {t('fdoc.excess')}
                      </span>
                    </>
                  ) : null}
                  {origin ? (
                    <span className="muted small doc-chain">
                      {' '}
                      · {t('fdoc.from', { name: documentName(origin, t) })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('document.status')}>
                  <DocumentStatusBadge status={d.status} />
                </td>
                <td data-label={t('fdoc.total')} className="num doc-total">
                  {formatMoney(d.total, d.currency, locale)}
                </td>
                <td data-label={t('fdoc.actions')} className="doc-actions">
                  {d.can_change && d.status === 'open' ? (
                    <>
                      {next && open ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setConfirm({ kind: 'convert', doc: d })}
                        >
                          {t('fdoc.convertTo', { kind: t(`document.kind.${next}`) })}
                        </button>
                      ) : null}{' '}
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => setConfirm({ kind: 'cancel', doc: d })}
                        aria-label={`${t('fdoc.cancel')} ${documentName(d, t)}`}
                      >
                        {t('fdoc.cancel')}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </GridTable>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          confirm={confirm}
          excess={confirm.kind === 'convert' && nextInChain(confirm.doc.kind) === 'sale' && wouldBeExcess(docs)}
          onClose={() => setConfirm(null)}
          onDone={done}
        />
      ) : null}
    </section>
  );
}

function ConfirmDialog({
  confirm,
  excess,
  onClose,
  onDone,
}: {
  confirm: NonNullable<Confirm>;
  excess: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const d = confirm.doc;
  const name = documentName(d, t);
  const next = nextInChain(d.kind);
  const converting = confirm.kind === 'convert';

  const run = async () => {
    setBusy(true);
    setError('');
    try {
      if (converting) {
        const made = await api.convertDocument(d.id);
        onDone(t('fdoc.converted', { from: name, name: documentName(made, t) }));
      } else {
        await api.cancelDocument(d.id);
        onDone(t('fdoc.cancelledNotice', { name }));
      }
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={
        converting
          ? t('fdoc.convertTitle', { name, kind: t(`document.kind.${next ?? 'sale'}`) })
          : t('document.cancelTitle', { name })
      }
      role="alertdialog"
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <button
            type="button"
            className={converting ? 'btn btn-primary' : 'btn btn-danger'}
            disabled={busy}
            onClick={() => void run()}
          >
            {converting ? t('fdoc.convert') : t('document.cancel')}
          </button>
          <button type="button" className="btn" data-autofocus onClick={onClose}>
            {t('document.keep')}
          </button>
        </>
      }
    >
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>{converting ? t('fdoc.convertText') : t('fdoc.cancelText')}</p>
      {excess ? <Notice kind="info">{t('fdoc.convertExcess')}</Notice> : null}
    </Dialog>
  );
}
