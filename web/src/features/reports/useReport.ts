// A report read page by page: the first page (its totals cover every page) and the
// pages "show more" adds, started again when the filters (`deps`) change.
import { useState } from 'react';
import { useAsync } from '../../shared/hooks/useAsync';

export function useReport<T extends { next_cursor?: string | null }>(
  load: (cursor?: string | null) => Promise<T>,
  deps: unknown[],
) {
  const first = useAsync(() => load(), deps);
  const [more, setMore] = useState<{ pages: T[]; error: unknown }>({ pages: [], error: null });
  const [key, setKey] = useState(deps);
  if (key.some((d, i) => d !== deps[i])) {
    setKey(deps);
    setMore({ pages: [], error: null });
  }
  const last = more.pages.length ? more.pages[more.pages.length - 1] : first.data;
  const loadMore = () =>
    load(last?.next_cursor).then(
      (p) => setMore((m) => ({ pages: [...m.pages, p], error: null })),
      (error: unknown) => setMore((m) => ({ ...m, error })),
    );
  return {
    first,
    pages: first.data ? [first.data, ...more.pages] : [],
    next: last?.next_cursor,
    loadMore,
    error: more.error,
  };
}
