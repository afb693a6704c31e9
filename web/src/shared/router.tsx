// A tiny history-API router: the server answers every non-/api path with index.html, so
// the app owns real paths ("/followups/12"). Enough for a dozen routes without a library.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

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

window.addEventListener('popstate', emit);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
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
    if (!(e.target as HTMLElement).closest('a,button')) navigate(to);
  };
}

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
