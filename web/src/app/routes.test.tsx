import { describe, expect, it } from 'vitest';
import { resolve } from './routes';

describe('routes', () => {
  it('sends / to My returns and /admin to users', () => {
    expect(resolve('/').redirect).toBe('/agenda');
    expect(resolve('/admin').redirect).toBe('/admin/users');
  });

  it('resolves pages and their menu entry', () => {
    expect(resolve('/agenda').nav).toBe('agenda');
    expect(resolve('/followups/new').nav).toBe('followups');
    expect(resolve('/followups/12/').nav).toBe('followups');
    expect(resolve('/parties/3').nav).toBe('parties');
    expect(resolve('/admin/settings').nav).toBe('admin');
    expect(resolve('/calendar').nav).toBe('calendar');
    expect(resolve('/calendar/2026-12-03').nav).toBe('calendar');
    expect(resolve('/admin/catalog').nav).toBe('admin');
    for (const p of ['/documents', '/documents/new', '/documents/import', '/documents/900', '/documents/900/edit']) {
      expect(resolve(p).nav).toBe('documents');
      expect(resolve(p).element).not.toBeNull();
    }
    // The editor of a quote, an order or a sale made from a follow-up.
    for (const kind of ['quote', 'sales_order', 'sale']) {
      expect(resolve(`/followups/12/documents/new/${kind}`).nav).toBe('followups');
      expect(resolve(`/followups/12/documents/new/${kind}`).element).not.toBeNull();
    }
  });

  it('knows nothing of unknown paths, ids or admin sections', () => {
    expect(resolve('/nowhere').element).toBeNull();
    expect(resolve('/followups/abc').element).toBeNull();
    expect(resolve('/admin/secrets').element).toBeNull();
    expect(resolve('/calendar/2026-13-01').element).toBeNull();
    expect(resolve('/calendar/tomorrow').element).toBeNull();
    expect(resolve('/documents/abc').element).toBeNull();
    expect(resolve('/documents/abc/edit').element).toBeNull();
    // A follow-up's buttons make no service order.
    expect(resolve('/followups/12/documents/new/service_order').element).toBeNull();
  });
});
