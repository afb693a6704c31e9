// The code of a catalogue item (product or service), typed or picked from the catalogue:
// a text field whose suggestions (a datalist) come from GET /catalog?q= as the user types.
// A code that matches an item hands the item to `onPick` (to fill the description).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import type { CatalogItem } from '../api/types';
import { TextField } from './Field';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  onPick: (item: CatalogItem) => void;
  error?: string;
  required?: boolean;
}

export function CatalogCodeField({ id, label, value, onChange, onPick, error, required }: Props) {
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [query, setQuery] = useState<string | null>(null);
  const abort = useRef<AbortController>();

  // Asked only once the user types or enters the field, 250 ms after the last key.
  useEffect(() => {
    if (query === null) return;
    const timer = setTimeout(() => {
      abort.current?.abort();
      const ctrl = new AbortController();
      abort.current = ctrl;
      api.catalog(query.trim(), '', ctrl.signal).then(
        (list) => {
          const active = list.filter((i) => i.active);
          setItems(active);
          const hit = active.find((i) => i.code === query.trim());
          if (hit) onPick(hit);
        },
        () => {},
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => () => abort.current?.abort(), []);

  const listId = `${id}-catalog`;
  return (
    <>
      <TextField
        id={id}
        label={label}
        value={value}
        list={listId}
        autoComplete="off"
        required={required}
        error={error}
        onFocus={() => {
          if (query === null) setQuery(value);
        }}
        onChange={(e) => {
          const code = e.target.value;
          onChange(code);
          const hit = items.find((i) => i.code === code.trim());
          if (hit) onPick(hit);
          else setQuery(code);
        }}
      />
      <datalist id={listId}>
        {items.map((i) => (
          <option key={i.id} value={i.code}>
            {i.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
