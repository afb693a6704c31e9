// Search a customer, supplier or prospect by code or name (manuals 001 and 003): an
// ARIA combobox with a listbox of matches, usable with arrows, Enter and Escape.
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import type { Party, PartyRef } from '../api/types';
import { useI18n } from '../i18n/i18n';

interface PartyPickerProps {
  label: string;
  value: PartyRef | null;
  onChange: (p: Party | null) => void;
  error?: string;
  required?: boolean;
  id?: string;
  placeholder?: string;
}

/** One party in a combobox's list: code, name and kind; chosen by mouse without blurring the input. */
export function PartyOption({
  party,
  index,
  listId,
  active,
  onChoose,
}: {
  party: Party;
  index: number;
  listId: string;
  active: boolean;
  onChoose: (p: Party) => void;
}) {
  const { t } = useI18n();
  return (
    <li
      id={`${listId}-${index}`}
      role="option"
      aria-selected={active}
      className={active ? 'is-active' : ''}
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose(party);
      }}
    >
      <span className="code">{party.code}</span> {party.name}
      <span className="muted"> · {t(`party.kind.${party.kind}`)}</span>
    </li>
  );
}

export function partyLabel(p: PartyRef): string {
  return `${p.code} — ${p.name}`;
}

export function PartyPicker({ label, value, onChange, error, required, id, placeholder }: PartyPickerProps) {
  const { t } = useI18n();
  const auto = useId();
  const fid = id ?? auto;
  const listId = `${fid}-list`;
  const [text, setText] = useState(value ? partyLabel(value) : '');
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Party[]>([]);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const abort = useRef<AbortController>();

  useEffect(() => {
    setText(value ? partyLabel(value) : '');
  }, [value]);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      abort.current?.abort();
      const ctrl = new AbortController();
      abort.current = ctrl;
      setBusy(true);
      api
        .parties(q.trim(), '', 20, ctrl.signal)
        .then((list) => {
          setItems(list);
          setActive(list.length ? 0 : -1);
          setOpen(true);
        })
        .catch(() => {})
        .finally(() => setBusy(false));
    }, 250);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  const choose = (p: Party) => {
    onChange(p);
    setText(partyLabel(p));
    setOpen(false);
  };

  const describedBy = error ? `${fid}-err` : undefined;
  return (
    <div className={`field party-picker ${error ? 'has-error' : ''}`}>
      <label htmlFor={fid} className="field-label">
        {label}
        {required ? (
          <span className="field-required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      <div className="combo">
        <input
          id={fid}
          type="search"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy}
          placeholder={placeholder ?? t('party.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (value) onChange(null);
            search(e.target.value);
          }}
          onFocus={() => {
            if (!value && !open) search(text);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) search(text);
              else setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
              e.preventDefault();
              choose(items[active]);
            } else if (e.key === 'Escape' && open) {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            }
          }}
        />
        {busy ? <span className="spinner combo-spinner" aria-hidden="true" /> : null}
        <ul id={listId} role="listbox" aria-label={label} className="combo-list" hidden={!open}>
          {items.length === 0 ? (
            <li className="combo-empty" role="option" aria-disabled="true" aria-selected="false">
              {t('party.noMatches')}
            </li>
          ) : (
            items.map((p, i) => (
              <PartyOption key={p.id} party={p} index={i} listId={listId} active={i === active} onChoose={choose} />
            ))
          )}
        </ul>
      </div>
      {error ? (
        <span className="field-error" id={`${fid}-err`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
