import type { User } from '../../shared/api/types';

/**
 * Who may be named responsible: agents only themselves, supervisors the users of their
 * branch, admins anyone active (the server enforces the same rule); and the `current`
 * owner, so that a select can show who it is now.
 */
export function ownerChoices(me: User, users: User[], current?: number | null): User[] {
  const active = users.filter((u) => u.active || u.id === me.id);
  let list: User[];
  if (me.role === 'admin') list = active;
  else if (me.role === 'supervisor')
    list = active.filter((u) => u.id === me.id || (me.branch_id !== null && u.branch_id === me.branch_id));
  else list = [];
  if (!list.some((u) => u.id === me.id)) list = [me, ...list];
  const owner = users.find((u) => u.id === current);
  if (owner && !list.some((u) => u.id === owner.id)) list = [...list, owner];
  return list;
}
