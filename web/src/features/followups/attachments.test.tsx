import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { api } from '../../shared/api/endpoints';
import type { Attachment } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupDetailPage } from './FollowupDetailPage';
import { fileBadge, runUploads, toUploads } from './Attachments';

const t = (k: string, p?: Record<string, string | number>) => translate('pt-BR', k, p);

function file(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

const attachment = (id: number, name: string, type: string): Attachment => ({
  id,
  followup_id: 1043,
  file_name: name,
  content_type: type,
  size: 2048,
  sha256: '0'.repeat(64),
  uploaded_by: 7,
  created_at: '2026-11-23T10:00:00-03:00',
  url: `/api/v1/attachments/${id}`,
});

describe('attachments', () => {
  it('marks files without a preview by their extension', () => {
    expect(fileBadge('laudo.pdf')).toBe('PDF');
    expect(fileBadge('planilha.final.xlsx')).toBe('XLSX');
    expect(fileBadge('LEIAME')).toBe('?');
  });

  it('refuses files over 10 MiB before sending them', () => {
    const [big, ok] = toUploads(
      [file('video.mp4', 'video/mp4', 11 * 1024 * 1024), file('laudo.pdf', 'application/pdf', 1000)],
      t,
      'pt-BR',
    );
    expect(big.status).toBe('failed');
    expect(big.error).toBe('Arquivo de 11 MB: o limite é 10 MB.');
    expect(ok.status).toBe('queued');
  });

  it('uploads one after the other, reporting progress and the server refusal (413)', async () => {
    const spy = vi.spyOn(api, 'uploadAttachment').mockImplementation(async (_id, f, progress) => {
      progress?.(0.5);
      if (f.name === 'grande.pdf') throw new ApiError(413, { code: 'too_large', detail: 'Arquivo maior que 10 MiB.' });
      return attachment(1, f.name, f.type);
    });
    const uploads = toUploads(
      [file('foto.jpg', 'image/jpeg', 100), file('grande.pdf', 'application/pdf', 100)],
      t,
      'pt-BR',
    );
    const updates: [string, object][] = [];
    const failed = await runUploads(1043, uploads, (k, p) => updates.push([k, p]), t);
    expect(failed).toBe(1);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(updates).toContainEqual([uploads[0].key, { progress: 0.5 }]);
    expect(updates).toContainEqual([uploads[0].key, { status: 'done', progress: 1 }]);
    expect(updates).toContainEqual([
      uploads[1].key,
      { status: 'failed', error: 'Arquivo ou requisição grande demais (máx. 10 MB).' },
    ]);
  });

  it('shows image previews and opens PDFs in the browser', async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': {
        body: followupOf({
          attachments: [attachment(1, 'foto.jpg', 'image/jpeg'), attachment(2, 'laudo.pdf', 'application/pdf')],
        }),
        headers: { ETag: '"3"' },
      },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const img = (await screen.findByRole('img', { name: 'foto.jpg' })) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('/api/v1/attachments/1');
    const pdf = screen.getByRole('link', { name: 'laudo.pdf' });
    expect(pdf.getAttribute('href')).toBe('/api/v1/attachments/2');
    expect(pdf.getAttribute('target')).toBe('_blank');
  });

  it('uploads dropped files to the follow-up and reloads it', async () => {
    const server = fakeApi({ ...tables, 'GET /followups/1043': { body: followupOf(), headers: { ETag: '"3"' } } });
    const spy = vi.spyOn(api, 'uploadAttachment').mockResolvedValue(attachment(3, 'nota.png', 'image/png'));
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const zone = (await screen.findByText('Arraste imagens, PDFs ou outros arquivos para cá')).parentElement!;
    fireEvent.drop(zone, { dataTransfer: { files: [file('nota.png', 'image/png', 10)] } });
    await waitFor(() => expect(spy).toHaveBeenCalledWith(1043, expect.any(File), expect.any(Function)));
    await waitFor(() => expect(server.find('GET', '/followups/1043')).toHaveLength(2));
  });
});
