// A tiny history-API router: the server answers every non-/api path with index.html, so
// the app owns real paths ("/followups/12"). Enough for a dozen routes without a library.
// What the user does to leave a page (a link, a row, the back button) first asks when a
// form has unsaved changes; `navigate` itself does not, since the app calls it after a
// save or to rewrite the address of the page it stays on.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { confirmLeave } from './unsaved';

export interface Location {
  path: string;
  search: string;
}

const listeners = new Set<() => void>();
let snapshot: Location = read();

function read(): Location {
  return { path: window.location.pathname || '/', search: window.location.search };
}

function emit(): void {
  const next = read();
  if (next.path === snapshot.path && next.search === snapshot.search) return;
  snapshot = next;
  for (const l of listeners) l();
}

// Back and forward: the address has already changed; when the user keeps the unsaved
// form, the page's own address is put back on top of the history.
function onPopState(): void {
  const next = read();
  if ((next.path !== snapshot.path || next.search !== snapshot.search) && !confirmLeave()) {
    window.history.pushState(null, '', snapshot.path + snapshot.search);
    return;
  }
  emit();
}

window.addEventListener('popstate', onPopState);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Goes to `to` unless a form has unsaved changes the user chose to keep; says whether it went. */
export function leaveTo(to: string): boolean {
  if (!confirmLeave()) return false;
  navigate(to);
  return true;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  emit();
  if (!opts.replace) window.scrollTo?.(0, 0);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

/** Matches "/followups/:id" against "/followups/12" -> {id: "12"}; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A table row's onClick: opens `to`, unless the click was on a link or button of the row. */
export function openRow(to: string) {
  return (e: MouseEvent<HTMLElement>) => {
    if (!(e.target as HTMLElement).closest('a,button')) leaveTo(to);
  };
}

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    leaveTo(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
