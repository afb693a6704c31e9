// A party's page: its data and contact persons, all its follow-ups (open and closed) and
// the "Follow Up" button that starts a new one for it [001].
import { useEffect, useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { FollowupSummary } from '../../shared/api/types';
import { FollowupGrid, sortRows, type SortState } from '../../shared/components/FollowupGrid';
import { Legend } from '../../shared/components/StateBadge';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, telLink, whatsappLink } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { branchName, nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';

export function PartyPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { users, branches, categories } = useTables();
  const party = useAsync(() => api.party(id), [id]);
  const [followups, setFollowups] = useState<FollowupSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [fuError, setFuError] = useState<unknown>(null);
  const [sort, setSort] = useState<SortState>({ key: 'next_due_date', dir: 'asc' });

  const loadFollowups = (next: string | null) =>
    api.followups({ party_id: id, status: 'all', limit: 100 }, next).then(
      (page) => {
        setFollowups((old) => (next && old ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
      },
      (e: unknown) => setFuError(e),
    );

  useEffect(() => {
    setFollowups(null);
    void loadFollowups(null);
  }, [id]);

  if (party.error) return <Notice kind="error">{errorMessage(party.error, t)}</Notice>;
  if (!party.data) return <Loading />;
  const p = party.data;
  const rows = followups
    ? sortRows(followups, sort, { owner: (u) => userName(users, u), category: (c) => nameOf(categories, c) }, locale)
    : [];

  return (
    <>
      <PageHeader title={`${p.code} — ${p.name}`}>
        <Link to={`/followups/new?party_id=${p.id}`} className="btn btn-primary">
          {t('party.followUpButton')}
        </Link>
        <Link to={`/documents?party_id=${p.id}`} className="btn">
          {t('party.documents')}
        </Link>
      </PageHeader>
      <div className="detail-layout">
        <section className="panel" aria-labelledby="party-data">
          <h2 id="party-data">{t('party.data')}</h2>
          <dl className="data-list">
            <dt>{t('party.code')}</dt>
            <dd className="code">{p.code}</dd>
            <dt>{t('parties.kind')}</dt>
            <dd>{t(`party.kind.${p.kind}`)}</dd>
            <dt>{t('contact.email')}</dt>
            <dd>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '—'}</dd>
            <dt>{t('contact.phone')}</dt>
            <dd>{p.phone ? <a href={telLink(p.phone)}>{p.phone}</a> : '—'}</dd>
            <dt>{t('contact.whatsappLabel')}</dt>
            <dd>
              {p.whatsapp ? (
                <a href={whatsappLink(p.whatsapp)} target="_blank" rel="noopener noreferrer">
                  {p.whatsapp}
                </a>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('party.birthday')}</dt>
            <dd>{p.birthday ? formatDate(p.birthday, locale) : '—'}</dd>
            <dt>{t('filters.branch')}</dt>
            <dd>{branchName(branches, p.branch_id) || '—'}</dd>
            <dt>{t('followup.owner')}</dt>
            <dd>{userName(users, p.owner_id) || '—'}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="party-contacts">
          <h2 id="party-contacts">{t('party.contacts')}</h2>
          {p.contacts.length === 0 ? (
            <p className="empty">{t('party.noContacts')}</p>
          ) : (
            <ul className="contacts">
              {p.contacts.map((c, i) => (
                <li key={i}>
                  <strong>{c.name}</strong>
                  {c.phone ? <a href={telLink(c.phone)}>{c.phone}</a> : null}
                  {c.whatsapp ? (
                    <a href={whatsappLink(c.whatsapp)} target="_blank" rel="noopener noreferrer">
                      WhatsApp {c.whatsapp}
                    </a>
                  ) : null}
                  {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
                  {c.birthday ? <span>{t('party.contactBirthday', { date: formatDate(c.birthday, locale) })}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="party-followups" className="section">
        <h2 id="party-followups">{t('party.followups')}</h2>
        <Legend />
        {fuError ? <Notice kind="error">{errorMessage(fuError, t)}</Notice> : null}
        {followups === null && !fuError ? <Loading /> : null}
        {followups && followups.length === 0 ? <p className="empty">{t('party.noFollowups')}</p> : null}
        {rows.length ? (
          <FollowupGrid
            items={rows}
            sort={sort}
            hideParty
            caption={t('party.followups')}
            onSort={(key) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))}
            footer={
              cursor ? (
                <div className="grid-footer">
                  <button type="button" className="btn" onClick={() => void loadFollowups(cursor)}>
                    {t('followups.loadMore')}
                  </button>
                </div>
              ) : null
            }
          />
        ) : null}
      </section>
    </>
  );
}
