// Administration (admins only): users, their rights ("Permissões de usuário"), branches, contact types, categories, the
// organization settings with the general switch of the return alert [001], e-mail (SMTP,
// test, health, outbox), the e-mail templates and the catalogue of products and services.
// Users and the catalogue are chunks of their own: only admins ever open them.
import { lazy, Suspense, type ReactNode } from 'react';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';
import { useMe } from '../../shared/session';
import { BranchesAdmin } from './BranchesAdmin';
import { CodeTableAdmin } from './CodeTableAdmin';
import { MailAdmin } from './MailAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { TemplatesAdmin } from './TemplatesAdmin';

const UsersAdmin = lazy(() => import('./UsersAdmin').then((m) => ({ default: m.UsersAdmin })));
const RightsAdmin = lazy(() => import('./RightsAdmin').then((m) => ({ default: m.RightsAdmin })));
const CatalogAdmin = lazy(() => import('./CatalogAdmin').then((m) => ({ default: m.CatalogAdmin })));

export const ADMIN_SECTIONS = [
  'users',
  'rights',
  'branches',
  'contact-types',
  'categories',
  'catalog',
  'settings',
  'mail',
  'templates',
  'attendance-types',
  'proposal-templates',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** `children`: a section another feature brings (app/routes.tsx puts it here). */
export function AdminPage({ section, children }: { section: AdminSection; children?: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  if (me.user.role !== 'admin') {
    return (
      <>
        <PageHeader title={t('admin.title')} />
        <Notice kind="error">{t('admin.onlyAdmins')}</Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`${t('admin.title')} — ${t(`admin.section.${section}`)}`} />
      <nav className="subnav" aria-label={t('admin.title')}>
        {ADMIN_SECTIONS.map((s) => (
          <Link
            key={s}
            to={`/admin/${s}`}
            className={s === section ? 'is-active' : ''}
            aria-current={s === section ? 'page' : undefined}
          >
            {t(`admin.section.${s}`)}
          </Link>
        ))}
        <Link to="/audit">{t('audit.title')}</Link>
      </nav>
      {section === 'users' ? (
        <Suspense fallback={<Loading />}>
          <UsersAdmin />
        </Suspense>
      ) : null}
      {section === 'rights' ? (
        <Suspense fallback={<Loading />}>
          <RightsAdmin />
        </Suspense>
      ) : null}
      {section === 'branches' ? <BranchesAdmin /> : null}
      {section === 'contact-types' ? <CodeTableAdmin table="contact-types" /> : null}
      {section === 'categories' ? <CodeTableAdmin table="categories" /> : null}
      {section === 'catalog' ? (
        <Suspense fallback={<Loading />}>
          <CatalogAdmin />
        </Suspense>
      ) : null}
      {section === 'settings' ? <SettingsAdmin /> : null}
      {section === 'mail' ? <MailAdmin /> : null}
      {section === 'templates' ? <TemplatesAdmin /> : null}
      {children}
    </>
  );
}
