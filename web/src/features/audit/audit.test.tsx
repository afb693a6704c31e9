import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/types';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AuditPage, changeLines } from './AuditPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

function row(id: number, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2026-12-03T10:14:02-03:00',
    actor_id: 1,
    actor_login: 'admin',
    client_ip: '203.0.113.7',
    user_agent: 'Firefox',
    entity: 'user',
    entity_id: '7',
    action: 'update',
    before: { role: 'agent' },
    after: { role: 'supervisor' },
    ...over,
  };
}

describe('audit trail screen', () => {
  it('lists the rows with their changes, filters and pages', async () => {
    const server = fakeApi({
      ...tables,
      'GET /users': { body: { items: [admin] } },
      'GET /audit': (req) =>
        req.query.get('cursor')
          ? {
              body: {
                items: [row(1, { entity: 'party', entity_id: '3', action: 'create', before: null })],
                next_cursor: null,
              },
            }
          : { body: { items: [row(2)], next_cursor: '2' } },
    });
    renderWith(<AuditPage />, { path: '/audit', me: meOf(admin) });
    const table = await screen.findByRole('table');
    await within(table).findByText('role: "agent" → "supervisor"');
    expect(within(table).getByText('203.0.113.7')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    await within(table).findByText('Cliente / Fornecedor #3');
    fireEvent.change(screen.getByLabelText('Registro'), { target: { value: 'party' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pesquisar' }));
    await waitFor(() =>
      expect(server.calls.some((c) => c.path === '/audit' && c.query.get('entity') === 'party')).toBe(true),
    );
    expect(screen.getByRole('button', { name: /Exportar/ })).toBeTruthy();
  });

  it('is for admins only', () => {
    fakeApi({ ...tables });
    renderWith(<AuditPage />, { path: '/audit', me: meOf(agent) });
    expect(screen.getByText(/Somente administradores|administradores/)).toBeTruthy();
  });

  it('describes a creation by its new values', () => {
    expect(changeLines({ before: null, after: { name: 'X' } })).toEqual(['name: "X"']);
  });
});
