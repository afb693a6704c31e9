// The return alert of manual 001: after login (and again every N minutes when the user
// asked for it), "You have N returns for today (M overdue). View them?"; yes opens My
// returns, today's first. The repeat comes from the server's `alert` event (/events) at the user's
// interval; only when the event stream is not available does the app poll /me itself.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../../shared/api/endpoints';
import type { AlertEvent, Alerts } from '../../shared/api/types';
import { showBrowserNotification } from '../../shared/browserNotifications';
import { Dialog } from '../../shared/components/Dialog';
import { useI18n } from '../../shared/i18n/i18n';
import { leaveTo, navigate } from '../../shared/router';
import { useSession } from '../../shared/session';
import { confirmLeave, hasUnsavedChanges } from '../../shared/unsaved';

export function ReturnAlert() {
  const { pendingAlert } = useSession();
  if (!pendingAlert) return null;
  return <AlertBox alerts={pendingAlert} />;
}

/**
 * Whether the user is in the middle of something the alert must not interrupt: typing in
 * a field, a dialog open, or a form with unsaved changes.
 */
export function userIsBusy(): boolean {
  const el = document.activeElement;
  if (
    el instanceof HTMLElement &&
    el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], form')
  )
    return true;
  if (document.body.classList.contains('has-modal')) return true;
  return hasUnsavedChanges();
}

function AlertBox({ alerts }: { alerts: Alerts }) {
  const { t } = useI18n();
  const { showAlert } = useSession();
  // Decided once, when it appears: it never takes the keyboard from a form (manual 001's
  // alert repeats every 10–60 minutes while the user works).
  const [busy] = useState(userIsBusy);
  const close = () => showAlert(null);
  const yes = () => {
    if (!confirmLeave()) return;
    close();
    navigate('/agenda');
  };
  const text = t('alert.message', { count: alerts.due_today, overdue: t('alert.overdue', { count: alerts.overdue }) });
  const buttons = (
    <>
      <button type="button" className="btn btn-primary" onClick={yes}>
        {t('common.yes')}
      </button>
      <button type="button" className="btn" onClick={close}>
        {t('common.no')}
      </button>
    </>
  );
  if (busy) return <AlertToast title={t('alert.title')} text={text} buttons={buttons} onClose={close} />;
  // Nothing else going on (the alert at login): a modal question, with the focus on the
  // dialog itself, not on "Yes": a stray Enter answers nothing.
  return (
    <Dialog
      role="alertdialog"
      title={t('alert.title')}
      onClose={close}
      closeLabel={t('common.close')}
      initialFocus="dialog"
      footer={buttons}
    >
      <p className="alert-text">{text}</p>
    </Dialog>
  );
}

/**
 * The alert while the user works: a box in a corner, announced by screen readers, that
 * leaves the focus where it is. Escape closes it (before any dialog underneath).
 */
function AlertToast({
  title,
  text,
  buttons,
  onClose,
}: {
  title: string;
  text: string;
  buttons: ReactNode;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const textId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  return createPortal(
    <div
      className="alert-toast"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={textId}
      aria-live="assertive"
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('common.close')}
          title={t('common.close')}
          onClick={onClose}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p id={textId} className="alert-text">
        {text}
      </p>
      <div className="dialog-foot">{buttons}</div>
    </div>,
    document.body,
  );
}

/**
 * The handler of the server's `alert` event: shows the alert dialog (and a browser
 * notification when the user allowed them and the app is in the background).
 */
export function useLiveAlert(): (data: unknown) => void {
  const { t, locale } = useI18n();
  const { showAlert } = useSession();
  return useCallback(
    (data: unknown) => {
      const a = data as Partial<AlertEvent> | null;
      const dueToday = Number(a?.due_today ?? 0);
      const overdue = Number(a?.overdue ?? 0);
      if (!(dueToday + overdue > 0)) return;
      showAlert({ due_today: dueToday, overdue, show_alert: true });
      showBrowserNotification({
        title: t('alert.title'),
        body: t('alert.message', { count: dueToday, overdue: t('alert.overdue', { count: overdue }) }),
        tag: 'retorno-alert',
        lang: locale,
        onClick: () => leaveTo('/agenda'),
      });
    },
    [showAlert, t, locale],
  );
}

/**
 * Repeats the alert every `alert_every_minutes` while returns are due (manual 001), by
 * polling /me; `active` is false while the server's event stream does it.
 */
export function useRepeatAlert(active = true): void {
  const { me, showAlert, pendingAlert } = useSession();
  const minutes = me?.user.alert_every_minutes ?? null;
  const enabled = active && !!me && me.settings.return_alerts_enabled && minutes !== null && minutes >= 10;
  const open = pendingAlert !== null;
  useEffect(() => {
    if (!enabled || open || minutes === null) return;
    const timer = setInterval(() => {
      api
        .me()
        .then((m) => {
          const a = m.alerts;
          if (m.settings.return_alerts_enabled && a.due_today + a.overdue > 0) showAlert(a);
        })
        .catch(() => {});
    }, minutes * 60_000);
    return () => clearInterval(timer);
  }, [enabled, minutes, open, showAlert]);
}
