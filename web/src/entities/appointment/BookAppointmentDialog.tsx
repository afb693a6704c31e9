// Booking an appointment on a follow-up (manual 003): day, start and end in the viewer's
// zone, place, note and the users it is for. A clash never blocks the booking (ADR 0045):
// when the server lists conflicts, the dialog turns into a warning naming each one, with
// "keep" and "undo" (which deletes the appointment just booked).
import { useState, type FormEvent } from 'react';
import type { AppointmentConflict, BookedAppointment } from '../../shared/api/types';
import { Dialog } from '../../shared/components/Dialog';
import { CheckboxField, TextArea, TextField } from '../../shared/components/Field';
import { FormDialog } from '../../shared/components/FormDialog';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant, wallTimeToInstant } from '../../shared/format';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { appointmentApi } from './appointmentApi';

export interface BookingDraft {
  date: string; // YYYY-MM-DD, in the viewer's zone
  start: string; // HH:MM
  end: string; // HH:MM
  place: string;
  note: string;
  attendees: number[];
}

export interface Choice {
  id: number;
  name: string;
}

export function BookAppointmentDialog({
  followupId,
  initial,
  choices,
  timeZone,
  locale,
  onClose,
  onDone,
}: {
  followupId: number;
  initial: BookingDraft;
  /** The users the viewer may book for (the server checks the same rule). */
  choices: Choice[];
  timeZone: string;
  locale: string;
  onClose: () => void;
  /** Booked (and kept, or undone): the message to show. */
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<BookingDraft>(initial);
  const [booked, setBooked] = useState<BookedAppointment | null>(null);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const set = (patch: Partial<BookingDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!draft.date) local.date = t('validation.required');
    if (!draft.start) local.starts_at = t('validation.required');
    if (!draft.end) local.ends_at = t('validation.required');
    if (!draft.attendees.length) local.attendees = t('validation.required');
    setErrors(local);
    if (Object.keys(local).length) return;
    await send(async () => {
      const b = await appointmentApi.book(followupId, {
        starts_at: wallTimeToInstant(`${draft.date}T${draft.start}`, timeZone),
        ends_at: wallTimeToInstant(`${draft.date}T${draft.end}`, timeZone),
        place: draft.place.trim(),
        note: draft.note.trim(),
        attendees: draft.attendees,
      });
      if (b.conflicts.length) setBooked(b);
      else onDone(t('appointments.booked'));
    });
  };

  if (booked) {
    return (
      <ConflictWarning
        booked={booked}
        timeZone={timeZone}
        locale={locale}
        onKeep={() => onDone(t('appointments.bookedWithConflicts'))}
        onUndo={async () => {
          await appointmentApi.remove(booked.appointment.id);
          onDone(t('appointments.undone'));
        }}
      />
    );
  }

  const attendeeError = Object.entries(errors).find(([k]) => k.startsWith('attendees'))?.[1];
  return (
    <FormDialog
      title={t('appointments.new')}
      onClose={onClose}
      formId="book-appointment-form"
      busy={busy}
      submitLabel={t('appointments.book')}
    >
      <form id="book-appointment-form" onChange={markDirty} onSubmit={submit} noValidate>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <p className="field-hint">{t('appointments.zoneHint', { zone: timeZone })}</p>
        <TextField
          id="ap-date"
          type="date"
          label={t('appointments.date')}
          required
          value={draft.date}
          error={errors.date}
          onChange={(e) => set({ date: e.target.value })}
        />
        <div className="form-row">
          <TextField
            id="ap-start"
            type="time"
            label={t('appointments.start')}
            required
            value={draft.start}
            error={errors.starts_at}
            onChange={(e) => set({ start: e.target.value })}
          />
          <TextField
            id="ap-end"
            type="time"
            label={t('appointments.end')}
            required
            value={draft.end}
            error={errors.ends_at}
            onChange={(e) => set({ end: e.target.value })}
          />
        </div>
        <TextField
          id="ap-place"
          label={t('appointments.place')}
          maxLength={200}
          value={draft.place}
          error={errors.place}
          onChange={(e) => set({ place: e.target.value })}
        />
        <TextArea
          id="ap-note"
          label={t('appointments.note')}
          rows={2}
          value={draft.note}
          error={errors.note}
          onChange={(e) => set({ note: e.target.value })}
        />
        <fieldset className="fieldset">
          <legend>{t('appointments.attendees')}</legend>
          {choices.map((c) => (
            <CheckboxField
              key={c.id}
              id={`ap-user-${c.id}`}
              label={c.name}
              checked={draft.attendees.includes(c.id)}
              onChange={(e) =>
                set({
                  attendees: e.target.checked
                    ? [...draft.attendees, c.id]
                    : draft.attendees.filter((id) => id !== c.id),
                })
              }
            />
          ))}
          {attendeeError ? (
            <p className="field-error" role="alert">
              {attendeeError}
            </p>
          ) : null}
        </fieldset>
      </form>
    </FormDialog>
  );
}

/** The clashes of an appointment just booked: who, what and when. */
export function conflictText(c: AppointmentConflict, t: (k: string) => string, locale: string, timeZone: string) {
  const what = c.kind === 'return' ? t('appointments.conflictReturn') : t('appointments.conflictAppointment');
  return `${c.user.name} — ${what}: ${formatInstant(c.starts_at, locale, timeZone)} – ${formatInstant(c.ends_at, locale, timeZone)}`;
}

function ConflictWarning({
  booked,
  timeZone,
  locale,
  onKeep,
  onUndo,
}: {
  booked: BookedAppointment;
  timeZone: string;
  locale: string;
  onKeep: () => void;
  onUndo: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <Dialog
      title={t('appointments.conflictTitle')}
      role="alertdialog"
      closeLabel={t('common.close')}
      onClose={onKeep}
      footer={
        <>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={onKeep}>
            {t('appointments.keep')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              onUndo().catch((e: unknown) => {
                setError(errorMessage(e, t));
                setBusy(false);
              });
            }}
          >
            {t('appointments.undo')}
          </button>
        </>
      }
    >
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Notice kind="warning">{t('appointments.conflictText')}</Notice>
      <ul className="conflicts">
        {booked.conflicts.map((c, i) => (
          <li key={i}>{conflictText(c, t, locale, timeZone)}</li>
        ))}
      </ul>
    </Dialog>
  );
}
