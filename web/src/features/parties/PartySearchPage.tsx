// Find a customer, supplier or prospect by code or name [001][003].
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Party, PartyKind } from '../../shared/api/types';
import { SelectField, TextField } from '../../shared/components/Field';
import { GridTable } from '../../shared/components/GridTable';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage } from '../../shared/components/errors';
import { useI18n } from '../../shared/i18n/i18n';
import { hasRight } from '../../shared/rights';
import { Link, navigate, openRow, useSearchParams } from '../../shared/router';
import { useMe } from '../../shared/session';
import { PARTY_KINDS } from './partyForm';

export function PartySearchPage() {
  const { t } = useI18n();
  const me = useMe();
  const params = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = (params.get('kind') ?? '') as PartyKind | '';
  const [text, setText] = useState(q);
  const [k, setK] = useState<PartyKind | ''>(kind);
  const [items, setItems] = useState<Party[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    setItems(null);
    setError(null);
    api.parties(q, kind, 100).then(
      (list) => alive && setItems(list),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [q, kind]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (text.trim()) p.set('q', text.trim());
    if (k) p.set('kind', k);
    const s = p.toString();
    navigate(`/parties${s ? `?${s}` : ''}`, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('parties.title')}>
        <Link to="/parties/new" className="btn btn-primary">
          {t('common.add')}
        </Link>
        {hasRight(me, 'create_documents') ? (
          <Link to="/documents/import?kind=parties" className="btn">
            {t('import.open')}
          </Link>
        ) : null}
      </PageHeader>
      <form className="search-bar" role="search" onSubmit={submit} aria-label={t('parties.search')}>
        <TextField
          id="party-q"
          label={t('parties.search')}
          type="search"
          value={text}
          placeholder={t('party.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          id="party-kind"
          label={t('parties.kind')}
          value={k}
          onChange={(e) => setK(e.target.value as PartyKind | '')}
        >
          <option value="">{t('common.any')}</option>
          {PARTY_KINDS.map((x) => (
            <option key={x} value={x}>
              {t(`party.kind.${x}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary">
          {t('parties.searchButton')}
        </button>
      </form>
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {items === null && !error ? <Loading /> : null}
      {items && items.length === 0 ? <p className="empty">{t('party.noMatches')}</p> : null}
      {items && items.length ? (
        <GridTable
          caption={t('parties.title')}
          columns={[t('party.code'), t('party.name'), t('parties.kind'), t('contact.phone'), t('contact.email')]}
        >
          {items.map((p) => (
            <tr key={p.id} className="row" onClick={openRow(`/parties/${p.id}`)}>
              <td data-label={t('party.code')} className="code">
                {p.code}
              </td>
              <td data-label={t('party.name')}>
                <Link to={`/parties/${p.id}`}>{p.name}</Link>
              </td>
              <td data-label={t('parties.kind')}>{t(`party.kind.${p.kind}`)}</td>
              <td data-label={t('contact.phone')}>{p.phone}</td>
              <td data-label={t('contact.email')}>{p.email}</td>
            </tr>
          ))}
        </GridTable>
      ) : null}
    </>
  );
}
