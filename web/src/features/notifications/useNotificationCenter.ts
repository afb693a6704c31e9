// The user's notifications (reminders of returns, e-mails that failed or were held back):
// the latest 50 from GET /notifications, the unread count of the server, and the live
// events of /events that add to them. Read, read all and snooze change the list at once
// and then take the server's numbers.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { EventSummary, SnoozeChoice, UserNotification } from '../../shared/api/types';

export const LIST_LIMIT = 50;

/** Unread and not snoozed into the future: what the bell counts. */
export function isActive(n: UserNotification, now: number = Date.now()): boolean {
  if (n.read_at) return false;
  return !(n.snoozed_until && Date.parse(n.snoozed_until) > now);
}

export interface Arrival {
  notification: UserNotification;
  seq: number;
}

export interface NotificationCenter {
  items: UserNotification[];
  loaded: boolean;
  loadError: unknown;
  unread: number;
  alertsEnabled: boolean;
  /** The latest notification pushed by the server (for the live region and the browser). */
  arrival: Arrival | null;
  reload: () => Promise<void>;
  onSummary: (s: EventSummary) => void;
  onNotification: (n: UserNotification) => void;
  markRead: (id: number) => Promise<void>;
  readAll: () => Promise<void>;
  snooze: (id: number, until: SnoozeChoice) => Promise<void>;
}

export function useNotificationCenter(enabled: boolean): NotificationCenter {
  const [items, setItems] = useState<UserNotification[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [unread, setUnread] = useState(0);
  const [alertsEnabled, setAlertsEnabled] = useState(true);
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const seq = useRef(0);
  const loadSeq = useRef(0);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const reload = useCallback(async () => {
    const mine = ++loadSeq.current;
    try {
      const list = await api.notifications({ limit: LIST_LIMIT });
      if (mine !== loadSeq.current) return;
      setItems(list.items);
      setUnread(list.unread);
      setLoadError(null);
      setLoaded(true);
    } catch (err) {
      if (mine !== loadSeq.current) return;
      setLoadError(err);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const onSummary = useCallback(
    (s: EventSummary) => {
      if (typeof s.unread === 'number') setUnread(s.unread);
      if (typeof s.alerts_enabled === 'boolean') setAlertsEnabled(s.alerts_enabled);
      // A (re)connection: what arrived meanwhile is only in the server's list.
      void reload();
    },
    [reload],
  );

  const onNotification = useCallback((n: UserNotification) => {
    if (!n || typeof n.id !== 'number') return;
    const before = itemsRef.current.find((x) => x.id === n.id);
    const wasActive = before ? isActive(before) : false;
    const nowActive = isActive(n);
    setItems((list) => [n, ...list.filter((x) => x.id !== n.id)].slice(0, LIST_LIMIT));
    if (nowActive && !wasActive) setUnread((u) => u + 1);
    if (!nowActive && wasActive) setUnread((u) => Math.max(0, u - 1));
    if (nowActive) setArrival({ notification: n, seq: ++seq.current });
  }, []);

  const markRead = useCallback(
    async (id: number) => {
      const before = itemsRef.current.find((x) => x.id === id);
      const at = new Date().toISOString();
      setItems((list) => list.map((x) => (x.id === id && !x.read_at ? { ...x, read_at: at } : x)));
      if (before && isActive(before)) setUnread((u) => Math.max(0, u - 1));
      try {
        await api.readNotification(id);
      } finally {
        await reload();
      }
    },
    [reload],
  );

  const readAll = useCallback(async () => {
    const at = new Date().toISOString();
    setItems((list) => list.map((x) => (x.read_at ? x : { ...x, read_at: at })));
    setUnread(0);
    try {
      await api.readAllNotifications();
    } finally {
      await reload();
    }
  }, [reload]);

  const snooze = useCallback(
    async (id: number, until: SnoozeChoice) => {
      const before = itemsRef.current.find((x) => x.id === id);
      try {
        const updated = await api.snoozeNotification(id, until);
        setItems((list) => list.map((x) => (x.id === id ? updated : x)));
        if (before && isActive(before) && !isActive(updated)) setUnread((u) => Math.max(0, u - 1));
      } finally {
        await reload();
      }
    },
    [reload],
  );

  return useMemo(
    () => ({
      items,
      loaded,
      loadError,
      unread,
      alertsEnabled,
      arrival,
      reload,
      onSummary,
      onNotification,
      markRead,
      readAll,
      snooze,
    }),
    [
      items,
      loaded,
      loadError,
      unread,
      alertsEnabled,
      arrival,
      reload,
      onSummary,
      onNotification,
      markRead,
      readAll,
      snooze,
    ],
  );
}
