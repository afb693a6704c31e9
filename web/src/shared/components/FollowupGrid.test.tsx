import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FollowupSummary } from '../api/types';
import { fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupGrid, sortRows } from './FollowupGrid';

function summary(over: Partial<FollowupSummary>): FollowupSummary {
  const { actions: _a, entries: _e, attachments: _t, upcoming_dates: _u, ...s } = followupOf();
  return { ...s, ...over };
}

const rows = [
  summary({
    id: 1,
    state: 'overdue',
    days_late: 4,
    next_due_date: '2026-11-19',
    subject: 'Cobrar retorno',
    priority: 'low',
  }),
  summary({
    id: 2,
    state: 'today',
    next_due_date: '2026-11-23',
    subject: 'Ligar',
    priority: 'high',
    party: { id: 9, code: 'C-2', name: 'Açougue Central' },
  }),
  summary({ id: 3, state: 'closed', status: 'closed', next_due_date: null, subject: 'Visita', priority: 'medium' }),
  summary({ id: 4, state: 'open', next_due_date: '2026-12-01', subject: 'agenda', priority: 'high' }),
];

const names = { owner: () => 'x', category: (c: string) => c };

describe('sortRows', () => {
  it('sorts by due date with the ones without a date last', () => {
    expect(sortRows(rows, { key: 'next_due_date', dir: 'asc' }, names, 'pt-BR').map((r) => r.id)).toEqual([1, 2, 4, 3]);
  });

  it('sorts priority by urgency and text by the locale', () => {
    expect(sortRows(rows, { key: 'priority', dir: 'asc' }, names, 'pt-BR').map((r) => r.id)).toEqual([2, 4, 3, 1]);
    expect(sortRows(rows, { key: 'subject', dir: 'asc' }, names, 'pt-BR').map((r) => r.subject)).toEqual([
      'agenda',
      'Cobrar retorno',
      'Ligar',
      'Visita',
    ]);
    expect(sortRows(rows, { key: 'party', dir: 'asc' }, names, 'pt-BR')[0].party.name).toBe('Açougue Central');
    expect(sortRows(rows, { key: 'days_late', dir: 'desc' }, names, 'pt-BR')[0].id).toBe(1);
  });
});

describe('FollowupGrid', () => {
  it('colours each row by state, with the state written out, and sorts on header click', async () => {
    fakeApi({ ...tables });
    const onSort = vi.fn();
    renderWith(
      <FollowupGrid items={rows} sort={{ key: 'next_due_date', dir: 'asc' }} onSort={onSort} caption="Follow Ups" />,
      { me: meOf() },
    );
    const body = screen.getAllByRole('row').slice(1);
    expect(body.map((r) => r.className)).toEqual([
      'row state-overdue',
      'row state-today',
      'row state-closed',
      'row state-open',
    ]);
    expect(body[0].textContent).toContain('Atrasado');
    expect(body[2].textContent).toContain('Encerrado');
    const due = screen.getByRole('columnheader', { name: /Retorno/ });
    expect(due.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Prioridade/ }));
    expect(onSort).toHaveBeenCalledWith('priority');
    expect(await screen.findAllByText('Pós-venda')).toHaveLength(4);
  });

  it('marks the automatic follow-ups with their origin and leaves the manual ones plain', () => {
    fakeApi({ ...tables });
    const mixed = [
      summary({ id: 5, subject: 'Troca do filtro', origin: 'after_sale' }),
      summary({ id: 6, subject: 'Aniversário: Dona Zilda', origin: 'birthday' }),
      summary({ id: 7, subject: 'Ligar de volta', origin: 'manual' }),
    ];
    renderWith(
      <FollowupGrid items={mixed} sort={{ key: 'next_due_date', dir: 'asc' }} onSort={() => {}} caption="x" />,
      { me: meOf() },
    );
    const subjects = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('td.subject')!);
    expect(subjects[0].querySelector('.origin-after_sale')?.textContent).toBe('Pós-venda automático');
    expect(subjects[1].querySelector('.origin-birthday')?.textContent).toBe('Aniversário');
    expect(subjects[2].querySelector('.origin')).toBeNull();
  });

  it('shows a tooltip with the data, the days late and the reminder dates [004]', async () => {
    const detail = followupOf({
      id: 1,
      actions: [
        { ...followupOf().actions[0], id: 1, due_date: '2026-11-19', due_time: null },
        { ...followupOf().actions[0], id: 2, due_date: '2026-12-19', due_time: '09:00' },
        { ...followupOf().actions[0], id: 3, due_date: '2026-10-19', status: 'done' },
      ],
    });
    const server = fakeApi({ ...tables, 'GET /followups/1': { body: detail, headers: { ETag: '"3"' } } });
    renderWith(
      <FollowupGrid items={rows} sort={{ key: 'next_due_date', dir: 'asc' }} onSort={() => {}} caption="x" />,
      { me: meOf() },
    );
    const first = screen.getAllByRole('row')[1];
    fireEvent.mouseEnter(first);
    const tip = await screen.findByRole('tooltip');
    expect(first.getAttribute('aria-describedby')).toBe(tip.id);
    expect(tip.textContent).toContain('Cobrar retorno');
    expect(tip.textContent).toContain('4 dias de atraso');
    expect(tip.textContent).toContain('Sr. Antônio');
    await waitFor(() => expect(tip.textContent).toContain('19/11/2026, 19/12/2026 09:00'));
    expect(tip.textContent).not.toContain('19/10/2026');
    expect(server.find('GET', '/followups/1')).toHaveLength(1);
  });
});
