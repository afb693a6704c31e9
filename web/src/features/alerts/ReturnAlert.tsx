// The return alert of manual 001: after login (and again every N minutes when the user
// asked for it), "You have N returns for today (M overdue). View them?"; yes opens My
// returns. The repeat comes from the server's `alert` event (/events) at the user's
// interval; only when the event stream is not available does the app poll /me itself.
import { useCallback, useEffect } from 'react';
import { api } from '../../shared/api/endpoints';
import type { AlertEvent } from '../../shared/api/types';
import { showBrowserNotification } from '../../shared/browserNotifications';
import { Dialog } from '../../shared/components/Dialog';
import { useI18n } from '../../shared/i18n/i18n';
import { navigate } from '../../shared/router';
import { useSession } from '../../shared/session';

export function ReturnAlert() {
  const { t } = useI18n();
  const { pendingAlert, showAlert } = useSession();
  if (!pendingAlert) return null;
  const close = () => showAlert(null);
  return (
    <Dialog
      role="alertdialog"
      title={t('alert.title')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        <>
          <button
            type="button"
            className="btn btn-primary"
            data-autofocus
            onClick={() => {
              close();
              navigate('/agenda');
            }}
          >
            {t('common.yes')}
          </button>
          <button type="button" className="btn" onClick={close}>
            {t('common.no')}
          </button>
        </>
      }
    >
      <p className="alert-text">
        {t('alert.message', {
          count: pendingAlert.due_today,
          overdue: t('alert.overdue', { count: pendingAlert.overdue }),
        })}
      </p>
    </Dialog>
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
        onClick: () => navigate('/agenda'),
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
