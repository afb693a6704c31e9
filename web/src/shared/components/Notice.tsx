import type { ReactNode } from 'react';

interface NoticeProps {
  kind?: 'error' | 'info' | 'success' | 'warning';
  children: ReactNode;
  actions?: ReactNode;
}

/** A banner; errors and warnings are announced at once, the others politely. */
export function Notice({ kind = 'info', children, actions }: NoticeProps) {
  const urgent = kind === 'error' || kind === 'warning';
  return (
    <div className={`notice notice-${kind}`} role={urgent ? 'alert' : 'status'}>
      <div className="notice-text">{children}</div>
      {actions ? <div className="notice-actions">{actions}</div> : null}
    </div>
  );
}

/** Someone else saved first (412): says so and offers to load their version. */
export function StaleNotice({
  text,
  reloadLabel,
  onReload,
}: {
  text: string;
  reloadLabel: string;
  onReload: () => void;
}) {
  return (
    <Notice
      kind="warning"
      actions={
        <button type="button" className="btn btn-primary" onClick={onReload}>
          {reloadLabel}
        </button>
      }
    >
      {text}
    </Notice>
  );
}
