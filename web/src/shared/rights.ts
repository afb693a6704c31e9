// What the signed-in user may do beyond seeing (ADR 0040): /me lists the named rights
// that hold (the role's defaults with the admin's changes). Screens hide the actions the
// user lacks; the server refuses them anyway.
import type { Me, RightName, Role } from './api/types';

/** The list of rights, in the server's order. */
export const RIGHTS: RightName[] = [
  'reopen',
  'reassign',
  'bulk_change',
  'export',
  'create_documents',
  'configure_attendance',
  'view_reports',
];

/** Each role's rights before any change (the server's RoleHasRight). */
export function roleRights(role: Role): RightName[] {
  if (role === 'admin') return [...RIGHTS];
  const everyone: RightName[] = ['bulk_change', 'export', 'view_reports'];
  if (role === 'supervisor') return RIGHTS.filter((r) => r !== 'configure_attendance');
  return RIGHTS.filter((r) => everyone.includes(r));
}

export function hasRight(me: Me, right: RightName): boolean {
  return me.rights.includes(right);
}

/** Where the attendance types are configured: the admin's section, or their own page for a user granted the right. */
export function attendanceTypesPath(me: Me): string {
  return me.user.role === 'admin' ? '/admin/attendance-types' : '/attendance-types';
}
