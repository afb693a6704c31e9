// Products and services (admins): the catalogue the sales documents name by code, and for
// each item "follow-up after N days" (manual 002) with the template of the follow-up it
// creates: subject, category, contact type and a message with placeholders (#{cliente}…).
// A chunk of its own, loaded when the section is first opened.
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type {
  CatalogInput,
  CatalogItem,
  CatalogKind,
  CatalogPatch,
  CodeItem,
  FollowupTemplate,
} from '../../shared/api/types';
import { CheckboxField, SelectField, TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { GridTable } from '../../shared/components/GridTable';
import { Notice } from '../../shared/components/Notice';
import { PlaceholderList, insertIntoField } from '../../shared/components/Placeholders';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { nameOf, offered, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { EditCell, EditPanel } from './EditPanel';

export const CATALOG_KINDS: CatalogKind[] = ['product', 'service'];

export interface CatalogForm {
  code: string;
  kind: CatalogKind;
  name: string;
  active: boolean;
  followup_days: string;
  subject: string;
  category: string;
  type: string;
  message: string;
}

export function catalogFormOf(c: CatalogItem | null, categories: CodeItem[], contactTypes: CodeItem[]): CatalogForm {
  return {
    code: c?.code ?? '',
    kind: c?.kind ?? 'product',
    name: c?.name ?? '',
    active: c?.active ?? true,
    followup_days: c?.followup_days ? String(c.followup_days) : '',
    subject: c?.followup.subject ?? '',
    category: c ? c.followup.category : (offered(categories)[0]?.code ?? ''),
    type: c ? c.followup.type : (offered(contactTypes)[0]?.code ?? ''),
    message: c?.followup.message ?? '',
  };
}

/** The body to send: everything for a new item, only the changes for an existing one. */
export function catalogBody(form: CatalogForm, original: CatalogItem | null): CatalogInput | CatalogPatch {
  const days = form.followup_days.trim() === '' ? null : Number(form.followup_days);
  const full: CatalogInput & { followup: FollowupTemplate } = {
    code: form.code.trim(),
    kind: form.kind,
    name: form.name.trim(),
    active: form.active,
    followup_days: days,
    followup: { subject: form.subject.trim(), category: form.category, type: form.type, message: form.message },
  };
  if (!original) return full;
  const patch: CatalogPatch = {};
  if (full.code !== original.code) patch.code = full.code;
  if (full.kind !== original.kind) patch.kind = full.kind;
  if (full.name !== original.name) patch.name = full.name;
  if (full.active !== original.active) patch.active = full.active;
  if (full.followup_days !== original.followup_days) patch.followup_days = full.followup_days;
  const a = full.followup;
  const b = original.followup;
  if (a.subject !== b.subject || a.category !== b.category || a.type !== b.type || a.message !== b.message)
    patch.followup = a;
  return patch;
}

export function CatalogAdmin() {
  const { t } = useI18n();
  const [query, setQuery] = useState<{ q: string; kind: CatalogKind | '' }>({ q: '', kind: '' });
  const [text, setText] = useState('');
  const [kind, setKind] = useState<CatalogKind | ''>('');
  const list = useAsync(() => api.catalog(query.q, query.kind), [query.q, query.kind]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ q: text.trim(), kind });
  };

  const searchForm = (
    <>
      <p className="field-hint">{t('catalog.intro')}</p>
      <form className="search-bar" role="search" onSubmit={search} aria-label={t('filters.title')}>
        <TextField
          id="catalog-q"
          label={t('catalog.search')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          id="catalog-kind"
          label={t('catalog.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as CatalogKind | '')}
        >
          <option value="">{t('common.any')}</option>
          {CATALOG_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`catalog.kindName.${k}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary">
          {t('filters.apply')}
        </button>
      </form>
    </>
  );

  return (
    <EditPanel<CatalogItem>
      titleId="catalog-title"
      title={t('catalog.title')}
      list={list}
      top={searchForm}
      dialog={(item, close, saved) => (
        <CatalogDialog item={item} onClose={close} onSaved={(c) => saved(t('catalog.saved', { name: c.name }))} />
      )}
    >
      {(edit) => (
        <>
          {list.data && list.data.length === 0 ? <p className="empty">{t('catalog.empty')}</p> : null}
          {list.data && list.data.length ? <CatalogTable items={list.data} onEdit={edit} /> : null}
        </>
      )}
    </EditPanel>
  );
}

function CatalogTable({ items, onEdit }: { items: CatalogItem[]; onEdit: (c: CatalogItem) => void }) {
  const { t } = useI18n();
  const { categories } = useTables();
  return (
    <GridTable
      caption={t('catalog.title')}
      columns={[
        t('admin.code'),
        t('catalog.kind'),
        t('admin.name'),
        t('catalog.active'),
        t('catalog.followupDays'),
        t('followup.category'),
        { label: t('common.actions'), hidden: true },
      ]}
    >
      {items.map((c) => (
        <tr key={c.id} className={c.active ? '' : 'inactive'}>
          <td data-label={t('admin.code')} className="code">
            {c.code}
          </td>
          <td data-label={t('catalog.kind')}>{t(`catalog.kindName.${c.kind}`)}</td>
          <td data-label={t('admin.name')}>{c.name}</td>
          <td data-label={t('catalog.active')}>{c.active ? t('common.yes') : t('common.no')}</td>
          <td data-label={t('catalog.followupDays')}>
            {c.followup_days ? t('catalog.afterDays', { count: c.followup_days }) : t('catalog.noFollowup')}
          </td>
          <td data-label={t('followup.category')}>{c.followup_days ? nameOf(categories, c.followup.category) : '—'}</td>
          <EditCell label={t('catalog.edit', { name: c.name })} onClick={() => onEdit(c)} />
        </tr>
      ))}
    </GridTable>
  );
}

function CatalogDialog({
  item,
  onClose,
  onSaved,
}: {
  item: CatalogItem | null;
  onClose: () => void;
  onSaved: (c: CatalogItem) => void;
}) {
  const { t } = useI18n();
  const { categories, contactTypes } = useTables();
  const placeholders = useAsync(() => api.templates().then((r) => r.placeholders), []);
  const [form, setForm] = useState<CatalogForm>(() => catalogFormOf(item, categories, contactTypes));
  const [lastField, setLastField] = useState<'cat-subject' | 'cat-message'>('cat-message');
  const { errors, setErrors, error, setError, busy, send, markDirty } = useSubmit();
  const set = <K extends keyof CatalogForm>(k: K, v: CatalogForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  // The tables may arrive after the dialog opened: a new item starts on the first ones.
  const category = form.category || (item ? '' : (offered(categories)[0]?.code ?? ''));
  const type = form.type || (item ? '' : (offered(contactTypes)[0]?.code ?? ''));
  const withFollowup = form.followup_days.trim() !== '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const req = t('validation.required');
    const local: Record<string, string> = {};
    if (!form.code.trim()) local.code = req;
    if (!form.name.trim()) local.name = req;
    if (withFollowup) {
      const n = Number(form.followup_days);
      if (!Number.isInteger(n) || n < 1 || n > 3650) local.followup_days = t('catalog.daysRange');
      if (!form.subject.trim()) local['followup.subject'] = req;
      if (!category) local['followup.category'] = req;
      if (!type) local['followup.type'] = req;
    }
    setErrors(local);
    if (Object.keys(local).length) {
      setError(t('validation.fixFields'));
      return;
    }
    await send(async () => {
      const body = catalogBody({ ...form, category, type }, item);
      const saved = item
        ? await api.patchCatalogItem(item.id, body)
        : await api.createCatalogItem(body as CatalogInput);
      onSaved(saved);
    });
  };

  const insert = (token: string) => {
    const key = lastField === 'cat-subject' ? 'subject' : 'message';
    insertIntoField(lastField, form[key], token, (v) => set(key, v));
  };

  return (
    <FormDialog
      title={item ? t('catalog.edit', { name: item.name }) : t('catalog.new')}
      onClose={onClose}
      wide
      formId="catalog-form"
      busy={busy}
    >
      <form onChange={markDirty} id="catalog-form" onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="form-row">
          <TextField
            id="cat-code"
            label={t('admin.code')}
            value={form.code}
            required
            maxLength={60}
            autoComplete="off"
            onChange={(e) => set('code', e.target.value)}
            error={errors.code}
          />
          <SelectField
            id="cat-kind"
            label={t('catalog.kind')}
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as CatalogKind)}
            error={errors.kind}
          >
            {CATALOG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`catalog.kindName.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          id="cat-name"
          label={t('admin.name')}
          value={form.name}
          required
          maxLength={200}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <div className="form-row">
          <CheckboxField
            id="cat-active"
            label={t('catalog.activeLabel')}
            checked={form.active}
            onChange={(e) => set('active', e.target.checked)}
            error={errors.active}
          />
          <TextField
            id="cat-days"
            label={t('catalog.followupDays')}
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            className="field-narrow"
            value={form.followup_days}
            onChange={(e) => set('followup_days', e.target.value)}
            error={errors.followup_days}
            hint={t('catalog.followupDaysHint')}
          />
        </div>
        <fieldset className="fieldset">
          <legend>{t('catalog.template')}</legend>
          <p className="field-hint">{t('catalog.templateHint')}</p>
          <TextField
            id="cat-subject"
            label={t('followup.subject')}
            value={form.subject}
            required={withFollowup}
            maxLength={200}
            onFocus={() => setLastField('cat-subject')}
            onChange={(e) => set('subject', e.target.value)}
            error={errors['followup.subject']}
          />
          <div className="form-row">
            <SelectField
              id="cat-category"
              label={t('followup.category')}
              value={category}
              required={withFollowup}
              onChange={(e) => set('category', e.target.value)}
              error={errors['followup.category']}
            >
              <option value="">{t('common.choose')}</option>
              {category && !categories.some((c) => c.code === category) ? (
                <option value={category}>{category}</option>
              ) : null}
              {offered(categories, (c) => c.code === category).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="cat-type"
              label={t('action.type')}
              value={type}
              required={withFollowup}
              onChange={(e) => set('type', e.target.value)}
              error={errors['followup.type']}
            >
              <option value="">{t('common.choose')}</option>
              {type && !contactTypes.some((c) => c.code === type) ? <option value={type}>{type}</option> : null}
              {offered(contactTypes, (c) => c.code === type).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
          <TextArea
            id="cat-message"
            label={t('action.message')}
            rows={5}
            className="field-mono"
            value={form.message}
            onFocus={() => setLastField('cat-message')}
            onChange={(e) => set('message', e.target.value)}
            error={errors['followup.message']}
          />
          <PlaceholderList placeholders={placeholders.data ?? []} onInsert={insert} />
        </fieldset>
      </form>
    </FormDialog>
  );
}
