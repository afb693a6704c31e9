import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ProfilePage } from './ProfilePage';

describe('profile', () => {
  it('lets the user choose a morning digest instead of one e-mail per return', async () => {
    const server = fakeApi({
      ...tables,
      'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
      'GET /me': { body: meOf({ ...agent, email_reminders: 'digest' }) },
    });
    renderWith(<ProfilePage />, { me: meOf() });
    const select = screen.getByLabelText('Lembretes por e-mail') as HTMLSelectElement;
    expect(select.value).toBe('each');
    fireEvent.change(select, { target: { value: 'digest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Alterações salvas.');
    expect(server.find('PATCH', '/users/7')[0].body).toEqual({ email_reminders: 'digest' });
    await waitFor(() => expect(server.find('GET', '/me')).toHaveLength(1));
  });

  it('sends nothing when nothing changed', async () => {
    const server = fakeApi({ ...tables });
    renderWith(<ProfilePage />, { me: meOf() });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(server.find('PATCH', '/users/7')).toHaveLength(0);
  });
});
