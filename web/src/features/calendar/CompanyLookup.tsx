// The company field of the "+" opportunity dialog: what the user types is the new
// prospect's name, and while they type, the parties already registered that match
// (by name, code, contact, e-mail, phone or CPF/CNPJ/RFC, without accents) are listed
// below it, so an existing customer is chosen instead of registered twice. An ARIA
// combobox: arrows move, Enter chooses, Escape closes; the search waits for a pause.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Party } from '../../shared/api/types';
import { PartyOption } from '../../shared/components/PartyPicker';
import { useI18n } from '../../shared/i18n/i18n';

/** How long typing must pause before the parties are searched. */
export const LOOKUP_DEBOUNCE_MS = 250;
/** Fewer characters than this match too much to be useful. */
const MIN_CHARS = 2;

interface Props {
  id: string;
  label: string;
  text: string;
  onText: (text: string) => void;
  /** Chosen: the party to link the follow-up to; null: a new prospect named `text`. */
  party: Party | null;
  onParty: (p: Party | null) => void;
  error?: string;
}

export function CompanyLookup({ id, label, text, onText, party, onParty, error }: Props) {
  const { t } = useI18n();
  const listId = `${id}-list`;
  const [items, setItems] = useState<Party[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const abort = useRef<AbortController>();

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      abort.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    clearTimeout(timer.current);
    abort.current?.abort();
    if (q.trim().length < MIN_CHARS) {
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(() => {
      const ctrl = new AbortController();
      abort.current = ctrl;
      api
        .parties(q.trim(), '', 8, ctrl.signal)
        .then((list) => {
          setItems(list);
          setActive(-1); // Enter keeps the typed name unless a match is picked
          setOpen(list.length > 0);
        })
        .catch(() => {}); // the lookup is a help: without it, a new prospect is made
    }, LOOKUP_DEBOUNCE_MS);
  };

  const choose = (p: Party) => {
    onParty(p);
    onText(p.name);
    setOpen(false);
  };

  const describedBy = [error ? `${id}-err` : '', party ? `${id}-linked` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        <span className="field-required" aria-hidden="true">
          {' *'}
        </span>
      </label>
      <div className="combo">
        <input
          id={id}
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-required
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => {
            onText(e.target.value);
            if (party) onParty(null);
            search(e.target.value);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && open) {
              e.preventDefault();
              setActive((a) => Math.min(items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp' && open) {
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
        <ul id={listId} role="listbox" aria-label={t('opportunity.existing')} className="combo-list" hidden={!open}>
          {items.map((p, i) => (
            <PartyOption key={p.id} party={p} index={i} listId={listId} active={i === active} onChoose={choose} />
          ))}
        </ul>
      </div>
      {party ? (
        <p className="field-hint" id={`${id}-linked`}>
          {t('opportunity.linked', { code: party.code, name: party.name })}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onParty(null)}>
            {t('opportunity.unlink')}
          </button>
        </p>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-err`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
