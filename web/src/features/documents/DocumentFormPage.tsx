// Add or change a sales document (admins and supervisors): kind, number, party, date,
// status, completion date (it counts the days of the automatic follow-up), seller, and
// its items by catalogue code with a quantity. A change replaces the whole document (PUT).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type {
  CatalogItem,
  DocumentInput,
  DocumentKind,
  DocumentStatus,
  PartyRef,
  SalesDocument,
} from '../../shared/api/types';
import { CatalogCodeField } from '../../shared/components/CatalogCodeField';
import { SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { documentName } from '../../shared/components/OriginBadge';
import { PageHeader } from '../../shared/components/PageHeader';
import { PartyPicker } from '../../shared/components/PartyPicker';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { useTables } from '../../shared/hooks/useTables';
import { useUnsavedForm } from '../../shared/hooks/useUnsavedChanges';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, canWriteDocuments, parseQuantity } from './kinds';
import './documents.css';

export interface ItemRow {
  key: number;
  item_code: string;
  description: string;
  quantity: string;
}

let nextKey = 1;
const emptyRow = (): ItemRow => ({ key: nextKey++, item_code: '', description: '', quantity: '1' });
const isBlank = (r: ItemRow) => !r.item_code.trim() && !r.description.trim();

/** The rows sent (blank ones are left out) and, for each, its index on the screen. */
export function itemsOf(rows: ItemRow[]): { items: DocumentInput['items']; shown: number[] } {
  const shown: number[] = [];
  const items: DocumentInput['items'] = [];
  rows.forEach((r, i) => {
    if (isBlank(r)) return;
    shown.push(i);
    items.push({
      item_code: r.item_code.trim(),
      description: r.description.trim(),
      quantity: parseQuantity(r.quantity),
    });
  });
  return { items, shown };
}

/** Server errors of `items[j]…` moved to the row on the screen that item j came from. */
export function remapItemErrors(errors: Record<string, string>, shown: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^items\[(\d+)\](.*)$/.exec(k);
    if (m && shown[Number(m[1])] !== undefined) out[`items[${shown[Number(m[1])]}]${m[2]}`] = v;
    else out[k] = v;
  }
  return out;
}

export function DocumentFormPage({ id }: { id?: number }) {
  const { t } = useI18n();
  const me = useMe();
  const [doc, setDoc] = useState<SalesDocument | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    if (!id) return;
    api.document(id).then(setDoc, setLoadError);
  }, [id]);

  if (!canWriteDocuments(me)) {
    return (
      <>
        <PageHeader title={t('documents.title')} />
        <Notice kind="error">{t('documents.onlyWriters')}</Notice>
      </>
    );
  }
  if (id && loadError) return <Notice kind="error">{errorMessage(loadError, t)}</Notice>;
  if (id && !doc) return <Loading />;
  if (doc && !doc.can_change) {
    return (
      <>
        <PageHeader title={t('documents.title')} />
        <Notice kind="error">{t('problem.document_out_of_reach')}</Notice>
      </>
    );
  }
  return <DocumentForm doc={doc} />;
}

function DocumentForm({ doc }: { doc: SalesDocument | null }) {
  const { t } = useI18n();
  const { today } = useUserTime();
  const { users } = useTables();
  const [kind, setKind] = useState<DocumentKind>(doc?.kind ?? 'sale');
  const [number, setNumber] = useState(doc?.number ?? '');
  const [party, setParty] = useState<PartyRef | null>(doc?.party ?? null);
  const [date, setDate] = useState(doc?.date ?? today);
  const [status, setStatus] = useState<DocumentStatus>(doc?.status ?? 'open');
  const [completedOn, setCompletedOn] = useState(doc?.completed_on ?? '');
  const [ownerId, setOwnerId] = useState(doc?.owner_id ? String(doc.owner_id) : '');
  const [rows, setRows] = useState<ItemRow[]>(() =>
    doc?.items.length
      ? doc.items.map((i) => ({
          key: nextKey++,
          item_code: i.item_code,
          description: i.description,
          quantity: String(i.quantity),
        }))
      : [emptyRow()],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const unsaved = useUnsavedForm();
  const formRef = useRef<HTMLFormElement>(null);

  const setRow = (key: number, patch: Partial<ItemRow>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const pick = (key: number, item: CatalogItem) =>
    setRows((list) => list.map((r) => (r.key === key && !r.description.trim() ? { ...r, description: item.name } : r)));

  const changeStatus = (s: DocumentStatus) => {
    setStatus(s);
    if (s === 'completed' && !completedOn) setCompletedOn(today);
  };

  const focusFirstError = () =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const req = t('validation.required');
    const local: Record<string, string> = {};
    if (!number.trim()) local.number = req;
    if (!party) local.party_id = req;
    if (!date) local.date = req;
    rows.forEach((r, i) => {
      if (isBlank(r)) return;
      if (!r.item_code.trim()) local[`items[${i}].item_code`] = req;
      const q = parseQuantity(r.quantity);
      if (!(q > 0)) local[`items[${i}].quantity`] = t('document.quantityInvalid');
    });
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('validation.fixFields'));
      focusFirstError();
      return;
    }
    const { items, shown } = itemsOf(rows);
    const body: DocumentInput = {
      kind,
      number: number.trim(),
      party_id: party!.id,
      date,
      status,
      completed_on: completedOn || null,
      owner_id: ownerId ? Number(ownerId) : null,
      items,
    };
    setBusy(true);
    setError('');
    try {
      const saved = doc ? await api.putDocument(doc.id, body, doc.version) : await api.createDocument(body);
      navigate(`/documents/${saved.id}?saved=1`, { replace: true });
    } catch (err) {
      setErrors(remapItemErrors(fieldErrorsOf(err), shown));
      setError(errorMessage(err, t));
      setBusy(false);
      focusFirstError();
    }
  };

  const owners = users.filter((u) => u.active || u.id === doc?.owner_id);

  return (
    <>
      <PageHeader title={doc ? t('document.editTitle', { name: documentName(doc, t) }) : t('document.newTitle')}>
        <button type="submit" form="document-form" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <Link to={doc ? `/documents/${doc.id}` : '/documents'} className="btn">
          {t('common.cancel')}
        </Link>
      </PageHeader>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form
        id="document-form"
        ref={formRef}
        onChange={unsaved.onChange}
        className="form-grid"
        onSubmit={submit}
        noValidate
      >
        <section className="panel" aria-labelledby="doc-main">
          <h2 id="doc-main">{t('document.data')}</h2>
          <div className="form-row">
            <SelectField
              id="doc-f-kind"
              label={t('document.kindLabel')}
              value={kind}
              required
              onChange={(e) => setKind(e.target.value as DocumentKind)}
              error={errors.kind}
            >
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`document.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id="doc-f-number"
              label={t('document.number')}
              value={number}
              required
              maxLength={40}
              autoComplete="off"
              onChange={(e) => setNumber(e.target.value)}
              error={errors.number}
            />
          </div>
          <PartyPicker
            id="doc-f-party"
            label={t('grid.party')}
            value={party}
            onChange={setParty}
            error={errors.party_id}
            required
          />
          <div className="form-row">
            <TextField
              id="doc-f-date"
              label={t('document.date')}
              type="date"
              value={date}
              required
              onChange={(e) => setDate(e.target.value)}
              error={errors.date}
            />
            <SelectField
              id="doc-f-owner"
              label={t('document.owner')}
              value={ownerId}
              onChange={(e) => setOwnerId(e.target.value)}
              error={errors.owner_id}
            >
              <option value="">{t('document.noOwner')}</option>
              {owners.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-row">
            <SelectField
              id="doc-f-status"
              label={t('document.status')}
              value={status}
              onChange={(e) => changeStatus(e.target.value as DocumentStatus)}
              error={errors.status}
            >
              {DOCUMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`document.status.${s}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              id="doc-f-completed"
              label={t('document.completedOn')}
              type="date"
              value={completedOn}
              onChange={(e) => setCompletedOn(e.target.value)}
              error={errors.completed_on}
              hint={t('document.completedOnHint')}
            />
          </div>
        </section>
        <section className="panel panel-wide" aria-labelledby="doc-items-title">
          <h2 id="doc-items-title">{t('document.items')}</h2>
          {errors.items && !Object.keys(errors).some((k) => k.startsWith('items[')) ? (
            <p className="field-error" role="alert">
              {errors.items}
            </p>
          ) : null}
          <ol className="doc-item-rows">
            {rows.map((r, i) => (
              <li key={r.key}>
                <fieldset className="doc-item-row">
                  <legend className="sr-only">{t('document.itemN', { n: i + 1 })}</legend>
                  <CatalogCodeField
                    id={`doc-item-${r.key}-code`}
                    label={t('document.itemCode')}
                    value={r.item_code}
                    onChange={(code) => setRow(r.key, { item_code: code })}
                    onPick={(item) => pick(r.key, item)}
                    error={errors[`items[${i}].item_code`]}
                  />
                  <TextField
                    id={`doc-item-${r.key}-description`}
                    label={t('document.description')}
                    value={r.description}
                    maxLength={300}
                    className="doc-item-description"
                    onChange={(e) => setRow(r.key, { description: e.target.value })}
                    error={errors[`items[${i}].description`]}
                  />
                  <TextField
                    id={`doc-item-${r.key}-quantity`}
                    label={t('document.quantity')}
                    inputMode="decimal"
                    className="field-narrow"
                    value={r.quantity}
                    onChange={(e) => setRow(r.key, { quantity: e.target.value })}
                    error={errors[`items[${i}].quantity`]}
                  />
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                    aria-label={t('document.removeItem', { n: i + 1 })}
                  >
                    {t('common.remove')}
                  </button>
                </fieldset>
              </li>
            ))}
          </ol>
          <button type="button" className="btn btn-small" onClick={() => setRows((list) => [...list, emptyRow()])}>
            {t('document.addItem')}
          </button>
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}
