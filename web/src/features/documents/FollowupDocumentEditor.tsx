// The editor of a quote, sales order or sale made from a follow-up (manual 001, ADR
// 0042): items by catalogue code (or a code of the agent's, with a description), a
// quantity with up to three decimals, a unit price and a line discount in percent, and a
// discount on the whole document. Totals are shown live, computed as the server computes
// them, in the company's currency and the user's locale. Leaving with unsaved edits asks
// first; the server's refusals are shown on their fields (or, as a supplier's follow-up,
// on top) in the user's language.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { CatalogItem, Followup, FollowupDocumentInput } from '../../shared/api/types';
import { CatalogCodeField } from '../../shared/components/CatalogCodeField';
import { TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage, fieldErrorsOf, problemText } from '../../shared/components/errors';
import { useUnsavedForm } from '../../shared/hooks/useUnsavedChanges';
import { useI18n, type TFunction } from '../../shared/i18n/i18n';
import { Link, navigate } from '../../shared/router';
import { useMe } from '../../shared/session';
import { remapItemErrors } from './DocumentFormPage';
import type { FollowupKind } from './FollowupDocumentsPanel';
import { MAX_AMOUNT, formatMoney, parseDocQuantity, parseMoney, parsePercent, percentOf, totalsOf } from './money';
import './documents.css';

export interface EditorRow {
  key: number;
  item_code: string;
  description: string;
  quantity: string;
  price: string;
  discount: string;
}

let nextKey = 1;
export const emptyEditorRow = (): EditorRow => ({
  key: nextKey++,
  item_code: '',
  description: '',
  quantity: '1',
  price: '',
  discount: '',
});
const isBlank = (r: EditorRow) => !r.item_code.trim() && !r.description.trim() && !r.price.trim();

export interface EditorCheck {
  /** Field errors keyed as the server keys them, by the row's index on the screen. */
  errors: Record<string, string>;
  /** The body to send when there are no errors; `shown[j]` is the screen row of item j. */
  body: FollowupDocumentInput;
  shown: number[];
  /** The live totals of the rows that read as numbers (others count as zero). */
  totals: ReturnType<typeof totalsOf>;
  /** Each screen row's total, null while it does not read. */
  lineTotals: (number | null)[];
}

/** Reads the editor's rows and discount as the server will, with the user's errors. */
export function checkEditor(kind: FollowupKind, rows: EditorRow[], discountText: string, t: TFunction): EditorCheck {
  const errors: Record<string, string> = {};
  const shown: number[] = [];
  const items: FollowupDocumentInput['items'] = [];
  const priced: { quantity: number; unit_price: number; discount_bp: number }[] = [];
  const lineTotals: (number | null)[] = [];
  rows.forEach((r, i) => {
    const quantity = parseDocQuantity(r.quantity);
    const price = parseMoney(r.price);
    const bp = parsePercent(r.discount);
    const reads = !Number.isNaN(quantity) && !Number.isNaN(price) && !Number.isNaN(bp);
    lineTotals.push(reads ? totalsOf([{ quantity, unit_price: price, discount_bp: bp }], 0).total : null);
    if (isBlank(r)) return;
    if (!r.item_code.trim()) errors[`items[${i}].item_code`] = t('validation.required');
    if (Number.isNaN(quantity)) errors[`items[${i}].quantity`] = t('fdoc.quantityInvalid');
    if (!r.price.trim()) errors[`items[${i}].unit_price`] = t('validation.required');
    else if (Number.isNaN(price) || price > MAX_AMOUNT) errors[`items[${i}].unit_price`] = t('fdoc.priceInvalid');
    if (Number.isNaN(bp)) errors[`items[${i}].discount_percent`] = t('fdoc.percentInvalid');
    shown.push(i);
    const line: FollowupDocumentInput['items'][number] = {
      item_code: r.item_code.trim(),
      quantity,
      unit_price: price,
      discount_percent: percentOf(bp),
    };
    if (r.description.trim()) line.description = r.description.trim();
    items.push(line);
    if (reads) priced.push({ quantity, unit_price: price, discount_bp: bp });
  });
  if (!items.length) errors.items = t('fdoc.needItem');
  const discount = discountText.trim() ? parseMoney(discountText) : 0;
  const totals = totalsOf(priced, Number.isNaN(discount) ? 0 : discount);
  if (Number.isNaN(discount)) errors.discount = t('fdoc.priceInvalid');
  else if (discount > totals.subtotal) errors.discount = problemText('discount_over_total', t);
  if (totals.subtotal > MAX_AMOUNT) errors.items = problemText('out_of_range', t);
  return { errors, body: { kind, items, discount: Number.isNaN(discount) ? 0 : discount }, shown, totals, lineTotals };
}

export function FollowupDocumentEditor({ followupId, kind }: { followupId: number; kind: FollowupKind }) {
  const { t } = useI18n();
  const [followup, setFollowup] = useState<Followup | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    api.followup(followupId).then((r) => setFollowup(r.followup), setLoadError);
  }, [followupId]);

  if (loadError) {
    return (
      <>
        <PageHeader title={t(`document.kind.${kind}`)} />
        <Notice kind="error">{errorMessage(loadError, t)}</Notice>
      </>
    );
  }
  if (!followup) return <Loading />;
  return <Editor followup={followup} kind={kind} />;
}

function Editor({ followup, kind }: { followup: Followup; kind: FollowupKind }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const currency = me.settings.currency;
  const [rows, setRows] = useState<EditorRow[]>(() => [emptyEditorRow()]);
  const [discount, setDiscount] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedForm();
  const formRef = useRef<HTMLFormElement>(null);
  const back = `/followups/${followup.id}`;
  const check = checkEditor(kind, rows, discount, t);
  const money = (minor: number | null) => (minor === null ? '—' : formatMoney(minor, currency, locale));

  const setRow = (key: number, patch: Partial<EditorRow>) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    unsaved.markDirty();
  };
  const pick = (key: number, item: CatalogItem) =>
    setRows((list) => list.map((r) => (r.key === key && !r.description.trim() ? { ...r, description: item.name } : r)));

  const focusFirstError = () =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setErrors(check.errors);
    if (Object.keys(check.errors).length) {
      setError(t('validation.fixFields'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const made = await api.createFollowupDocument(followup.id, check.body);
      unsaved.markSaved();
      navigate(`${back}?document=${made.id}`, { replace: true });
    } catch (err) {
      setErrors(remapItemErrors(fieldErrorsOf(err, t), check.shown));
      setError(errorMessage(err, t));
      setBusy(false);
      focusFirstError();
    }
  };

  const itemsError = errors.items && !Object.keys(errors).some((k) => k.startsWith('items[')) ? errors.items : '';

  return (
    <>
      <PageHeader
        title={t('fdoc.editorTitle', {
          kind: t(`document.kind.${kind}`),
          followup: t('followup.title', { id: followup.id }),
        })}
      >
        <button type="submit" form="fdoc-form" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <Link to={back} className="btn">
          {t('common.cancel')}
        </Link>
      </PageHeader>
      <p className="subhead">
        <Link to={`/parties/${followup.party.id}`}>
          <span className="code">{followup.party.code}</span> {followup.party.name}
        </Link>
        <span className="muted">
          {' · '}
          {followup.subject}
          {' · '}
          {t('fdoc.currencyNote', { currency })}
        </span>
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form id="fdoc-form" ref={formRef} onChange={unsaved.onChange} className="fdoc-form" onSubmit={submit} noValidate>
        <section className="panel" aria-labelledby="fdoc-items">
          <h2 id="fdoc-items">{t('document.items')}</h2>
          {itemsError ? (
            <p className="field-error" role="alert">
              {itemsError}
            </p>
          ) : null}
          <ol className="doc-item-rows">
            {rows.map((r, i) => (
              <li key={r.key}>
                <fieldset className="doc-item-row fdoc-row">
                  <legend className="sr-only">{t('document.itemN', { n: i + 1 })}</legend>
                  <CatalogCodeField
                    id={`fdoc-${r.key}-code`}
                    label={t('document.itemCode')}
                    value={r.item_code}
                    required
                    onChange={(code) => setRow(r.key, { item_code: code })}
                    onPick={(item) => pick(r.key, item)}
                    error={errors[`items[${i}].item_code`]}
                  />
                  <TextField
                    id={`fdoc-${r.key}-description`}
                    label={t('document.description')}
                    value={r.description}
                    maxLength={300}
                    className="doc-item-description"
                    onChange={(e) => setRow(r.key, { description: e.target.value })}
                    error={errors[`items[${i}].description`]}
                  />
                  <TextField
                    id={`fdoc-${r.key}-quantity`}
                    label={t('document.quantity')}
                    inputMode="decimal"
                    className="field-narrow"
                    value={r.quantity}
                    onChange={(e) => setRow(r.key, { quantity: e.target.value })}
                    error={errors[`items[${i}].quantity`]}
                  />
                  <TextField
                    id={`fdoc-${r.key}-price`}
                    label={t('fdoc.unitPrice')}
                    inputMode="decimal"
                    className="field-money"
                    required
                    value={r.price}
                    onChange={(e) => setRow(r.key, { price: e.target.value })}
                    error={errors[`items[${i}].unit_price`]}
                  />
                  <TextField
                    id={`fdoc-${r.key}-discount`}
                    label={t('fdoc.lineDiscount')}
                    inputMode="decimal"
                    className="field-narrow"
                    value={r.discount}
                    onChange={(e) => setRow(r.key, { discount: e.target.value })}
                    error={errors[`items[${i}].discount_percent`]}
                  />
                  <div className="field fdoc-line-total">
                    <span className="field-label">{t('fdoc.lineTotal')}</span>
                    <output htmlFor={`fdoc-${r.key}-quantity fdoc-${r.key}-price fdoc-${r.key}-discount`}>
                      {money(check.lineTotals[i])}
                    </output>
                  </div>
                  {rows.length > 1 ? (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => {
                        setRows((list) => list.filter((x) => x.key !== r.key));
                        unsaved.markDirty();
                      }}
                      aria-label={t('document.removeItem', { n: i + 1 })}
                    >
                      {t('common.remove')}
                    </button>
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setRows((list) => [...list, emptyEditorRow()])}
          >
            {t('document.addItem')}
          </button>
        </section>
        <section className="panel fdoc-totals" aria-labelledby="fdoc-totals">
          <h2 id="fdoc-totals">{t('fdoc.totals')}</h2>
          <dl className="data-list">
            <dt>{t('fdoc.subtotal')}</dt>
            <dd>
              <output id="fdoc-subtotal">{money(check.totals.subtotal)}</output>
            </dd>
          </dl>
          <TextField
            id="fdoc-discount"
            label={t('fdoc.discount')}
            inputMode="decimal"
            className="field-money"
            value={discount}
            onChange={(e) => {
              setDiscount(e.target.value);
              unsaved.markDirty();
            }}
            error={errors.discount}
          />
          <dl className="data-list fdoc-grand">
            <dt>{t('fdoc.total')}</dt>
            <dd>
              <output id="fdoc-total">{money(check.totals.total)}</output>
            </dd>
          </dl>
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <Link to={back} className="btn">
            {t('fdoc.backToFollowup')}
          </Link>
        </div>
      </form>
    </>
  );
}
