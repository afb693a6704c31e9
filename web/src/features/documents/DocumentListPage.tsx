// Sales documents from the ERP (quotes, sales orders, sales, service orders), newest
// first: filtered by kind, text and party (kept in the URL), pages by cursor. Admins and
// supervisors add one or import a CSV file.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { DocumentFilters, DocumentKind, PartyRef } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { GridTable } from '../../shared/components/GridTable';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { PagesFooter } from '../../shared/components/PagesFooter';
import { PartyPicker } from '../../shared/components/PartyPicker';
import { errorMessage } from '../../shared/components/errors';
import { formatDate } from '../../shared/format';
import { usePages } from '../../shared/hooks/usePages';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, openRow, useLocation } from '../../shared/router';
import { useMe } from '../../shared/session';
import { DocumentStatusBadge } from './StatusBadge';
import { DOCUMENT_KINDS, canWriteDocuments } from './kinds';
import './documents.css';

const PAGE = 50;

export function documentFiltersFrom(search: string): DocumentFilters {
  const p = new URLSearchParams(search);
  const f: DocumentFilters = {};
  const kind = p.get('kind');
  if (kind && (DOCUMENT_KINDS as string[]).includes(kind)) f.kind = kind as DocumentKind;
  const q = p.get('q')?.trim();
  if (q) f.q = q;
  const party = Number(p.get('party_id'));
  if (Number.isInteger(party) && party > 0) f.party_id = party;
  return f;
}

export function searchOfDocumentFilters(f: DocumentFilters): string {
  const p = new URLSearchParams();
  if (f.kind) p.set('kind', f.kind);
  if (f.q) p.set('q', f.q);
  if (f.party_id) p.set('party_id', String(f.party_id));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function DocumentListPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => documentFiltersFrom(search), [search]);
  const [kind, setKind] = useState<DocumentKind | ''>(filters.kind ?? '');
  const [text, setText] = useState(filters.q ?? '');
  const [party, setParty] = useState<PartyRef | null>(null);
  const writer = canWriteDocuments(me);

  useEffect(() => {
    setKind(filters.kind ?? '');
    setText(filters.q ?? '');
    if (!filters.party_id) setParty(null);
    else if (party?.id !== filters.party_id)
      api.party(filters.party_id).then(
        (r) => setParty(r.party),
        () => setParty(null),
      );
  }, [filters]);

  const pages = usePages((cursor) => api.documents({ ...filters, limit: PAGE }, cursor), filters);
  const { items, loading, error } = pages;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(
      `/documents${searchOfDocumentFilters({ kind: kind || undefined, q: text.trim() || undefined, party_id: party?.id })}`,
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader title={t('documents.title')}>
        {writer ? (
          <>
            <Link to="/documents/new" className="btn btn-primary">
              {t('common.add')}
            </Link>
            <Link to="/documents/import" className="btn">
              {t('import.open')}
            </Link>
          </>
        ) : null}
      </PageHeader>
      <form
        className="search-bar doc-filters"
        role="search"
        onSubmit={apply}
        aria-label={t('filters.title')}
        noValidate
      >
        <SelectField
          id="doc-kind"
          label={t('document.kindLabel')}
          value={kind}
          onChange={(e) => setKind(e.target.value as DocumentKind | '')}
        >
          <option value="">{t('common.any')}</option>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`document.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="doc-q"
          label={t('documents.search')}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <PartyPicker id="doc-party" label={t('grid.party')} value={party} onChange={setParty} />
        <div className="filters-buttons">
          <button type="submit" className="btn btn-primary">
            {t('filters.apply')}
          </button>
          <button type="button" className="btn" onClick={() => navigate('/documents', { replace: true })}>
            {t('filters.clear')}
          </button>
        </div>
      </form>
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {!loading && !error && items.length === 0 ? <p className="empty">{t('documents.empty')}</p> : null}
      {items.length ? (
        <GridTable
          caption={t('documents.title')}
          columns={[
            t('document.kindLabel'),
            t('document.number'),
            t('document.date'),
            t('grid.party'),
            t('document.status'),
            { label: t('document.itemCount'), num: true },
          ]}
          footer={<PagesFooter shown={t('documents.shown', { count: items.length })} pages={pages} />}
        >
          {items.map((d) => (
            <tr key={d.id} className="row" onClick={openRow(`/documents/${d.id}`)}>
              <td data-label={t('document.kindLabel')}>{t(`document.kind.${d.kind}`)}</td>
              <td data-label={t('document.number')}>
                <Link
                  to={`/documents/${d.id}`}
                  className="code"
                  aria-label={t('documents.openDocument', { kind: t(`document.kind.${d.kind}`), number: d.number })}
                >
                  {d.number}
                </Link>
              </td>
              <td data-label={t('document.date')}>{formatDate(d.date, locale)}</td>
              <td data-label={t('grid.party')}>
                <span className="code">{d.party.code}</span> {d.party.name}
              </td>
              <td data-label={t('document.status')}>
                <DocumentStatusBadge status={d.status} />
              </td>
              <td data-label={t('document.itemCount')} className="num">
                {d.items?.length ?? 0}
              </td>
            </tr>
          ))}
        </GridTable>
      ) : null}
      {loading ? <Loading /> : null}
    </>
  );
}
