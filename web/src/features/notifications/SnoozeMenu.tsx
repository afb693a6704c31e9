// "Snooze" with its four choices as an ARIA menu button: Enter, Space or click opens it,
// arrow keys, Home and End move, Escape closes it and gives the focus back.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SnoozeChoice } from '../../shared/api/types';
import { useI18n } from '../../shared/i18n/i18n';

export const SNOOZE_CHOICES: SnoozeChoice[] = ['15m', '1h', 'tomorrow', 'next_business_day'];

interface Props {
  onChoose: (c: SnoozeChoice) => void;
  disabled?: boolean;
  /** id of the text the button refers to (the notification's title). */
  describedBy?: string;
}

export function SnoozeMenu({ onChoose, disabled, describedBy }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) items.current[0]?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items.current.filter((x): x is HTMLButtonElement => !!x);
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % list.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    } else if (e.key === 'Tab') {
      close(false);
      return;
    }
    if (next >= 0) {
      e.preventDefault();
      list[next].focus();
    }
  };

  return (
    <div className="menu-wrap" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn btn-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('notifications.snooze')} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul className="menu" role="menu" id={`${id}-menu`} aria-label={t('notifications.snooze')} onKeyDown={onMenuKey}>
          {SNOOZE_CHOICES.map((c, i) => (
            <li key={c} role="none">
              <button
                ref={(el) => {
                  items.current[i] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(true);
                  onChoose(c);
                }}
              >
                {t(`notifications.snoozeFor.${c}`)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
