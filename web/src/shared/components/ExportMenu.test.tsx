import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ExportMenu, exportUrl } from './ExportMenu';

describe('export menu', () => {
  it('builds the address from the filters, leaving empty ones out', () => {
    expect(
      exportUrl('/followups/export', { status: 'open', owner_id: 7, q: 'balcão', party_id: undefined, to: '' }, 'xlsx'),
    ).toBe('/api/v1/followups/export?format=xlsx&status=open&owner_id=7&q=balc%C3%A3o');
    expect(exportUrl('/agenda/export', { scope: 'branch', when: 'overdue' }, 'pdf')).toBe(
      '/api/v1/agenda/export?format=pdf&scope=branch&when=overdue',
    );
  });

  it('opens from the keyboard, downloads with the filters and closes on Escape', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups/export': () => ({
        headers: { 'Content-Disposition': 'attachment; filename="retornos-2026-12-04.xlsx"' },
      }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    renderWith(
      <ExportMenu path="/followups/export" filters={{ status: 'open', state: 'overdue' }} fileName="retornos" />,
      {
        path: '/followups',
        me: meOf(),
      },
    );
    const button = screen.getByRole('button', { name: 'Exportar' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(screen.getByRole('button', { name: 'PDF para imprimir' }), { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: 'Planilha XLSX' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const q = server.find('GET', '/followups/export')[0].query;
    expect(q.get('format')).toBe('xlsx');
    expect(q.get('status')).toBe('open');
    expect(q.get('state')).toBe('overdue');
    expect(names).toEqual(['retornos-2026-12-04.xlsx']);
    click.mockRestore();
  });
});
