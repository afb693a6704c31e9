// Attachments (manuals 000 and 003): drop files or pick them, see each upload's
// progress, image thumbnails, PDFs opened inline in a new tab, 10 MiB at most.
import { useRef, useState, type DragEvent } from 'react';
import { api, MAX_ATTACHMENT_BYTES } from '../../shared/api/endpoints';
import type { Attachment } from '../../shared/api/types';
import { errorMessage } from '../../shared/components/errors';
import { formatBytes, formatInstant } from '../../shared/format';
import { userName, useTables } from '../../shared/hooks/useTables';
import { useI18n, type TFunction } from '../../shared/i18n/i18n';

export interface Upload {
  key: string;
  file: File;
  progress: number;
  status: 'queued' | 'uploading' | 'done' | 'failed';
  error?: string;
  previewUrl?: string;
}

let seq = 0;

/** The short mark drawn for a file without a preview: its extension ("PDF", "XLSX"). */
export function fileBadge(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toUpperCase() : '';
  return /^[A-Z0-9]{1,4}$/.test(ext) ? ext : '?';
}

export function toUploads(files: File[], t: TFunction, locale: string): Upload[] {
  return files.map((file) => {
    const tooBig = file.size > MAX_ATTACHMENT_BYTES;
    return {
      key: `u${++seq}`,
      file,
      progress: 0,
      status: tooBig ? 'failed' : 'queued',
      error: tooBig ? t('attachments.tooLargeSize', { size: formatBytes(file.size, locale) }) : undefined,
      previewUrl:
        file.type.startsWith('image/') && typeof URL.createObjectURL === 'function'
          ? URL.createObjectURL(file)
          : undefined,
    };
  });
}

/** Uploads the queued files one after the other, reporting each change. */
export async function runUploads(
  followupId: number,
  uploads: Upload[],
  update: (key: string, patch: Partial<Upload>) => void,
  t: TFunction,
): Promise<number> {
  let failed = 0;
  for (const u of uploads) {
    if (u.status !== 'queued') {
      if (u.status === 'failed') failed++;
      continue;
    }
    update(u.key, { status: 'uploading', progress: 0 });
    try {
      await api.uploadAttachment(followupId, u.file, (p) => update(u.key, { progress: p }));
      update(u.key, { status: 'done', progress: 1 });
    } catch (err) {
      failed++;
      update(u.key, { status: 'failed', error: errorMessage(err, t) });
    }
  }
  return failed;
}

export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) onFiles(files);
  };
  return (
    <div
      className={`dropzone ${over ? 'is-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>{t('attachments.dropHere')}</p>
      <button type="button" className="btn" onClick={() => input.current?.click()} disabled={disabled}>
        {t('attachments.choose')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        className="sr-only"
        tabIndex={-1}
        aria-label={t('attachments.choose')}
        data-testid="attachment-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p className="field-hint">{t('attachments.limit')}</p>
    </div>
  );
}

export function UploadList({ uploads }: { uploads: Upload[] }) {
  const { t, locale } = useI18n();
  if (!uploads.length) return null;
  return (
    <ul className="uploads" aria-label={t('attachments.uploads')}>
      {uploads.map((u) => (
        <li key={u.key} className={`upload upload-${u.status}`}>
          {u.previewUrl ? (
            <img src={u.previewUrl} alt="" className="thumb" />
          ) : (
            <span className="file-icon" aria-hidden="true">
              {fileBadge(u.file.name)}
            </span>
          )}
          <div className="upload-info">
            <span className="file-name">{u.file.name}</span>
            <span className="muted small">{formatBytes(u.file.size, locale)}</span>
            {u.status === 'uploading' || u.status === 'done' ? (
              <progress max={1} value={u.progress} aria-label={t('attachments.progress', { name: u.file.name })} />
            ) : null}
            {u.status === 'queued' ? <span className="muted small">{t('attachments.queued')}</span> : null}
            {u.status === 'done' ? <span className="small ok">{t('attachments.uploaded')}</span> : null}
            {u.error ? (
              <span className="field-error" role="alert">
                {u.error}
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function AttachmentList({ items, timeZone }: { items: Attachment[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const { users } = useTables();
  if (!items.length) return <p className="empty">{t('attachments.none')}</p>;
  return (
    <ul className="attachments">
      {items.map((a) => {
        const url = api.attachmentUrl(a.id);
        const isImage = a.content_type.startsWith('image/') && a.content_type !== 'image/svg+xml';
        const isPdf = a.content_type === 'application/pdf';
        return (
          <li key={a.id} className="attachment">
            {isImage ? (
              <a
                href={url}
                target="_blank"
                rel="noopener"
                aria-label={t('attachments.openImage', { name: a.file_name })}
              >
                <img src={url} alt={a.file_name} className="thumb" loading="lazy" />
              </a>
            ) : (
              <span className="file-icon" aria-hidden="true">
                {fileBadge(a.file_name)}
              </span>
            )}
            <div className="upload-info">
              <a href={url} target="_blank" rel="noopener" className="file-name">
                {a.file_name}
              </a>
              <span className="muted small">
                {formatBytes(a.size, locale)} · {userName(users, a.uploaded_by)} ·{' '}
                {formatInstant(a.created_at, locale, timeZone)}
              </span>
              {isPdf ? <span className="small muted">{t('attachments.opensInline')}</span> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  return { uploads, setUploads, update };
}
