// The appointments panel of a follow-up (manual 003): upcoming, previous and deleted
// ones apart, "Dias livres" of the owner, deleting one after a confirmation.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Appointment } from '../../shared/api/types';
import { agent, fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AppointmentsPanel } from './AppointmentsPanel';

const of = (id: number, starts: string, ends: string, over: Partial<Appointment> = {}): Appointment => ({
  id,
  followup_id: 5,
  starts_at: starts,
  ends_at: ends,
  place: 'Sala 2',
  note: '',
  attendees: [{ id: 7, name: 'João Lima' }],
  version: 1,
  created_by: { id: 7, name: 'João Lima' },
  created_at: '2020-01-01T10:00:00-03:00',
  updated_at: '2020-01-01T10:00:00-03:00',
  deleted_at: null,
  deleted_by: null,
  ...over,
});

describe('the appointments panel', () => {
  it('lists upcoming, previous and deleted ones apart, and deletes one after asking', async () => {
    const server = fakeApi({
      ...tables,
      'GET /followups/5/appointments': {
        body: {
          items: [
            of(1, '2020-03-10T10:00:00-03:00', '2020-03-10T11:00:00-03:00'),
            of(2, '2020-03-11T10:00:00-03:00', '2020-03-11T11:00:00-03:00', {
              deleted_at: '2020-03-01T09:00:00-03:00',
              deleted_by: { id: 8, name: 'Carla Souza' },
            }),
            of(3, '2099-03-12T10:00:00-03:00', '2099-03-12T11:30:00-03:00', { place: 'Oficina' }),
          ],
        },
      },
      'DELETE /appointments/3': { status: 204 },
    });
    const onChanged = vi.fn();
    renderWith(<AppointmentsPanel followup={followupOf({ id: 5, owner_id: 7 })} canChange onChanged={onChanged} />, {
      me: meOf(agent),
    });
    const panel = await screen.findByRole('region', { name: 'Agendamentos' });
    await waitFor(() => expect(panel.textContent).toContain('Oficina'));
    const lists = within(panel).getAllByRole('list');
    expect(lists).toHaveLength(3);
    expect(lists[0].textContent).toContain('12/03/2099');
    expect(lists[0].textContent).toContain('– 11:30');
    expect(lists[1].textContent).toContain('10/03/2020');
    expect(lists[2].textContent).toContain('Excluído por Carla Souza');
    expect(within(panel).getByRole('link', { name: 'Dias livres' }).getAttribute('href')).toBe(
      '/free-days?followup=5&users=7',
    );
    // Only upcoming ones are deleted from here.
    const del = within(panel).getAllByRole('button', { name: 'Excluir' });
    expect(del).toHaveLength(1);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(del[0]);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Agendamento excluído.'));
    expect(server.find('DELETE', '/appointments/3')).toHaveLength(1);
  });
});
