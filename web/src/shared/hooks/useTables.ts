// Reference tables (users, branches, contact types, categories), fetched once per page
// load and shared by every screen; the admin screens invalidate them after a change.
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { Branch, CodeItem, User } from '../api/types';

export interface Tables {
  users: User[];
  branches: Branch[];
  contactTypes: CodeItem[];
  categories: CodeItem[];
}

const EMPTY: Tables = { users: [], branches: [], contactTypes: [], categories: [] };

let cache: Promise<Tables> | null = null;
const listeners = new Set<() => void>();

function fetchTables(): Promise<Tables> {
  if (!cache) {
    cache = Promise.all([
      api.users().catch(() => [] as User[]),
      // Retired rows too: old records still name them; pickers use offered().
      api.branches(true).catch(() => [] as Branch[]),
      api.contactTypes(true).catch(() => [] as CodeItem[]),
      api.categories(true).catch(() => [] as CodeItem[]),
    ]).then(([users, branches, contactTypes, categories]) => ({ users, branches, contactTypes, categories }));
  }
  return cache;
}

export function invalidateTables(): void {
  cache = null;
  for (const l of listeners) l();
}

export function useTables(): Tables & { ready: boolean } {
  const [state, setState] = useState<{ tables: Tables; ready: boolean }>({ tables: EMPTY, ready: false });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const l = () => setVersion((v) => v + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  useEffect(() => {
    let alive = true;
    void fetchTables().then((tables) => alive && setState({ tables, ready: true }));
    return () => {
      alive = false;
    };
  }, [version]);
  return { ...state.tables, ready: state.ready };
}

/**
 * What a picker offers for a new record: the rows not retired, in the admin's order,
 * plus `keep` (the value a record already holds, retired or not, so editing it does
 * not silently change it).
 */
export function offered<T extends { active?: boolean }>(items: T[], keep?: (item: T) => boolean): T[] {
  return items.filter((i) => i.active !== false || (keep ? keep(i) : false));
}

/** Display name of a code (contact type or category), or the code itself. */
export function nameOf(items: CodeItem[], code: string): string {
  return items.find((i) => i.code === code)?.name ?? code;
}

export function userName(users: User[], id: number | null | undefined): string {
  if (id == null) return '';
  return users.find((u) => u.id === id)?.name ?? `#${id}`;
}

export function branchName(branches: Branch[], id: number | null | undefined): string {
  if (id == null) return '';
  return branches.find((b) => b.id === id)?.name ?? `#${id}`;
}
