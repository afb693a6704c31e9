// The bell in the header with the unread count, and its panel: the latest notifications
// (reminders of returns, e-mails that failed or were held back, reopen requests a
// supervisor approves or refuses here, and their outcome for the agent), open the follow-up,
// mark read, read all, snooze (15 min, 1 h, tomorrow morning, next business day), and the
// button that lets the browser show notifications while the app is in the background.
import { useEffect, useId, useRef, useState } from 'react';
import type { UserNotification } from '../../shared/api/types';
import {
  browserPermission,
  requestBrowserPermission,
  showBrowserNotification,
  type BrowserPermission,
} from '../../shared/browserNotifications';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant, formatTime } from '../../shared/format';
import { useI18n, type TFunction } from '../../shared/i18n/i18n';
import { mailReason } from '../../shared/components/mailReason';
import { Link, leaveTo } from '../../shared/router';
import { ReopenDecision } from './ReopenDecision';
import { reopenDetail } from './reopenNotice';
import { SnoozeMenu } from './SnoozeMenu';
import { isActive, type NotificationCenter } from './useNotificationCenter';

/** A bulk change's detail, "<what>:<count>" and the reason on the next line (ADR 0034). */
function bulkText(detail: string, t: TFunction): string {
  const m = /^(reassign_in|reassign_out|move|close):(\d+)\n?([\s\S]*)$/.exec(detail);
  if (!m) return detail;
  return t(`notifications.bulk.${m[1]}`, { count: Number(m[2]), reason: m[3] });
}

/** The words of a notification, composed here from its fields. */
export function notificationText(n: UserNotification, t: TFunction, locale: string, timeZone: string) {
  const when = `${formatDate(n.due_date, locale)}${n.due_time ? ` ${formatTime(n.due_time, locale)}` : ''}`;
  const title = n.party_name ? `${n.party_name} — ${n.subject}` : n.subject;
  let detail = '';
  if (n.kind === 'mail_failed') detail = t('notifications.reason', { detail: mailReason(n.detail, t) || '—' });
  if (n.kind === 'mail_blocked') detail = t('notifications.missing', { detail: n.detail || '—' });
  if (n.kind === 'bulk_change') detail = bulkText(n.detail, t);
  const reopen = n.kind === 'reopen_request' || n.kind === 'reopen_decision' ? reopenDetail(n.detail) : null;
  if (reopen?.kind === 'request') detail = t('notifications.reopen.asked', { reason: reopen.text || '—' });
  if (reopen?.kind === 'approved') detail = t('notifications.reopen.approved');
  if (reopen?.kind === 'refused')
    detail = reopen.text
      ? t('notifications.reopen.refusedWith', { answer: reopen.text })
      : t('notifications.reopen.refused');
  return {
    kind: t(`notifications.kind.${n.kind}`),
    title,
    due: n.due_date ? t('notifications.due', { when }) : '',
    detail,
    snoozed:
      n.snoozed_until && Date.parse(n.snoozed_until) > Date.now()
        ? t('notifications.snoozedUntil', { when: formatInstant(n.snoozed_until, locale, timeZone) })
        : '',
  };
}

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
      <path
        fill="currentColor"
        d="M12 22a2.2 2.2 0 0 0 2.2-2.2H9.8A2.2 2.2 0 0 0 12 22Zm6.6-6.2V11c0-3.2-1.8-5.8-4.8-6.5v-.7a1.8 1.8 0 0 0-3.6 0v.7C7.2 5.2 5.4 7.8 5.4 11v4.8L3.5 17.7v1h17v-1l-1.9-1.9Z"
      />
    </svg>
  );
}

interface Props {
  center: NotificationCenter;
  timeZone: string;
}

export function NotificationBell({ center, timeZone }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const wrap = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const count = center.unread;

  // A new notification: say it to screen readers, and to the browser when allowed.
  const arrivalSeq = center.arrival?.seq ?? 0;
  useEffect(() => {
    const a = center.arrival;
    if (!a) return;
    const text = notificationText(a.notification, t, locale, timeZone);
    setAnnouncement(t('notifications.arrived', { title: text.title }));
    const body = [text.kind, text.due, text.detail].filter(Boolean).join(' · ');
    showBrowserNotification({
      title: text.title,
      body,
      tag: `retorno-n${a.notification.id}`,
      lang: locale,
      onClick: () => leaveTo(`/followups/${a.notification.followup_id}`),
    });
    // Only for a new arrival.
  }, [arrivalSeq]);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    void center.reload();
    const outside = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
    // Reload once per opening.
  }, [open]);

  const close = () => {
    setOpen(false);
    bell.current?.focus();
  };

  return (
    <div
      className="notif"
      ref={wrap}
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={bell}
        type="button"
        className="notif-bell"
        aria-label={t('notifications.bell', { count })}
        title={t('notifications.title')}
        aria-expanded={open}
        aria-controls={open ? 'notif-panel' : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {count > 0 ? (
          <span className="notif-count" data-testid="notif-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
      {open ? (
        <div
          id="notif-panel"
          ref={panel}
          className="notif-panel"
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          tabIndex={-1}
        >
          <Panel
            center={center}
            timeZone={timeZone}
            titleId={titleId}
            onClose={close}
            onNavigate={() => setOpen(false)}
          />
        </div>
      ) : null}
    </div>
  );
}

function Panel({
  center,
  timeZone,
  titleId,
  onClose,
  onNavigate,
}: Props & { titleId: string; onClose: () => void; onNavigate: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [permission, setPermission] = useState<BrowserPermission>(browserPermission);

  const run = async (job: () => Promise<void>) => {
    setError('');
    try {
      await job();
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  return (
    <>
      <div className="notif-panel-head">
        <h2 id={titleId}>{t('notifications.title')}</h2>
        <button
          type="button"
          className="btn btn-small"
          disabled={center.unread === 0}
          onClick={() => void run(center.readAll)}
        >
          {t('notifications.readAll')}
        </button>
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
      {!center.alertsEnabled ? <p className="notif-note">{t('notifications.alertsOff')}</p> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      {center.loadError && !center.loaded ? <Notice kind="error">{errorMessage(center.loadError, t)}</Notice> : null}
      {center.loaded && !center.items.length ? <p className="empty">{t('notifications.empty')}</p> : null}
      {center.items.length ? (
        <ul className="notif-list">
          {center.items.map((n) => (
            <Item
              key={n.id}
              n={n}
              timeZone={timeZone}
              onOpen={() => {
                onNavigate();
                if (isActive(n)) void run(() => center.markRead(n.id));
              }}
              onRead={() => void run(() => center.markRead(n.id))}
              onSnooze={(c) => void run(() => center.snooze(n.id, c))}
              onDecided={(approved) => {
                setDone(approved ? t('notifications.reopen.didApprove') : t('notifications.reopen.didRefuse'));
                void run(() => center.markRead(n.id));
              }}
            />
          ))}
        </ul>
      ) : null}
      <BrowserPermissionRow permission={permission} onAsk={() => void requestBrowserPermission().then(setPermission)} />
    </>
  );
}

function Item({
  n,
  timeZone,
  onOpen,
  onRead,
  onSnooze,
  onDecided,
}: {
  n: UserNotification;
  timeZone: string;
  onOpen: () => void;
  onRead: () => void;
  onSnooze: Parameters<typeof SnoozeMenu>[0]['onChoose'];
  onDecided: (approved: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const text = notificationText(n, t, locale, timeZone);
  const active = isActive(n);
  const request = n.kind === 'reopen_request' ? reopenDetail(n.detail) : null;
  return (
    <li className={`notif-item notif-${n.kind} ${active ? 'is-unread' : ''}`} data-testid="notif-item">
      <div className="notif-item-head">
        <span className="notif-kind">{text.kind}</span>
        {n.late ? <span className="badge state-overdue">{t('notifications.late')}</span> : null}
        {active ? <span className="notif-unread">{t('notifications.unreadMark')}</span> : null}
      </div>
      <Link to={`/followups/${n.followup_id}`} className="notif-title" id={id} onClick={onOpen}>
        {text.title}
      </Link>
      <div className="muted small">
        {[text.due, t('notifications.received', { when: formatInstant(n.created_at, locale, timeZone) })]
          .filter(Boolean)
          .join(' · ')}
      </div>
      {text.detail ? <div className="notif-detail small">{text.detail}</div> : null}
      {text.snoozed ? <div className="muted small">{text.snoozed}</div> : null}
      {/* A request still waiting is decided here; once read it was decided (or let go). */}
      {n.kind === 'reopen_request' && !n.read_at && request ? (
        <ReopenDecision requestId={request.requestId} describedBy={id} onDecided={onDecided} />
      ) : null}
      {!n.read_at ? (
        <div className="notif-actions">
          <button type="button" className="btn btn-small" aria-describedby={id} onClick={onRead}>
            {t('notifications.markRead')}
          </button>
          <SnoozeMenu describedBy={id} onChoose={onSnooze} />
        </div>
      ) : null}
    </li>
  );
}

function BrowserPermissionRow({ permission, onAsk }: { permission: BrowserPermission; onAsk: () => void }) {
  const { t } = useI18n();
  if (permission === 'unsupported') return null;
  return (
    <div className="notif-browser">
      {permission === 'default' ? (
        <>
          <button type="button" className="btn btn-small" onClick={onAsk}>
            {t('notifications.browser.enable')}
          </button>
          <span className="field-hint">{t('notifications.browser.hint')}</span>
        </>
      ) : null}
      {permission === 'granted' ? <span className="small ok">{t('notifications.browser.granted')}</span> : null}
      {permission === 'denied' ? <span className="small muted">{t('notifications.browser.denied')}</span> : null}
    </div>
  );
}
