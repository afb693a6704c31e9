// WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the active tab is in
// the Tab order.
import { useId, useRef, type ReactNode } from 'react';

export interface TabDef {
  id: string;
  label: ReactNode;
}

interface TabsProps {
  tabs: TabDef[];
  active: string;
  onChange: (id: string) => void;
  label: string;
  children: ReactNode;
}

export function Tabs({ tabs, active, onChange, label, children }: TabsProps) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (delta: number | 'first' | 'last') => {
    const i = tabs.findIndex((t) => t.id === active);
    let next = i;
    if (delta === 'first') next = 0;
    else if (delta === 'last') next = tabs.length - 1;
    else next = (i + delta + tabs.length) % tabs.length;
    onChange(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  };
  return (
    <div className="tabs">
      <div
        role="tablist"
        aria-label={label}
        className="tablist"
        onKeyDown={(e) => {
          const keys: Record<string, number | 'first' | 'last'> = {
            ArrowRight: 1,
            ArrowLeft: -1,
            Home: 'first',
            End: 'last',
          };
          if (e.key in keys) {
            e.preventDefault();
            move(keys[e.key]);
          }
        }}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === active ? 0 : -1}
            className={`tab ${t.id === active ? 'is-active' : ''}`}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${active}`} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
