// One day of the CRM calendar (manual 002): the tabs Orders, Services, Follow-ups,
// Birthdays and Done. The planned returns go to a tab by the origin of their follow-up:
// after a sale to Orders, after a completed service to Services, birthdays to Birthdays,
// the rest (manual, calendar, API, import) to Follow-ups; every return done goes to Done.
// On each planned return: reschedule to a date, "resolved by phone call", and a message
// with the template placeholders sent by e-mail or opened in WhatsApp (click to chat).
// Phone call and e-mail mark the return done, so it moves to the last tab.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { AgendaItem, Appointment, CalendarWho, Placeholder } from '../../shared/api/types';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { Tabs } from '../../shared/components/Tabs';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { useUserTime } from '../../shared/session';
import { DayAppointments } from './appointments';
import { ReturnCard } from './ReturnCard';
import { longDate } from './month';

export const DAY_TABS = ['orders', 'services', 'followups', 'birthdays', 'done'] as const;
export type DayTab = (typeof DAY_TABS)[number];

/** The tab of a return of the day: done ones by their status, planned ones by their origin. */
export function dayTabOf(item: AgendaItem): DayTab {
  if (item.status !== 'planned') return 'done';
  switch (item.followup.origin) {
    case 'after_sale':
      return 'orders';
    case 'service_done':
      return 'services';
    case 'birthday':
      return 'birthdays';
    default:
      return 'followups';
  }
}

export interface MessageDefaults {
  placeholders: Placeholder[];
  subject: string;
  body: string;
}

interface Props {
  date: string;
  who: CalendarWho;
  /** Changes when the day must be loaded again (an opportunity was added to it). */
  refresh: number;
  /** The day's appointments of the user shown, by start. */
  appointments: Appointment[];
  timeZone: string;
  onChanged: () => void;
  onAdd: () => void;
  onClose: () => void;
}

export function DayView({ date, who, refresh, appointments, timeZone, onChanged, onAdd, onClose }: Props) {
  const { t, locale } = useI18n();
  const { today } = useUserTime();
  const [tab, setTab] = useState<DayTab>('followups');
  const [notice, setNotice] = useState('');
  const data = useAsync(() => api.calendarDay(date, who), [date, who.scope, who.user_id, refresh]);
  const defaults = useMessageDefaults();
  // Cancelled returns are not shown (as before the split).
  const items = (data.data?.items ?? []).filter((i) => i.status !== 'cancelled');
  const byTab: Record<DayTab, AgendaItem[]> = { orders: [], services: [], followups: [], birthdays: [], done: [] };
  for (const i of items) byTab[dayTabOf(i)].push(i);
  const shown = byTab[tab];

  // A day opens on Follow-ups, or on the first tab with returns to do when that one has
  // none; once per day, so a reload after an action never moves the user.
  const opened = useRef('');
  useEffect(() => {
    if (!data.data || data.data.date !== date || opened.current === date) return;
    opened.current = date;
    if (byTab.followups.length) setTab('followups');
    else setTab(DAY_TABS.find((id) => id !== 'done' && byTab[id].length) ?? 'followups');
  }, [data.data, date]);

  const changed = (message: string) => {
    setNotice(message);
    data.reload();
    onChanged();
  };

  return (
    <section className="panel calendar-day" aria-labelledby="calendar-day-title">
      <div className="panel-head">
        <h2 id="calendar-day-title">{longDate(date, locale)}</h2>
        <div className="toolbar">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={onAdd}
            aria-label={t('opportunity.addOn', { date: longDate(date, locale) })}
          >
            <span aria-hidden="true">+</span> {t('opportunity.short')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
            {t('calendar.closeDay')}
          </button>
        </div>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {data.error ? <Notice kind="error">{errorMessage(data.error, t)}</Notice> : null}
      <DayAppointments items={appointments} timeZone={timeZone} />
      <Tabs
        label={t('calendar.dayTabs')}
        active={tab}
        onChange={(id) => setTab(id as DayTab)}
        tabs={DAY_TABS.map((id) => ({
          id,
          label: (
            <>
              {t(`calendar.tab.${id}`)} <span className="count">{byTab[id].length}</span>
            </>
          ),
        }))}
      >
        {data.loading && !data.data ? (
          <Loading />
        ) : shown.length === 0 ? (
          <p className="empty">{t(`calendar.empty.${tab}`)}</p>
        ) : (
          <ul className="return-cards">
            {shown.map((item) => (
              <li key={item.id}>
                <ReturnCard
                  item={item}
                  today={today}
                  showAssignee={who.scope !== 'mine' || !!who.user_id}
                  defaults={defaults}
                  onChanged={changed}
                />
              </li>
            ))}
          </ul>
        )}
      </Tabs>
    </section>
  );
}

/** The placeholders and the customer template of the user's language, to start a message. */
function useMessageDefaults(): MessageDefaults {
  const { locale } = useI18n();
  const [value, setValue] = useState<MessageDefaults>({ placeholders: [], subject: '', body: '' });
  useEffect(() => {
    let alive = true;
    api.templates().then(
      (list) => {
        if (!alive) return;
        const tpl = list.items.find((x) => x.kind === 'customer' && x.locale === locale);
        setValue({ placeholders: list.placeholders, subject: tpl?.subject ?? '', body: tpl?.body ?? '' });
      },
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [locale]);
  return value;
}
