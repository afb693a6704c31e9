// Form fields with a visible label, a hint and the server's error next to the field
// (aria-invalid + aria-describedby so screen readers read the error with the field).
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface Shell {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Extras({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-err`} role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean }) {
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {required ? (
        <span className="field-required" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </label>
  );
}

type InputProps = Shell & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>;

export function TextField({ label, error, hint, className, id, required, ...input }: InputProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <Label id={fid} label={label} required={required} />
      <input
        id={fid}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(fid, error, hint)}
        {...input}
      />
      <Extras id={fid} error={error} hint={hint} />
    </div>
  );
}

type AreaProps = Shell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'>;

export function TextArea({ label, error, hint, className, id, required, ...area }: AreaProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <Label id={fid} label={label} required={required} />
      <textarea
        id={fid}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(fid, error, hint)}
        {...area}
      />
      <Extras id={fid} error={error} hint={hint} />
    </div>
  );
}

type SelectProps = Shell & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'>;

export function SelectField({ label, error, hint, className, id, required, children, ...select }: SelectProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <Label id={fid} label={label} required={required} />
      <select
        id={fid}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(fid, error, hint)}
        {...select}
      >
        {children}
      </select>
      <Extras id={fid} error={error} hint={hint} />
    </div>
  );
}

type CheckProps = Shell & Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type'>;

export function CheckboxField({ label, error, hint, className, id, ...input }: CheckProps) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <div className={`field field-check ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <input
        id={fid}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, error, hint)}
        {...input}
      />
      <label htmlFor={fid}>{label}</label>
      <Extras id={fid} error={error} hint={hint} />
    </div>
  );
}
