// "Dias livres" (manual 003): the grid of users × days in each state, booking from a free
// day of a user in another zone (the slot offered in the viewer's time), the conflict
// warning with "undo", and the page in Spanish.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BookedAppointment, UserFreeDays } from '../../shared/api/types';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FreeDaysPage, slotInViewerTime } from './FreeDaysPage';

const supervisor = { ...agent, id: 8, login: 'carla', name: 'Carla Souza', role: 'supervisor' as const };

const grid: UserFreeDays[] = [
  {
    user: { id: 7, name: 'João Lima' },
    time_zone: 'America/Mexico_City',
    days: [
      { date: '2026-03-09', availability: 'free', free_minutes: 600, free: [{ from: '08:00', to: '18:00' }] },
      {
        date: '2026-03-10',
        availability: 'partly_free',
        free_minutes: 480,
        free: [
          { from: '10:00', to: '15:00' },
          { from: '15:30', to: '18:00' },
        ],
      },
      { date: '2026-03-11', availability: 'busy', free_minutes: 0, free: [] },
      { date: '2026-03-14', availability: 'off', free_minutes: 0, free: [] },
    ],
  },
];

const appointment = {
  id: 31,
  followup_id: 5,
  starts_at: '2026-03-10T13:00:00-03:00',
  ends_at: '2026-03-10T14:00:00-03:00',
  place: '',
  note: '',
  attendees: [{ id: 7, name: 'João Lima' }],
  version: 1,
  created_by: { id: 8, name: 'Carla Souza' },
  created_at: '2026-03-06T12:00:00-03:00',
  updated_at: '2026-03-06T12:00:00-03:00',
  deleted_at: null,
  deleted_by: null,
};

describe('free days', () => {
  it('shows each user × day with a word for its state and the free slots', async () => {
    const server = fakeApi({ ...tables, 'GET /free-days': { body: { items: grid } } });
    renderWith(<FreeDaysPage />, { me: meOf(supervisor), path: '/free-days?users=7&from=2026-03-09&to=2026-03-14' });
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /João Lima/ });
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.className)).toEqual(['fd fd-free', 'fd fd-partly_free', 'fd fd-busy', 'fd fd-off']);
    expect(cells[1].textContent).toContain('Parcialmente livre');
    expect(cells[1].textContent).toContain('10:00–15:00, 15:30–18:00');
    expect(cells[2].textContent).toContain('Ocupado');
    expect(row.textContent).toContain('America/Mexico_City');
    const q = server.find('GET', '/free-days')[0].query;
    expect([q.get('users'), q.get('from'), q.get('to')]).toEqual(['7', '2026-03-09', '2026-03-14']);
    // Without a follow-up there is nothing to book on.
    expect(within(table).queryByRole('button')).toBeNull();
    expect(screen.getByText(/a partir de um follow-up/)).toBeTruthy();
  });

  it("books from a partly free day in the viewer's time, then warns of a clash and undoes it", async () => {
    const booked: BookedAppointment = {
      appointment,
      conflicts: [
        {
          user: { id: 7, name: 'João Lima' },
          kind: 'appointment',
          appointment_id: 30,
          action_id: null,
          followup_id: 5,
          starts_at: '2026-03-10T13:30:00-03:00',
          ends_at: '2026-03-10T14:30:00-03:00',
        },
      ],
    };
    const server = fakeApi({
      ...tables,
      'GET /free-days': { body: { items: grid } },
      'POST /followups/5/appointments': { status: 201, body: booked },
      'DELETE /appointments/31': { status: 204 },
    });
    renderWith(<FreeDaysPage />, {
      me: meOf(supervisor),
      path: '/free-days?followup=5&users=7&from=2026-03-09&to=2026-03-14',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Agendar João Lima em 10/03/2026' }));
    const dialog = await screen.findByRole('dialog');
    // 10:00 in Mexico City is 13:00 in São Paulo.
    expect((within(dialog).getByLabelText(/Data/) as HTMLInputElement).value).toBe('2026-03-10');
    expect((within(dialog).getByLabelText(/Início/) as HTMLInputElement).value).toBe('13:00');
    expect((within(dialog).getByLabelText(/Fim/) as HTMLInputElement).value).toBe('14:00');
    fireEvent.change(within(dialog).getByLabelText('Local'), { target: { value: 'Oficina' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Agendar' }));
    const warning = await screen.findByRole('alertdialog');
    expect(warning.textContent).toContain('Conflito de horário');
    expect(warning.textContent).toContain('João Lima — outro agendamento');
    expect(server.find('POST', '/followups/5/appointments')[0].body).toEqual({
      starts_at: '2026-03-10T13:00:00-03:00',
      ends_at: '2026-03-10T14:00:00-03:00',
      place: 'Oficina',
      note: '',
      attendees: [7],
    });
    fireEvent.click(within(warning).getByRole('button', { name: 'Desfazer agendamento' }));
    await waitFor(() => expect(server.find('DELETE', '/appointments/31')).toHaveLength(1));
    expect(await screen.findByText('Agendamento desfeito.')).toBeTruthy();
  });

  it('reads in Spanish', async () => {
    fakeApi({ ...tables, 'GET /free-days': { body: { items: grid } } });
    renderWith(<FreeDaysPage />, {
      me: meOf({ ...supervisor, locale: 'es' }),
      locale: 'es',
      path: '/free-days?followup=5&users=7&from=2026-03-09&to=2026-03-14',
    });
    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('Parcialmente libre');
    expect(table.textContent).toContain('No laborable');
    expect(screen.getByRole('heading', { name: 'Días libres' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Agendar a João Lima el 10/03/2026' })).toBeTruthy();
  });

  it('offers the first free slot, an hour at most, across zones', () => {
    expect(slotInViewerTime(grid[0].days[1], 'America/Mexico_City', 'America/Sao_Paulo')).toEqual({
      date: '2026-03-10',
      start: '13:00',
      end: '14:00',
    });
    const short = { ...grid[0].days[1], free: [{ from: '17:30', to: '18:00' }] };
    expect(slotInViewerTime(short, 'America/New_York', 'America/New_York')).toEqual({
      date: '2026-03-10',
      start: '17:30',
      end: '18:00',
    });
  });
});
