import type { Branch, User } from './api/types';

/**
 * The people and branches a viewer may ask a list about: the same rule the server
 * enforces (agents themselves and their branch, supervisors the people of their branch
 * and that branch, admins everyone). A filter never offers what would answer 403.
 */
export function visibleUsers(me: User, users: User[]): User[] {
  if (me.role === 'admin') return users;
  if (me.role === 'supervisor' && me.branch_id !== null)
    return users.filter((u) => u.id === me.id || u.branch_id === me.branch_id);
  return users.filter((u) => u.id === me.id);
}

export function visibleBranches(me: User, branches: Branch[]): Branch[] {
  if (me.role === 'admin') return branches;
  return branches.filter((b) => b.id === me.branch_id);
}
