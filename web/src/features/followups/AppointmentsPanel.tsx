// The appointments of a follow-up (manual 003, "Agendamentos"): the upcoming ones, the
// previous ones and the deleted ones (kept, consultable), booking a new one (the dialog
// warns of clashes), deleting one, and "Dias livres" of the follow-up's owner.
import { useState } from 'react';
import type { Appointment, Followup } from '../../shared/api/types';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { appointmentApi } from '../../entities/appointment/appointmentApi';
import { BookAppointmentDialog } from '../../entities/appointment/BookAppointmentDialog';
import { ownerChoices } from '../../entities/user/owners';

/** The time of an appointment for people: its start and, on the same line, its end. */
function span(a: Appointment, locale: string, timeZone: string): string {
  const start = formatInstant(a.starts_at, locale, timeZone);
  const end = formatInstant(a.ends_at, locale, timeZone);
  const [startDay] = start.split(' ');
  const [endDay, ...endRest] = end.split(' ');
  return `${start} – ${endDay === startDay ? endRest.join(' ') : end}`;
}

export function AppointmentsPanel({
  followup,
  canChange,
  onChanged,
}: {
  followup: Followup;
  canChange: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { users } = useTables();
  const { today, timeZone } = useUserTime();
  const [booking, setBooking] = useState(false);
  const [error, setError] = useState('');
  const list = useAsync(() => appointmentApi.ofFollowup(followup.id), [followup.id, followup.version]);
  const choices = ownerChoices(me.user, users).map((u) => ({ id: u.id, name: u.name }));
  const now = Date.now();
  const items = list.data ?? [];
  const deleted = items.filter((a) => a.deleted_at);
  const live = items.filter((a) => !a.deleted_at);
  const upcoming = live.filter((a) => Date.parse(a.ends_at) >= now);
  const previous = live.filter((a) => Date.parse(a.ends_at) < now).reverse();

  const remove = async (a: Appointment) => {
    if (!window.confirm(t('appointments.deleteConfirm'))) return;
    setError('');
    try {
      await appointmentApi.remove(a.id);
      onChanged(t('appointments.deleted'));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  const group = (title: string, rows: Appointment[], canDelete: boolean) =>
    rows.length ? (
      <>
        <h3 className="subhead">{title}</h3>
        <ul className="appointments">
          {rows.map((a) => (
            <li key={a.id} className={a.deleted_at ? 'appointment appointment-deleted' : 'appointment'}>
              <div>
                <strong>{span(a, locale, timeZone)}</strong>
                {a.place ? <span> · {a.place}</span> : null}
              </div>
              <div className="muted">{a.attendees.map((u) => u.name).join(', ')}</div>
              {a.note ? <div className="muted">{a.note}</div> : null}
              {a.deleted_at ? (
                <div className="muted">
                  {t('appointments.deletedBy', {
                    name: a.deleted_by?.name ?? '',
                    when: formatInstant(a.deleted_at, locale, timeZone),
                  })}
                </div>
              ) : null}
              {canDelete && canChange ? (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(a)}>
                  {t('appointments.delete')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </>
    ) : null;

  return (
    <section className="panel" aria-labelledby="sec-appointments">
      <div className="panel-head">
        <h2 id="sec-appointments">{t('appointments.title')}</h2>
        <div className="toolbar">
          {canChange ? (
            <button type="button" className="btn btn-small" onClick={() => setBooking(true)}>
              {t('appointments.new')}
            </button>
          ) : null}
          <Link
            className="btn btn-small btn-ghost"
            to={`/free-days?followup=${followup.id}&users=${followup.owner_id}`}
          >
            {t('freeDays.title')}
          </Link>
        </div>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {!list.loading && !items.length ? <p className="muted">{t('appointments.none')}</p> : null}
      {group(t('appointments.upcoming'), upcoming, true)}
      {group(t('appointments.previous'), previous, false)}
      {group(t('appointments.deletedTitle'), deleted, false)}
      {booking ? (
        <BookAppointmentDialog
          followupId={followup.id}
          initial={{
            date: today,
            start: '09:00',
            end: '10:00',
            place: '',
            note: '',
            attendees: [choices.some((c) => c.id === followup.owner_id) ? followup.owner_id : me.user.id],
          }}
          choices={choices}
          timeZone={timeZone}
          locale={locale}
          onClose={() => setBooking(false)}
          onDone={(m) => {
            setBooking(false);
            onChanged(m);
          }}
        />
      ) : null}
    </section>
  );
}
