// The signed-in user: loaded from GET /api/v1/me at start, set by the login form, cleared
// on logout or on any 401. It also drives the language of the interface and of the
// server's messages, and holds the return alert waiting to be shown (manual 001).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized, setApiLanguage, setCsrfToken } from './api/client';
import { invalidateTables } from './hooks/useTables';
import { api } from './api/endpoints';
import type { Alerts, Locale, Me } from './api/types';
import { isLocale, useI18n } from './i18n/i18n';
import { todayIn } from './format';

export type SessionStatus = 'loading' | 'anonymous' | 'ready';

export interface SessionValue {
  status: SessionStatus;
  me: Me | null;
  /** Alert counts to show in the return alert dialog, or null. */
  pendingAlert: Alerts | null;
  login: (login: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reloads /me (after a change to the user or the settings); returns it. */
  refresh: () => Promise<Me | null>;
  showAlert: (alerts: Alerts | null) => void;
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Me | null }) {
  const { setLocale, locale } = useI18n();
  const [me, setMe] = useState<Me | null>(initial ?? null);
  const [status, setStatus] = useState<SessionStatus>(
    initial === undefined ? 'loading' : initial ? 'ready' : 'anonymous',
  );
  const [pendingAlert, setPendingAlert] = useState<Alerts | null>(null);

  const adopt = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrf_token);
      if (isLocale(m.user.locale)) setLocale(m.user.locale);
      setMe(m);
      setStatus('ready');
    },
    [setLocale],
  );

  useEffect(() => {
    setApiLanguage(locale);
    // Contact types and categories are named in the language of the request.
    invalidateTables();
  }, [locale]);

  const refresh = useCallback(async () => {
    try {
      const m = await api.me();
      adopt(m);
      return m;
    } catch {
      setMe(null);
      setStatus('anonymous');
      return null;
    }
  }, [adopt]);

  useEffect(() => {
    if (initial === undefined) void refresh();
    // Only once, at start.
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setMe(null);
      setStatus('anonymous');
    });
    return () => onUnauthorized(null);
  }, []);

  const login = useCallback(
    async (loginName: string, password: string) => {
      const session = await api.login(loginName, password);
      setCsrfToken(session.csrf_token);
      if (isLocale(session.user.locale)) setApiLanguage(session.user.locale);
      const m = await api.me();
      adopt(m);
      setPendingAlert(session.alerts.show_alert ? session.alerts : null);
      return m;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setMe(null);
      setPendingAlert(null);
      setStatus('anonymous');
    }
  }, []);

  const changeLocale = useCallback(
    async (l: Locale) => {
      setLocale(l);
      setApiLanguage(l);
      if (me) {
        const user = await api.patchUser(me.user.id, { locale: l });
        setMe({ ...me, user });
      }
    },
    [me, setLocale],
  );

  const value = useMemo<SessionValue>(
    () => ({ status, me, pendingAlert, login, logout, refresh, showAlert: setPendingAlert, changeLocale }),
    [status, me, pendingAlert, login, logout, refresh, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user's data; only under a route that requires a session. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

/** The user's time zone and "today" in it (recomputed, so a desk left open past midnight follows). */
export function useUserTime(): { timeZone: string; today: string } {
  const me = useMe();
  const timeZone = me.user.time_zone || me.settings.time_zone || 'America/Sao_Paulo';
  let today = me.today;
  try {
    today = todayIn(timeZone);
  } catch {
    // Unknown zone in this browser: keep the server's today.
  }
  return { timeZone, today };
}
