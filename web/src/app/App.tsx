// The shell: skip link, header with navigation, the notification bell, language and user
// menu; the page of the current path; the return alert. One event stream (/events) per
// signed-in app feeds the bell and the repeat alert; it closes on logout. Signed-out
// visitors are sent to the login page.
import { useMemo, useEffect, useState } from 'react';
import { ReturnAlert, useLiveAlert, useRepeatAlert } from '../features/alerts/ReturnAlert';
import { LoginPage, safeNext } from '../features/login/LoginPage';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useNotificationCenter } from '../features/notifications/useNotificationCenter';
import { ApiError } from '../shared/api/client';
import { api } from '../shared/api/endpoints';
import type { EventSummary, Locale, UserNotification } from '../shared/api/types';
import { useEventStream } from '../shared/events';
import { Loading } from '../shared/components/Spinner';
import { Notice } from '../shared/components/Notice';
import { LOCALES, isLocale, useI18n } from '../shared/i18n/i18n';
import { Link, navigate, useLocation } from '../shared/router';
import { useSession, useUserTime } from '../shared/session';
import { confirmLeave } from '../shared/unsaved';
import { resolve, type NavKey } from './routes';
import { hasRight } from '../shared/rights';

export function App() {
  const { status } = useSession();
  const { path, search } = useLocation();

  useEffect(() => {
    if (status === 'anonymous' && path !== '/login') {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + search)}`;
      navigate(`/login${next}`, { replace: true });
    }
    // Read the live address: the login form may have changed it since this render.
    if (status === 'ready' && window.location.pathname === '/login') {
      navigate(safeNext(new URLSearchParams(window.location.search).get('next')), { replace: true });
    }
  }, [status, path, search]);

  if (status === 'loading') return <Loading />;
  if (status === 'anonymous' || path === '/login') return status === 'anonymous' ? <LoginPage /> : <Loading />;
  return <Shell />;
}

function Shell() {
  const { t } = useI18n();
  const { path } = useLocation();
  const { me, logout } = useSession();
  const { timeZone } = useUserTime();
  const [menuOpen, setMenuOpen] = useState(false);
  const center = useNotificationCenter(!!me);
  const onAlert = useLiveAlert();
  const handlers = useMemo(
    () => ({
      summary: (d: unknown) => center.onSummary(d as EventSummary),
      notification: (d: unknown) => center.onNotification(d as UserNotification),
      alert: onAlert,
    }),
    [center.onSummary, center.onNotification, onAlert],
  );
  const stream = useEventStream(me ? api.eventsUrl() : null, handlers, {
    // The stream was refused: if the session ended, go back to the login page.
    onGiveUp: () => {
      api.me().catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) logout().catch(() => {});
      });
    },
  });
  useRepeatAlert(stream !== 'open');
  const page = resolve(path);

  useEffect(() => {
    if (page.redirect) navigate(page.redirect, { replace: true });
  }, [page.redirect]);
  useEffect(() => setMenuOpen(false), [path]);

  const items: { key: NavKey; to: string; label: string }[] = [
    { key: 'agenda', to: '/agenda', label: t('nav.agenda') },
    { key: 'calendar', to: '/calendar', label: t('nav.calendar') },
    { key: 'freedays', to: '/free-days', label: t('nav.freeDays') },
    { key: 'followups', to: '/followups', label: t('nav.followups') },
    { key: 'pareceres', to: '/pareceres', label: t('nav.pareceres') },
    { key: 'workflow', to: '/workflow', label: t('nav.workflow') },
    { key: 'documents', to: '/documents', label: t('nav.documents') },
    { key: 'parties', to: '/parties', label: t('nav.parties') },
  ];
  // Agents see their own follow-ups in the reports; supervisors their branch's.
  if (me && hasRight(me, 'view_reports')) items.push({ key: 'reports', to: '/reports', label: t('nav.reports') });
  // Mailings to selected customers: admins, and supervisors for their branch.
  if (me?.user.role === 'admin' || me?.user.role === 'supervisor')
    items.push({ key: 'mailings', to: '/mailings', label: t('nav.mailings') });
  if (me?.user.role === 'admin') items.push({ key: 'admin', to: '/admin/users', label: t('nav.admin') });
  // A user granted configure_attendance configures the attendance types without the rest of the administration.
  else if (me && hasRight(me, 'configure_attendance'))
    items.push({ key: 'attendance', to: '/attendance-types', label: t('nav.attendanceTypes') });
  // For admins the configurators belong to the administration.
  const active: NavKey | null = page.nav === 'attendance' && me?.user.role === 'admin' ? 'admin' : page.nav;

  return (
    <>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/agenda" className="brand" aria-label={t('nav.home')}>
            <span className="brand-mark" aria-hidden="true">
              R
            </span>
            <span className="brand-name">Retorno</span>
            {me?.settings.company_name && me.settings.company_name !== 'Retorno' ? (
              <span className="brand-company">{me.settings.company_name}</span>
            ) : null}
          </Link>
          <NotificationBell center={center} timeZone={timeZone} />
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span> {t('nav.menu')}
          </button>
          <nav id="main-nav" className={`mainnav ${menuOpen ? 'is-open' : ''}`} aria-label={t('nav.main')}>
            <ul>
              {items.map((i) => (
                <li key={i.key}>
                  <Link
                    to={i.to}
                    className={active === i.key ? 'is-active' : ''}
                    aria-current={active === i.key ? 'page' : undefined}
                  >
                    {i.label}
                  </Link>
                </li>
              ))}
            </ul>
            <UserMenu />
          </nav>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1} aria-labelledby="page-title">
        {page.element ?? (page.redirect ? <Loading /> : <NotFound />)}
      </main>
      <ReturnAlert />
    </>
  );
}

function UserMenu() {
  const { t, locale } = useI18n();
  const { me, logout, changeLocale } = useSession();
  const { path } = useLocation();
  // Catalogue keys, worded when shown: the language just chosen confirms itself. The
  // confirmation belongs to the page it was given on, so another page does not repeat it;
  // keyed by path rather than cleared by an effect, which could land after a quick choice.
  const [given, setGiven] = useState<{ key: string; error: boolean; path: string } | null>(null);
  const status = given && given.path === path ? given : null;
  const setStatus = (s: { key: string; error: boolean }) => setGiven({ ...s, path });
  if (!me) return null;
  return (
    <div className="usermenu">
      <label className="lang-select">
        <span className="sr-only">{t('common.language')}</span>
        <select
          aria-label={t('common.language')}
          value={locale}
          onChange={(e) => {
            const l = e.target.value;
            if (!isLocale(l)) return;
            setStatus({ key: 'language.changed', error: false });
            changeLocale(l as Locale).catch(() => setStatus({ key: 'language.notSaved', error: true }));
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <Link to="/profile" className="user-name" title={t('profile.title')}>
        {me.user.name}
      </Link>
      <button
        type="button"
        className="btn btn-small btn-ghost logout"
        onClick={() => {
          if (!confirmLeave()) return;
          void logout().then(() => navigate('/login', { replace: true }));
        }}
      >
        {t('nav.logout')}
      </button>
      <span className={status?.error ? 'field-error' : 'lang-changed small'} role="status">
        {status ? t(status.key) : null}
      </span>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1 id="page-title">{t('notFound.title')}</h1>
      <Notice kind="info">{t('notFound.text')}</Notice>
      <Link to="/agenda" className="btn">
        {t('nav.agenda')}
      </Link>
    </>
  );
}
