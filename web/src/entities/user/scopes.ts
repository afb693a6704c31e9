import type { AgendaScope } from '../../shared/api/types';

/**
 * Whose returns a user may look at (agenda, calendar): agents their own, supervisors
 * their branch's too, admins everyone's. The server refuses a wider scope the same way.
 */
export function scopesFor(role: string): AgendaScope[] {
  if (role === 'admin') return ['mine', 'branch', 'all'];
  if (role === 'supervisor') return ['mine', 'branch'];
  return ['mine'];
}
