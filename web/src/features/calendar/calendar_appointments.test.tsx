import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Appointment, CalendarMonthDay } from '../../shared/api/types';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { CalendarPage } from './CalendarPage';
import { appointmentDays, appointmentTimes, appointmentsByDay } from './appointments';

function monthOf(month: string, today: string) {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const days: CalendarMonthDay[] = [];
  for (let d = 1; d <= n; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    days.push({ date, total: 0, done: 0, planned: 0, colour: date > today ? 'future' : 'none' });
  }
  return { month, today, days };
}

function appt(id: number, starts_at: string, ends_at: string, over: Partial<Appointment> = {}): Appointment {
  return {
    id,
    followup_id: 1043,
    starts_at,
    ends_at,
    place: '',
    note: '',
    attendees: [{ id: agent.id, name: agent.name }],
    version: 1,
    created_by: { id: agent.id, name: agent.name },
    created_at: '2026-11-01T12:00:00Z',
    updated_at: '2026-11-01T12:00:00Z',
    deleted_at: null,
    deleted_by: null,
    ...over,
  };
}

const calendar = {
  ...tables,
  'GET /calendar': (req: { query: URLSearchParams }) => ({ body: monthOf(req.query.get('month')!, '2026-11-05') }),
  'GET /calendar/day': { body: { date: '2026-11-10', items: [] } },
  'GET /templates': { body: { items: [], placeholders: [] } },
};

describe('appointments on the days of the viewer', () => {
  it('puts 23:30 on that evening in São Paulo and Mexico City, and midnight ends on the day before', () => {
    // 23:30 in São Paulo (UTC-3) and in Mexico City (UTC-6) are the next day in UTC.
    const sp = appt(1, '2026-11-11T02:30:00Z', '2026-11-11T02:59:00Z');
    expect(appointmentDays(sp, 'America/Sao_Paulo')).toEqual(['2026-11-10']);
    const mx = appt(2, '2026-11-11T05:30:00Z', '2026-11-11T06:00:00Z');
    expect(appointmentDays(mx, 'America/Mexico_City')).toEqual(['2026-11-10']);
    expect(appointmentDays(mx, 'America/Sao_Paulo')).toEqual(['2026-11-11']);
    // New York on its DST Sunday (2026-03-08, UTC-4 from 03:00): 23:30 is 03:30 UTC.
    const ny = appt(3, '2026-03-09T03:30:00Z', '2026-03-09T04:00:00Z');
    expect(appointmentDays(ny, 'America/New_York')).toEqual(['2026-03-08']);
    expect(appointmentTimes(ny, 'en', 'America/New_York')).toMatch(/^11:30\sPM–12:00\sAM$/);
    expect(appointmentTimes(sp, 'pt-BR', 'America/Sao_Paulo')).toBe('23:30–23:59');
    // Across midnight it is on both days.
    const late = appt(4, '2026-11-10T23:00:00-03:00', '2026-11-11T01:00:00-03:00');
    expect(appointmentDays(late, 'America/Sao_Paulo')).toEqual(['2026-11-10', '2026-11-11']);
    const byDay = appointmentsByDay([sp, late], 'America/Sao_Paulo');
    expect(byDay.get('2026-11-10')?.map((a) => a.id)).toEqual([late.id, sp.id]);
  });
});

describe('appointments on the CRM calendar', () => {
  it('marks the day with its own icon and legend entry, and the open day lists times and the follow-up', async () => {
    const server = fakeApi({
      ...calendar,
      'GET /appointments': {
        body: {
          items: [
            appt(7, '2026-11-10T23:30:00-03:00', '2026-11-10T23:59:00-03:00'),
            appt(8, '2026-11-10T09:00:00-03:00', '2026-11-10T10:00:00-03:00', { place: 'Sala 2', followup_id: 1044 }),
          ],
        },
      },
    });
    renderWith(<CalendarPage date="2026-11-10" />, { path: '/calendar/2026-11-10', me: meOf() });
    const day = await screen.findByRole('button', { name: '10 de novembro: nenhum retorno. 2 agendamentos' });
    expect(day.getAttribute('data-appointments')).toBe('2');
    expect(day.textContent).toContain('📅2');
    expect(
      screen.getByRole('button', { name: '11 de novembro: nenhum retorno' }).getAttribute('data-appointments'),
    ).toBeNull();
    const q = server.find('GET', '/appointments')[0].query;
    expect([q.get('from'), q.get('to'), q.get('user_id')]).toEqual(['2026-11-01', '2026-11-30', null]);
    const legend = screen.getByRole('list', { name: 'Legenda' });
    expect(within(legend).getAllByRole('listitem').at(-1)?.textContent).toBe('📅Agendamentos');

    const panel = await screen.findByRole('region', { name: /Agendamentos/ });
    const rows = within(panel).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.cal-appointment-time')?.textContent)).toEqual([
      '09:00–10:00',
      '23:30–23:59',
    ]);
    expect(rows[0].textContent).toContain('Sala 2');
    expect(within(rows[0]).getByRole('link', { name: 'Abrir follow-up n.º 1044' }).getAttribute('href')).toBe(
      '/followups/1044',
    );
  });

  it("a Mexico City viewer in Spanish; a supervisor sees the chosen user's", async () => {
    const sup = {
      ...agent,
      id: 8,
      role: 'supervisor' as const,
      time_zone: 'America/Mexico_City',
      locale: 'es' as const,
    };
    const server = fakeApi({
      ...calendar,
      'GET /users': { body: { items: [agent, sup] } },
      // 23:30 on 10 November in Mexico City (UTC-6).
      'GET /appointments': { body: { items: [appt(9, '2026-11-11T05:30:00Z', '2026-11-11T05:59:00Z')] } },
    });
    renderWith(<CalendarPage date="2026-11-10" />, {
      path: `/calendar/2026-11-10?user=${agent.id}`,
      me: meOf(sup),
      locale: 'es',
    });
    const day = await screen.findByRole('button', { name: /^10 de noviembre: .*\. 1 cita$/ });
    expect(day.getAttribute('data-appointments')).toBe('1');
    await waitFor(() => expect(server.find('GET', '/appointments')[0].query.get('user_id')).toBe(String(agent.id)));
    const panel = await screen.findByRole('region', { name: /Citas/ });
    expect(within(panel).getByText('23:30–23:59')).toBeTruthy();
    expect(within(panel).getByRole('link', { name: 'Abrir seguimiento n.º 1043' })).toBeTruthy();
  });

  it('still shows the returns when the appointments cannot be read', async () => {
    fakeApi({ ...calendar, 'GET /appointments': problem(503, 'unavailable', 'Indisponível') });
    renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf() });
    expect(await screen.findByRole('button', { name: '10 de novembro: nenhum retorno' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
