// A party's page: its data and contact persons, all its follow-ups (open and closed) and
// the "Follow Up" button that starts a new one for it [001]. Its owner, a supervisor of
// its branch or an admin may edit it here: only the changed fields are sent, with
// If-Match; a stale edit is refused and the user is offered a reload.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { FollowupSummary, Party } from '../../shared/api/types';
import { FollowupGrid, sortRows, type SortState } from '../../shared/components/FollowupGrid';
import { Legend } from '../../shared/components/StateBadge';
import { Loading } from '../../shared/components/Spinner';
import { Notice, StaleNotice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatTaxId, telLink, whatsappLink } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { branchName, nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useMe } from '../../shared/session';
import { ownerChoices } from '../../entities/user/owners';
import { PartyFields } from './PartyFields';
import { PersonalDataPanel } from './PersonalDataPanel';
import { PartyMailings } from '../../entities/mailing/PartyMailings';
import { canEditParty, checkPartyForm, diffPartyPatch, partyFormOf, type PartyFormState } from './partyForm';

export function PartyPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { users, branches, categories } = useTables();
  const [party, setParty] = useState<Party | null>(null);
  const [etag, setEtag] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  /** The edit form's state; null while the page only shows the party. */
  const [form, setForm] = useState<PartyFormState | null>(null);
  const [stale, setStale] = useState(false);
  const [notice, setNotice] = useState('');
  const {
    errors,
    setErrors,
    error: saveError,
    setError: setSaveError,
    busy,
    send,
    markDirty,
    markSaved,
  } = useSubmit({ staysOpen: true });
  const formRef = useRef<HTMLFormElement>(null);
  const [followups, setFollowups] = useState<FollowupSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [fuError, setFuError] = useState<unknown>(null);
  const [sort, setSort] = useState<SortState>({ key: 'next_due_date', dir: 'asc' });

  const load = async () => {
    try {
      const r = await api.party(id);
      setParty(r.party);
      setEtag(r.etag);
      setLoadError(null);
      return r.party;
    } catch (err) {
      setLoadError(err);
      return null;
    }
  };

  const loadFollowups = (next: string | null) =>
    api.followups({ party_id: id, status: 'all', limit: 100 }, next).then(
      (page) => {
        setFollowups((old) => (next && old ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
        setFuError(null);
      },
      (e: unknown) => setFuError(e),
    );

  useEffect(() => {
    void load();
    setFollowups(null);
    void loadFollowups(null);
  }, [id]);

  const editing = form !== null;
  useEffect(() => {
    if (editing) formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [editing]);

  if (loadError && !party) return <Notice kind="error">{errorMessage(loadError, t)}</Notice>;
  if (!party) return <Loading />;
  const p = party;
  const rows = followups
    ? sortRows(followups, sort, { owner: (u) => userName(users, u), category: (c) => nameOf(categories, c) }, locale)
    : [];

  /** Opens the form on `fresh` (null closes it), without the errors of the last try. */
  const showForm = (fresh: Party | null) => {
    setForm(fresh && partyFormOf(fresh));
    markSaved();
    setErrors({});
    setSaveError('');
    setStale(false);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const local = checkPartyForm(form, t);
    setErrors(local);
    setSaveError('');
    if (Object.keys(local).length) return;
    const patch = diffPartyPatch(p, form);
    if (!Object.keys(patch).length) {
      showForm(null);
      setNotice(t('party.noChanges'));
      return;
    }
    await send(async () => {
      try {
        const r = await api.updateParty(p.id, etag, patch);
        setParty(r.party);
        setEtag(r.etag);
        showForm(null);
        setNotice(t('party.saved'));
        // A changed birthday moves the party's birthday follow-up.
        void loadFollowups(null);
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) setStale(true);
        else throw err;
      }
    });
  };

  const reloadAfterConflict = async () => {
    const fresh = await load();
    if (!fresh) return;
    showForm(fresh);
    setNotice(t('party.reloaded'));
  };

  return (
    <>
      <PageHeader title={`${p.code} — ${p.name}`}>
        {form ? (
          <>
            <button type="submit" form="party-edit" className="btn btn-primary" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" className="btn" onClick={() => showForm(null)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <>
            <Link to={`/followups/new?party_id=${p.id}`} className="btn btn-primary">
              {t('party.followUpButton')}
            </Link>
            <Link to={`/documents?party_id=${p.id}`} className="btn">
              {t('party.documents')}
            </Link>
            {canEditParty(me.user, p) ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setNotice('');
                  showForm(p);
                }}
              >
                {t('party.edit')}
              </button>
            ) : null}
          </>
        )}
      </PageHeader>
      {stale ? (
        <StaleNotice
          text={t('party.stale')}
          reloadLabel={t('party.reload')}
          onReload={() => void reloadAfterConflict()}
        />
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {form ? (
        <section className="panel" aria-labelledby="party-edit-title">
          <h2 id="party-edit-title">{t('party.editTitle')}</h2>
          {saveError ? <Notice kind="error">{saveError}</Notice> : null}
          <form onChange={markDirty} id="party-edit" ref={formRef} onSubmit={save} noValidate>
            <PartyFields
              idPrefix="pe"
              value={form}
              onChange={setForm}
              errors={errors}
              assignment={{ branches, owners: ownerChoices(me.user, users, p.owner_id) }}
            />
          </form>
        </section>
      ) : (
        <PartyData p={p} />
      )}
      {!form && me.user.role === 'admin' ? (
        <PersonalDataPanel
          party={p}
          onAnonymised={(np) => {
            setParty(np);
            setEtag(`"${np.version}"`);
            void loadFollowups(null);
          }}
        />
      ) : null}
      {!form && (me.user.role === 'admin' || me.user.role === 'supervisor') ? (
        <PartyMailings partyId={p.id} timeZone={me.user.time_zone || me.settings.time_zone} />
      ) : null}
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

/** The party's data and its contact persons, as read. */
function PartyData({ p }: { p: Party }) {
  const { t, locale } = useI18n();
  const { users, branches } = useTables();
  return (
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
          <dt>{p.tax_id_kind ? t(`party.taxIdKind.${p.tax_id_kind}`) : t('party.taxId')}</dt>
          <dd>{p.tax_id ? formatTaxId(p.tax_id, p.tax_id_kind) : '—'}</dd>
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
                {c.birthday ? (
                  <span>{t('party.contactBirthday', { date: formatDate(c.birthday, locale) })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
