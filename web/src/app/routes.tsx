// The app's pages by path. Only this folder puts features together.
import { lazy, Suspense, type ReactNode } from 'react';
import { AdminPage, ADMIN_SECTIONS, type AdminSection } from '../features/admin/AdminPage';
import { AgendaPage } from '../features/agenda/AgendaPage';
import { FollowupDetailPage } from '../features/followups/FollowupDetailPage';
import { FollowupNewPage } from '../features/followups/FollowupNewPage';
import { FollowupListPage } from '../features/followups/FollowupListPage';
import { BulkBar } from '../features/bulk/BulkBar';
import { ProfilePage } from '../features/profile/ProfilePage';
import { RightGuard } from '../shared/components/RightGuard';
import { Loading } from '../shared/components/Spinner';
import { matchPath } from '../shared/router';

// The CRM calendar is a chunk of its own, loaded when first opened.
const ProposalsPanel = lazy(() =>
  import('../features/proposals/ProposalsPanel').then((m) => ({ default: m.ProposalsPanel })),
);
const ProposalTemplatesAdmin = lazy(() =>
  import('../features/proposals/ProposalTemplatesAdmin').then((m) => ({ default: m.ProposalTemplatesAdmin })),
);
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));

// Sales documents and their CSV import: one chunk for the four pages.
const documents = () => import('../features/documents/DocumentPages');
const DocumentListPage = lazy(() => documents().then((m) => ({ default: m.DocumentListPage })));
const DocumentPage = lazy(() => documents().then((m) => ({ default: m.DocumentPage })));
const DocumentFormPage = lazy(() => documents().then((m) => ({ default: m.DocumentFormPage })));
const ImportPage = lazy(() => documents().then((m) => ({ default: m.ImportPage })));
const FollowupDocumentEditor = lazy(() => documents().then((m) => ({ default: m.FollowupDocumentEditor })));
const FollowupDocumentsPanel = lazy(() => documents().then((m) => ({ default: m.FollowupDocumentsPanel })));

/** The kinds a follow-up's buttons make (manual 001). */
const FOLLOWUP_DOCUMENT_KINDS = ['quote', 'sales_order', 'sale'] as const;
type FollowupDocumentKind = (typeof FOLLOWUP_DOCUMENT_KINDS)[number];

// Customers, suppliers and prospects (search, new, page and its edit form): one chunk.
const parties = () => import('../features/parties/PartyPages');
const PartySearchPage = lazy(() => parties().then((m) => ({ default: m.PartySearchPage })));
const PartyNewPage = lazy(() => parties().then((m) => ({ default: m.PartyNewPage })));
const PartyPage = lazy(() => parties().then((m) => ({ default: m.PartyPage })));

// The audit trail: admins only, a chunk of its own.
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// Attendance types, pareceres and the history views (manual 003): one chunk.
const attendance = () => import('../features/attendance/AttendancePages');
const ParecerPage = lazy(() => attendance().then((m) => ({ default: m.ParecerPage })));
const PendingPareceresPage = lazy(() => attendance().then((m) => ({ default: m.PendingPareceresPage })));
const AttendanceTypesAdmin = lazy(() => attendance().then((m) => ({ default: m.AttendanceTypesAdmin })));
const AttendanceTypesPage = lazy(() => attendance().then((m) => ({ default: m.AttendanceTypesPage })));
const QuestionnairesAdmin = lazy(() => attendance().then((m) => ({ default: m.QuestionnairesAdmin })));
const FollowupQuestionnairesPage = lazy(() => attendance().then((m) => ({ default: m.FollowupQuestionnairesPage })));

// Workflows of attendance types: the configurator, a follow-up's steps and where each
// follow-up stands (ADR 0038): one chunk.
const workflow = () => import('../features/workflow/WorkflowPages');
const WorkflowEditorPage = lazy(() => workflow().then((m) => ({ default: m.WorkflowEditorPage })));
const FollowupWorkflowPage = lazy(() => workflow().then((m) => ({ default: m.FollowupWorkflowPage })));
const WorkflowPositionsPage = lazy(() => workflow().then((m) => ({ default: m.WorkflowPositionsPage })));

// "Dias livres" of users and booking from it (manual 003): a chunk of its own.
const FreeDaysPage = lazy(() =>
  import('../features/appointments/FreeDaysPage').then((m) => ({ default: m.FreeDaysPage })),
);

// "Envio para clientes" (manual 003): admins' and supervisors' mailings, a chunk of its own.
const MailingsPage = lazy(() => import('../features/mailings/MailingsPage').then((m) => ({ default: m.MailingsPage })));

// The manager reports and their charting library: a chunk of their own.
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));

function chunk(page: ReactNode) {
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}

function configure(page: ReactNode) {
  return <RightGuard right="configure_attendance">{chunk(page)}</RightGuard>;
}

function calendar(date?: string) {
  return (
    <Suspense fallback={<Loading />}>
      <CalendarPage date={date} />
    </Suspense>
  );
}

/** A real civil date "YYYY-MM-DD". */
function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export type NavKey =
  | 'agenda'
  | 'calendar'
  | 'freedays'
  | 'followups'
  | 'pareceres'
  | 'workflow'
  | 'attendance'
  | 'documents'
  | 'parties'
  | 'reports'
  | 'mailings'
  | 'admin'
  | 'profile';

interface Route {
  pattern: string;
  nav: NavKey;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/agenda', nav: 'agenda', render: () => <AgendaPage /> },
  { pattern: '/calendar', nav: 'calendar', render: () => calendar() },
  { pattern: '/calendar/:date', nav: 'calendar', render: (p) => calendar(p.date) },
  { pattern: '/free-days', nav: 'freedays', render: () => chunk(<FreeDaysPage />) },
  { pattern: '/mailings', nav: 'mailings', render: () => chunk(<MailingsPage />) },
  {
    pattern: '/followups',
    nav: 'followups',
    render: () => <FollowupListPage selectionBar={(s) => <BulkBar selection={s} />} />,
  },
  { pattern: '/followups/new', nav: 'followups', render: () => <FollowupNewPage /> },
  {
    pattern: '/followups/:id',
    nav: 'followups',
    render: (p) => (
      <FollowupDetailPage
        key={p.id}
        id={Number(p.id)}
        documents={(f, onChanged) => chunk(<FollowupDocumentsPanel followup={f} onChanged={onChanged} />)}
        proposals={(f, canChange, onChanged) =>
          chunk(<ProposalsPanel followup={f} canChange={canChange} onChanged={onChanged} />)
        }
      />
    ),
  },
  {
    pattern: '/followups/:id/documents/new/:kind',
    nav: 'followups',
    render: (p) =>
      chunk(<FollowupDocumentEditor key={p.id} followupId={Number(p.id)} kind={p.kind as FollowupDocumentKind} />),
  },
  {
    pattern: '/followups/:id/parecer',
    nav: 'followups',
    render: (p) => chunk(<ParecerPage key={p.id} id={Number(p.id)} />),
  },
  {
    pattern: '/followups/:id/workflow',
    nav: 'followups',
    render: (p) => chunk(<FollowupWorkflowPage key={p.id} id={Number(p.id)} />),
  },
  {
    pattern: '/followups/:id/questionnaires',
    nav: 'followups',
    render: (p) => chunk(<FollowupQuestionnairesPage key={p.id} id={Number(p.id)} />),
  },
  { pattern: '/workflow', nav: 'workflow', render: () => chunk(<WorkflowPositionsPage />) },
  // The configurators take the configure_attendance right, not the admin role (ADR 0040).
  {
    pattern: '/attendance-types',
    nav: 'attendance',
    render: () => configure(<AttendanceTypesPage />),
  },
  {
    pattern: '/attendance-types/:id/workflow',
    nav: 'attendance',
    render: (p) => configure(<WorkflowEditorPage key={p.id} typeId={Number(p.id)} />),
  },
  {
    pattern: '/attendance-types/:id/questionnaires',
    nav: 'attendance',
    render: (p) => configure(<QuestionnairesAdmin key={p.id} typeId={Number(p.id)} />),
  },
  { pattern: '/pareceres', nav: 'pareceres', render: () => chunk(<PendingPareceresPage />) },
  { pattern: '/documents', nav: 'documents', render: () => chunk(<DocumentListPage />) },
  { pattern: '/documents/new', nav: 'documents', render: () => chunk(<DocumentFormPage />) },
  { pattern: '/documents/import', nav: 'documents', render: () => chunk(<ImportPage />) },
  { pattern: '/documents/:id', nav: 'documents', render: (p) => chunk(<DocumentPage key={p.id} id={Number(p.id)} />) },
  {
    pattern: '/documents/:id/edit',
    nav: 'documents',
    render: (p) => chunk(<DocumentFormPage key={p.id} id={Number(p.id)} />),
  },
  { pattern: '/parties', nav: 'parties', render: () => chunk(<PartySearchPage />) },
  { pattern: '/parties/new', nav: 'parties', render: () => chunk(<PartyNewPage />) },
  { pattern: '/parties/:id', nav: 'parties', render: (p) => chunk(<PartyPage key={p.id} id={Number(p.id)} />) },
  {
    pattern: '/reports',
    nav: 'reports',
    render: () => chunk(<ReportsPage selectionBar={(s) => <BulkBar selection={s} />} />),
  },
  { pattern: '/audit', nav: 'admin', render: () => chunk(<AuditPage />) },
  {
    pattern: '/admin/:section',
    nav: 'admin',
    render: (p) => (
      <AdminPage section={p.section as AdminSection}>
        {p.section === 'attendance-types' ? chunk(<AttendanceTypesAdmin />) : null}
        {p.section === 'proposal-templates' ? chunk(<ProposalTemplatesAdmin />) : null}
      </AdminPage>
    ),
  },
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
    if (params.date !== undefined && !isDate(params.date)) continue;
    if (params.section !== undefined && !(ADMIN_SECTIONS as readonly string[]).includes(params.section)) continue;
    if (params.kind !== undefined && !(FOLLOWUP_DOCUMENT_KINDS as readonly string[]).includes(params.kind)) continue;
    return { nav: r.nav, element: r.render(params) };
  }
  return { nav: null, element: null };
}
