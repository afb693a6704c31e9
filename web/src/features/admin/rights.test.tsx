import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RightName, UserRights } from '../../shared/api/types';
import { RIGHTS, roleRights } from '../../shared/rights';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AdminPage } from './AdminPage';
import { rightsBody } from './RightsAdmin';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };
const carla = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

function rightsOf(user: typeof carla, granted: RightName[] = [], revoked: RightName[] = []): UserRights {
  const defaults = roleRights(user.role);
  return {
    user_id: user.id,
    role: user.role,
    rights: RIGHTS.map((right) => {
      const role_default = defaults.includes(right);
      const change = revoked.includes(right) ? 'revoked' : granted.includes(right) ? 'granted' : 'none';
      return { right, role_default, change, effective: change === 'none' ? role_default : change === 'granted' };
    }),
  };
}

describe('user rights ("Permissões de usuário")', () => {
  it('sends only what differs from the role: grants beyond it, revocations from it', () => {
    const r = rightsOf(carla).rights;
    expect(rightsBody(r, {})).toEqual({ granted: [], revoked: [] });
    expect(rightsBody(r, { export: false, configure_attendance: true, reopen: true })).toEqual({
      granted: ['configure_attendance'],
      revoked: ['export'],
    });
  });

  it('shows the role default beside each right and saves a revocation', async () => {
    const server = fakeApi({
      ...tables,
      'GET /users': { body: { items: [admin, carla] } },
      'GET /users/8/rights': { body: rightsOf(carla) },
      'PUT /users/8/rights': (req) => {
        const b = req.body as { granted: RightName[]; revoked: RightName[] };
        return { body: rightsOf(carla, b.granted, b.revoked) };
      },
    });
    renderWith(<AdminPage section="rights" />, { me: meOf(admin) });
    fireEvent.change(await screen.findByLabelText('Usuário'), { target: { value: '8' } });
    const table = await screen.findByRole('table', { name: 'Permissões de Carla Souza' });
    const row = within(table).getByRole('row', { name: /Exportar/ });
    expect(within(row).getByText('Sim')).toBeTruthy();
    expect(within(row).getByText('Padrão')).toBeTruthy();
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Exportar (CSV, XLSX, PDF)' }));
    expect(within(row).getByText('Retirada')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PUT', '/users/8/rights')[0].body).toEqual({ granted: [], revoked: ['export'] });
  });

  it('asks before leaving a user with unsaved changes', async () => {
    fakeApi({
      ...tables,
      'GET /users': { body: { items: [admin, carla] } },
      'GET /users/8/rights': { body: rightsOf(carla) },
      'GET /users/1/rights': { body: rightsOf(carla) },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    renderWith(<AdminPage section="rights" />, { me: meOf(admin) });
    const picker = await screen.findByLabelText('Usuário');
    fireEvent.change(picker, { target: { value: '8' } });
    const table = await screen.findByRole('table', { name: 'Permissões de Carla Souza' });
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Reabrir follow-ups' }));
    fireEvent.change(picker, { target: { value: '1' } });
    expect(confirm).toHaveBeenCalledTimes(1);
    await waitFor(() => expect((picker as HTMLSelectElement).value).toBe('8'));
  });
});
