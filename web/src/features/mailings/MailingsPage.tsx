// "Envio para clientes" (manual 003, ADR 0048): admins and supervisors select people
// by filter and count them, unpick some by hand, write the subject and text with the
// placeholders a person has ("Consultar variáveis"), attach files, choose the sending
// company and send; a progress bar follows the job and the results are shown by status.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import { CatalogCodeField } from '../../shared/components/CatalogCodeField';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { PartyPicker } from '../../shared/components/PartyPicker';
import { PlaceholderList, insertIntoField } from '../../shared/components/Placeholders';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe, useUserTime } from '../../shared/session';
import {
  mailingsApi,
  type Mailing,
  type MailingRecipient,
  type MailingSelection,
  type PreviewParty,
  type RecipientStatus,
} from './mailingsApi';

const STATUSES: RecipientStatus[] = ['queued', 'sent', 'held', 'skipped_opt_out', 'bounced'];

interface FilterForm {
  product_id: number | null;
  branch_id: string;
  owner_id: string;
  kind: string;
  category: string;
  birthday_month: string;
}

export function selectionOf(f: FilterForm, excluded: number[], picked: number[] = []): MailingSelection {
  const s: MailingSelection = {};
  if (f.product_id) s.product_id = f.product_id;
  if (picked.length) s.party_ids = picked;
  if (f.branch_id) s.branch_id = Number(f.branch_id);
  if (f.owner_id) s.owner_id = Number(f.owner_id);
  if (f.kind) s.kind = f.kind as MailingSelection['kind'];
  if (f.category) s.category = f.category;
  if (f.birthday_month) s.birthday_month = Number(f.birthday_month);
  if (excluded.length) s.excluded_ids = excluded;
  return s;
}

/** A sent mailing: its progress bar while its job writes the messages, then its counts. */
function MailingProgress({ id }: { id: number }) {
  const { t } = useI18n();
  const [m, setM] = useState<Mailing | null>(null);
  const [held, setHeld] = useState<MailingRecipient[]>([]);
  useEffect(() => {
    let stop = false;
    let heldLoaded = false;
    const poll = async () => {
      const next = await mailingsApi.get(id).catch(() => null);
      if (stop || !next) return;
      setM(next);
      // Held people are final once every person has a row; sent and bounced follow the
      // outbox, more slowly.
      if (next.status === 'done' && !heldLoaded) {
        heldLoaded = true;
        if (next.counts.held) setHeld(await mailingsApi.recipients(id, 'held'));
      }
      if (next.status === 'done' && next.counts.queued === 0) return;
      setTimeout(() => void poll(), next.status === 'done' ? 5000 : 1000);
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [id]);
  if (!m) return null;
  return (
    <section className="panel" aria-labelledby={`mailing-${id}`}>
      <h2 id={`mailing-${id}`}>{m.subject}</h2>
      <label className="field-label" htmlFor={`mailing-${id}-progress`}>
        {t('mailings.progress', { done: m.processed, total: m.total })}
      </label>
      <progress id={`mailing-${id}-progress`} max={100} value={m.progress} />
      <ul className="mailing-counts">
        {STATUSES.map((s) => (
          <li key={s}>
            {t(`mailings.status.${s}`)}: <strong>{m.counts[s]}</strong>
          </li>
        ))}
      </ul>
      {held.length ? (
        <>
          <h3>{t('mailings.heldTitle')}</h3>
          <ul>
            {held.map((r) => (
              <li key={r.id}>
                {r.party_name} — {t('mailings.missing', { names: r.missing.join(', ') })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function MailingsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { timeZone } = useUserTime();
  const { users, branches, categories } = useTables();
  const isSupervisor = me.user.role === 'supervisor';
  const [filter, setFilter] = useState<FilterForm>({
    product_id: null,
    branch_id: isSupervisor && me.user.branch_id ? String(me.user.branch_id) : '',
    owner_id: '',
    kind: 'customer',
    category: '',
    birthday_month: '',
  });
  const [excluded, setExcluded] = useState<number[]>([]);
  const [picked, setPicked] = useState<{ id: number; name: string }[]>([]);
  const [productCode, setProductCode] = useState('');
  const [preview, setPreview] = useState<{ count: number; items: PreviewParty[] } | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [sender, setSender] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [showPlaceholders, setShowPlaceholders] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<number[]>([]);
  const meta = useAsync(() => Promise.all([mailingsApi.senders(), api.templates()]), []);
  const history = useAsync(() => mailingsApi.list(), [sent.length]);
  const allowed = meta.data?.[0].placeholders ?? [];
  const placeholders = (meta.data?.[1].placeholders ?? []).filter((p) => allowed.includes(p.name));
  const fieldErrors = error ? fieldErrorsOf(error) : {};

  const count = async (ex: number[] = excluded) => {
    setError(null);
    try {
      setPreview(
        await mailingsApi.preview(
          selectionOf(
            filter,
            ex,
            picked.map((p) => p.id),
          ),
        ),
      );
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (id: number, keep: boolean) => {
    const next = keep ? excluded.filter((x) => x !== id) : [...excluded, id];
    setExcluded(next);
    void count(next);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const m = await mailingsApi.send(
        {
          subject,
          body,
          sender_name: sender,
          filter: selectionOf(
            filter,
            excluded,
            picked.map((p) => p.id),
          ),
        },
        files,
      );
      setSent((s) => [m.id, ...s]);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };
  const set = (k: Exclude<keyof FilterForm, 'product_id'>) => (v: string) => {
    setFilter((f) => ({ ...f, [k]: v }));
    setPreview(null);
  };
  const months = Array.from({ length: 12 }, (_, i) => i + 1);

  return (
    <>
      <PageHeader title={t('mailings.title')} />
      {error && !Object.keys(fieldErrors).length ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {sent.map((id) => (
        <MailingProgress key={id} id={id} />
      ))}
      <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="mailing-who">
        <h2 id="mailing-who">{t('mailings.who')}</h2>
        <div className="form-grid">
          <SelectField
            label={t('mailings.branch')}
            value={filter.branch_id}
            disabled={isSupervisor}
            error={fieldErrors['filter.branch_id']}
            onChange={(e) => set('branch_id')(e.target.value)}
          >
            <option value="">{t('mailings.any')}</option>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('mailings.owner')}
            value={filter.owner_id}
            onChange={(e) => set('owner_id')(e.target.value)}
          >
            <option value="">{t('mailings.any')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('mailings.kind')} value={filter.kind} onChange={(e) => set('kind')(e.target.value)}>
            <option value="">{t('mailings.any')}</option>
            <option value="customer">{t('mailings.kindCustomer')}</option>
            <option value="prospect">{t('mailings.kindProspect')}</option>
            <option value="supplier">{t('mailings.kindSupplier')}</option>
          </SelectField>
          <SelectField
            label={t('mailings.category')}
            value={filter.category}
            onChange={(e) => set('category')(e.target.value)}
          >
            <option value="">{t('mailings.any')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('mailings.birthdayMonth')}
            value={filter.birthday_month}
            error={fieldErrors['filter.birthday_month']}
            onChange={(e) => set('birthday_month')(e.target.value)}
          >
            <option value="">{t('mailings.any')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, m - 1, 1))}
              </option>
            ))}
          </SelectField>
          <CatalogCodeField
            id="mailing-product"
            label={t('mailings.product')}
            value={productCode}
            error={fieldErrors['filter.product_id']}
            onChange={(code) => {
              setProductCode(code);
              if (!code) setFilter((f) => ({ ...f, product_id: null }));
              setPreview(null);
            }}
            onPick={(item) => setFilter((f) => ({ ...f, product_id: item.id }))}
          />
        </div>
        <PartyPicker
          label={t('mailings.pick')}
          value={null}
          error={fieldErrors['filter.party_ids']}
          onChange={(p) => {
            if (p && !picked.some((x) => x.id === p.id)) setPicked([...picked, { id: p.id, name: p.name }]);
            setPreview(null);
          }}
        />
        {picked.length ? (
          <>
            <p className="field-hint">{t('mailings.pickedHint')}</p>
            <ul className="chips">
              {picked.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="chip"
                    aria-label={t('mailings.unpick', { name: p.name })}
                    onClick={() => {
                      setPicked(picked.filter((x) => x.id !== p.id));
                      setPreview(null);
                    }}
                  >
                    {p.name} ×
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <button type="button" className="btn" onClick={() => void count()}>
          {t('mailings.count')}
        </button>
        {preview ? (
          <>
            <p role="status">{t('mailings.recipients', { count: preview.count })}</p>
            <ul className="mailing-pick">
              {preview.items.map((p) => (
                <li key={p.id}>
                  <CheckboxField
                    label={`${p.name} <${p.email || '—'}>${p.opted_out ? ` (${t('mailings.optedOut')})` : ''}`}
                    checked={!excluded.includes(p.id)}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                  />
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>{t('mailings.message')}</h2>
        <SelectField label={t('mailings.sender')} value={sender} onChange={(e) => setSender(e.target.value)}>
          {(meta.data?.[0].senders ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField
          id="mailing-subject"
          label={t('mailings.subject')}
          required
          value={subject}
          error={fieldErrors.subject}
          onChange={(e) => setSubject(e.target.value)}
        />
        <TextArea
          id="mailing-body"
          label={t('mailings.body')}
          required
          rows={8}
          value={body}
          error={fieldErrors.body}
          onChange={(e) => setBody(e.target.value)}
        />
        <button type="button" className="btn btn-link" onClick={() => setShowPlaceholders((v) => !v)}>
          {t('mailings.variables')}
        </button>
        {showPlaceholders ? (
          <PlaceholderList
            placeholders={placeholders}
            onInsert={(token) => insertIntoField('mailing-body', body, token, setBody)}
          />
        ) : null}
        <TextField
          type="file"
          multiple
          label={t('mailings.attachments')}
          error={fieldErrors.attachments}
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
        <button type="submit" className="btn btn-primary" disabled={sending}>
          {t('mailings.send')}
        </button>
      </form>

      <section className="panel" aria-labelledby="mailing-history">
        <h2 id="mailing-history">{t('mailings.history')}</h2>
        <div className="grid-wrap">
          <table className="grid">
            <thead>
              <tr>
                <th>{t('mailings.subject')}</th>
                <th>{t('mailings.sentAt')}</th>
                {STATUSES.map((s) => (
                  <th key={s}>{t(`mailings.status.${s}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(history.data ?? []).map((m) => (
                <tr key={m.id}>
                  <td>{m.subject}</td>
                  <td>{formatInstant(m.created_at, locale, timeZone)}</td>
                  {STATUSES.map((s) => (
                    <td key={s}>{m.counts[s]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
