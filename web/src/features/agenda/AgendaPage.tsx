// My returns: today's returns first (where the return alert's "Yes" lands), the overdue
// ones next in their own section, then the upcoming ones; one click opens the follow-up,
// one action completes a return and chains the next [004], another reschedules; phone and
// WhatsApp links from the contact data. Each section shows a page of rows at a time, so
// a phone or a branch with hundreds of returns gets a short page, and says how many
// there are in all.
import { useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { AgendaItem, AgendaScope, AgendaWhen } from '../../shared/api/types';
import { Legend, StateBadge } from '../../shared/components/StateBadge';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { SelectField } from '../../shared/components/Field';
import { errorMessage } from '../../shared/components/errors';
import { ExportMenu } from '../../shared/components/ExportMenu';
import { ContactLinks } from '../../shared/components/ContactLinks';
import { AutomaticOriginBadge } from '../../shared/components/OriginBadge';
import { formatDate, formatTime } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe } from '../../shared/session';
import { scopesFor } from '../../entities/user/scopes';
import { CompleteDialog } from '../../entities/action/CompleteDialog';
import { RescheduleDialog } from '../../entities/action/RescheduleDialog';
import { hasRight } from '../../shared/rights';

const SECTIONS: AgendaWhen[] = ['today', 'overdue', 'upcoming'];

/** Rows shown per section before "Show more". */
export const AGENDA_PAGE = 25;
/** The server answers at most this many returns per section. */
const SERVER_LIMIT = 500;

export function AgendaPage() {
  const { t } = useI18n();
  const me = useMe();
  const params = useSearchParams();
  const scopes = scopesFor(me.user.role);
  const requested = params.get('scope') as AgendaScope | null;
  const scope: AgendaScope = requested && scopes.includes(requested) ? requested : 'mine';
  const [notice, setNotice] = useState('');
  const [completing, setCompleting] = useState<AgendaItem | null>(null);
  const [rescheduling, setRescheduling] = useState<AgendaItem | null>(null);

  const data = useAsync(
    () =>
      Promise.all(SECTIONS.map((w) => api.agenda(scope, w))).then(
        (lists) =>
          Object.fromEntries(SECTIONS.map((w, i) => [w, lists[i]])) as Record<
            'overdue' | 'today' | 'upcoming',
            AgendaItem[]
          >,
      ),
    [scope],
  );

  const done = (message: string) => {
    setCompleting(null);
    setRescheduling(null);
    setNotice(message);
    data.reload();
  };

  return (
    <>
      <PageHeader title={t('agenda.title')}>
        {scopes.length > 1 ? (
          <SelectField
            label={t('agenda.scope')}
            className="field-inline"
            value={scope}
            onChange={(e) => navigate(`/agenda?scope=${e.target.value}`, { replace: true })}
          >
            {scopes.map((s) => (
              <option key={s} value={s}>
                {t(`agenda.scope.${s}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Link to="/followups/new" className="btn btn-primary">
          {t('common.add')}
        </Link>
      </PageHeader>
      <Legend />
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {data.error ? <Notice kind="error">{errorMessage(data.error, t)}</Notice> : null}
      {data.loading && !data.data ? <Loading /> : null}
      {data.data
        ? SECTIONS.map((w) => (
            <AgendaSection
              key={w}
              scope={scope}
              when={w}
              items={data.data![w as 'overdue' | 'today' | 'upcoming']}
              showAssignee={scope !== 'mine'}
              onComplete={setCompleting}
              onReschedule={setRescheduling}
            />
          ))
        : null}
      {completing ? (
        <CompleteDialog
          action={completing}
          subject={completing.followup.subject}
          onClose={() => setCompleting(null)}
          onDone={() => done(t('complete.done'))}
        />
      ) : null}
      {rescheduling ? (
        <RescheduleDialog
          action={rescheduling}
          onClose={() => setRescheduling(null)}
          onDone={() => done(t('reschedule.done'))}
        />
      ) : null}
    </>
  );
}

interface SectionProps {
  scope: AgendaScope;
  when: AgendaWhen;
  items: AgendaItem[];
  showAssignee: boolean;
  onComplete: (a: AgendaItem) => void;
  onReschedule: (a: AgendaItem) => void;
}

function AgendaSection({ scope, when, items, showAssignee, onComplete, onReschedule }: SectionProps) {
  const me = useMe();
  const { t, locale } = useI18n();
  const { contactTypes, users } = useTables();
  const [limit, setLimit] = useState(AGENDA_PAGE);
  const headingId = `agenda-${when}`;
  const capped = items.length >= SERVER_LIMIT;
  const total = capped ? t('agenda.countCapped', { count: items.length }) : String(items.length);
  const shown = items.slice(0, limit);
  return (
    <section className={`agenda-section agenda-${when}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`agenda.section.${when}`)} <span className="count">{total}</span>
      </h2>
      {items.length && hasRight(me, 'export') ? (
        <ExportMenu path="/agenda/export" filters={{ scope, when }} fileName="agenda" />
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t(`agenda.empty.${when}`)}</p>
      ) : (
        <>
          <div className="grid-wrap">
            <table className="grid grid-agenda">
              <caption className="sr-only">{t(`agenda.section.${when}`)}</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-state">
                    {t('grid.state')}
                  </th>
                  <th scope="col" className="col-when">
                    {t('agenda.when')}
                  </th>
                  <th scope="col" className="col-type">
                    {t('action.type')}
                  </th>
                  <th scope="col" className="col-party">
                    {t('grid.party')}
                  </th>
                  <th scope="col">{t('grid.subject')}</th>
                  <th scope="col" className="col-contact">
                    {t('followup.contact')}
                  </th>
                  {showAssignee ? (
                    <th scope="col" className="col-assignee">
                      {t('agenda.assignee')}
                    </th>
                  ) : null}
                  <th scope="col" className="col-actions">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => {
                  return (
                    <tr key={a.id} className={`row state-${a.followup.state}`}>
                      <td data-label={t('grid.state')}>
                        <StateBadge state={a.followup.state} daysLate={a.followup.days_late} />
                      </td>
                      <td data-label={t('agenda.when')}>
                        {formatDate(a.due_date, locale)}
                        {a.due_time ? <span className="time"> {formatTime(a.due_time, locale)}</span> : null}
                      </td>
                      <td data-label={t('action.type')}>{nameOf(contactTypes, a.type)}</td>
                      <td data-label={t('grid.party')}>
                        <Link to={`/parties/${a.followup.party.id}`}>
                          <span className="code">{a.followup.party.code}</span> {a.followup.party.name}
                        </Link>
                      </td>
                      <td data-label={t('grid.subject')} className="subject">
                        <Link to={`/followups/${a.followup.id}`}>{a.followup.subject}</Link>
                        <AutomaticOriginBadge origin={a.followup.origin} />
                        {a.message ? <div className="muted small">{a.message}</div> : null}
                      </td>
                      <td data-label={t('followup.contact')}>
                        <ContactLinks contact={a.followup.contact} />
                      </td>
                      {showAssignee ? (
                        <td data-label={t('agenda.assignee')}>{userName(users, a.assignee_id)}</td>
                      ) : null}
                      <td className="row-actions">
                        <button
                          type="button"
                          className="btn btn-primary btn-small"
                          onClick={() => onComplete(a)}
                          aria-label={t('agenda.completeFor', { subject: a.followup.subject })}
                        >
                          {t('agenda.complete')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => onReschedule(a)}
                          aria-label={t('agenda.rescheduleFor', { subject: a.followup.subject })}
                        >
                          {t('agenda.reschedule')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {items.length > AGENDA_PAGE ? (
            <div className="grid-footer">
              <span className="muted" aria-live="polite">
                {t(capped ? 'agenda.showingCapped' : 'agenda.showing', { count: items.length, shown: shown.length })}
              </span>
              {shown.length < items.length ? (
                <button type="button" className="btn" onClick={() => setLimit((l) => l + AGENDA_PAGE)}>
                  {t('agenda.showMore', { count: Math.min(AGENDA_PAGE, items.length - shown.length) })}
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
