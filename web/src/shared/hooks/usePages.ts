import { useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  /** The server's count of every page, sent with the first page of lists that count. */
  total?: number | null;
}

export interface PagesState<T> {
  /** Every item of the pages loaded so far. */
  items: T[];
  /** The cursor of the next page; null at the end. */
  cursor: string | null;
  /** How many items all pages hold, when the server counts them; else null. */
  total: number | null;
  loading: boolean;
  error: unknown;
  /** Loads the page after `cursor` and adds its items to the list. */
  loadMore: (cursor: string) => void;
}

/**
 * A list loaded by cursor, one page at a time: a change of `query` (compared by identity,
 * as the deps of an effect) starts it again from the first page; the latest request wins.
 */
export function usePages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, query: unknown): PagesState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = (next: string | null) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    fetchRef.current(next).then(
      (page) => {
        if (mine !== seq.current) return;
        setItems((old) => (next ? [...old, ...page.items] : page.items));
        setCursor(page.next_cursor);
        if (!next) setTotal(page.total ?? null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setTotal(null);
    load(null);
    // A new query replaces the list.
  }, [query]);

  return { items, cursor, total, loading, error, loadMore: load };
}
