// "Exportar": the list on screen as CSV, XLSX or PDF, with the filters it shows. The file
// is fetched with the user's language and session (so its headers and dates read as the
// screen does, and a refusal shows here as any other error) and handed to the browser as
// a download. A disclosure button: Enter or Space opens it, Tab walks the formats,
// Escape closes it and gives the focus back.
import { useEffect, useId, useRef, useState } from 'react';
import { download, withQuery, API_BASE, type Query } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { errorMessage } from './errors';
import { Notice } from './Notice';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export's query: the format and the list's filters, empty ones left out. */
export function exportQuery(filters: Query, format: ExportFormat): Query {
  const query: Query = { format };
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') query[k] = v;
  return query;
}

/** The export's address, as the server is asked. */
export function exportUrl(path: string, filters: Query, format: ExportFormat): string {
  return withQuery(API_BASE + path, exportQuery(filters, format));
}

export function ExportMenu({ path, filters, fileName }: { path: string; filters: Query; fileName: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    setBusy(format);
    setError(null);
    try {
      const file = await download(path, exportQuery(filters, format), `${fileName}.${format}`);
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      button.current?.focus();
    }
  };

  return (
    <div
      className="export-menu no-print"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        type="button"
        className="btn"
        ref={button}
        aria-expanded={open}
        aria-controls={id}
        aria-busy={busy !== null}
        onClick={() => setOpen((o) => !o)}
      >
        {busy ? t('export.working') : t('export.menu')}
      </button>
      {open ? (
        <ul id={id} className="export-menu-list" aria-label={t('export.menu')}>
          {EXPORT_FORMATS.map((f) => (
            <li key={f}>
              <button type="button" className="btn btn-link" onClick={() => void run(f)}>
                {t(`export.${f}`)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
    </div>
  );
}
