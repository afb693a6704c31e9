// The app's pages by path. Only this folder puts features together.
import type { ReactNode } from 'react';
import { AdminPage, ADMIN_SECTIONS, type AdminSection } from '../features/admin/AdminPage';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { FollowupDetailPage } from '../features/followup/FollowupDetailPage';
import { FollowupNewPage } from '../features/followup/FollowupNewPage';
import { FollowupListPage } from '../features/followups/FollowupListPage';
import { PartyNewPage } from '../features/parties/PartyNewPage';
import { PartyPage } from '../features/parties/PartyPage';
import { PartySearchPage } from '../features/parties/PartySearchPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { matchPath } from '../shared/router';

export type NavKey = 'agenda' | 'followups' | 'parties' | 'admin' | 'profile';

interface Route {
  pattern: string;
  nav: NavKey;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/agenda', nav: 'agenda', render: () => <AgendaPage /> },
  { pattern: '/followups', nav: 'followups', render: () => <FollowupListPage /> },
  { pattern: '/followups/new', nav: 'followups', render: () => <FollowupNewPage /> },
  { pattern: '/followups/:id', nav: 'followups', render: (p) => <FollowupDetailPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/parties', nav: 'parties', render: () => <PartySearchPage /> },
  { pattern: '/parties/new', nav: 'parties', render: () => <PartyNewPage /> },
  { pattern: '/parties/:id', nav: 'parties', render: (p) => <PartyPage key={p.id} id={Number(p.id)} /> },
  { pattern: '/admin/:section', nav: 'admin', render: (p) => <AdminPage section={p.section as AdminSection} /> },
  { pattern: '/profile', nav: 'profile', render: () => <ProfilePage /> },
];

export interface Resolved {
  nav: NavKey | null;
  element: ReactNode | null;
  redirect?: string;
}

export function resolve(path: string): Resolved {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '') return { nav: null, element: null, redirect: '/agenda' };
  if (clean === '/admin') return { nav: 'admin', element: null, redirect: '/admin/users' };
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, clean);
    if (!params) continue;
    if (params.id !== undefined && !/^\d+$/.test(params.id)) continue;
    if (params.section !== undefined && !(ADMIN_SECTIONS as readonly string[]).includes(params.section)) continue;
    return { nav: r.nav, element: r.render(params) };
  }
  return { nav: null, element: null };
}
