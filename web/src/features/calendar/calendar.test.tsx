import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AgendaItem, CalendarMonthDay } from '../../shared/api/types';
import { addDays, todayIn } from '../../shared/format';
import { agent, documentOf, fakeApi, followupOf, meOf, outboxOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { CalendarPage, calendarPath } from './CalendarPage';
import { dayTabOf } from './DayView';
import { whatsappChat } from './ReturnCard';
import { addMonths, isCivilDate, keyTarget, monthTitle, monthWeeks } from './month';

function monthOf(month: string, today: string, special: Record<string, Partial<CalendarMonthDay>> = {}) {
  const [y, m] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const days: CalendarMonthDay[] = [];
  for (let d = 1; d <= n; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    days.push({ date, total: 0, done: 0, planned: 0, colour: date > today ? 'future' : 'none', ...special[date] });
  }
  return { month, today, days };
}

function item(over: Partial<AgendaItem> = {}, fu: Partial<AgendaItem['followup']> = {}): AgendaItem {
  const f = followupOf();
  return {
    ...f.actions[0],
    ...over,
    followup: {
      id: f.id,
      subject: f.subject,
      party: f.party,
      state: 'today',
      days_late: 0,
      priority: f.priority,
      category: f.category,
      owner_id: f.owner_id,
      contact: f.contact,
      origin: f.origin,
      document_id: f.document_id,
      document: f.document,
      ...fu,
    },
  };
}

const templates = {
  'GET /templates': {
    body: {
      items: [
        {
          id: 1,
          kind: 'customer',
          locale: 'pt-BR',
          subject: 'Retorno: #{assunto}',
          body: 'Olá #{contato|cliente}, tudo bem?',
        },
      ],
      placeholders: [
        { name: 'cliente', names: { 'pt-BR': 'cliente', es: 'cliente', en: 'cliente' }, example: 'Padaria Boa Vista' },
      ],
    },
  },
};

describe('month helpers', () => {
  it('builds Monday-first weeks and moves between months and days', () => {
    const weeks = monthWeeks('2026-12');
    expect(weeks[0]).toEqual([
      null,
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(monthWeeks('2027-02')).toHaveLength(4);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(keyTarget('2026-12-31', 'ArrowRight')).toBe('2027-01-01');
    expect(keyTarget('2026-12-03', 'ArrowUp')).toBe('2026-11-26');
    expect(keyTarget('2026-12-03', 'Home')).toBe('2026-11-30');
    expect(keyTarget('2026-12-03', 'Tab')).toBeNull();
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(monthTitle('2026-12', 'pt-BR')).toBe('Dezembro de 2026');
    expect(monthTitle('2026-12', 'en')).toBe('December 2026');
    expect(calendarPath('2026-12-03', '2026-12', { scope: 'branch' })).toBe('/calendar/2026-12-03?scope=branch');
    expect(calendarPath(null, '2026-12', { scope: 'mine', user_id: 9 })).toBe('/calendar?month=2026-12&user=9');
    expect(whatsappChat('+55 19 99876-1234', 'Olá, tudo bem?')).toBe(
      'https://wa.me/5519998761234?text=Ol%C3%A1%2C%20tudo%20bem%3F',
    );
  });

  it('puts a return in the tab of its follow-up origin, done ones in Done', () => {
    expect(dayTabOf(item({}, { origin: 'after_sale' }))).toBe('orders');
    expect(dayTabOf(item({}, { origin: 'service_done' }))).toBe('services');
    expect(dayTabOf(item({}, { origin: 'birthday' }))).toBe('birthdays');
    for (const origin of ['manual', 'calendar', 'api', 'import'] as const)
      expect(dayTabOf(item({}, { origin }))).toBe('followups');
    expect(dayTabOf(item())).toBe('followups');
    expect(dayTabOf(item({ status: 'done' }, { origin: 'birthday' }))).toBe('done');
  });
});

describe('CRM calendar', () => {
  it('colours each day by what was done, with counts, names and a legend', async () => {
    const server = fakeApi({
      ...tables,
      'GET /calendar': (req) => ({
        body: monthOf(req.query.get('month')!, '2026-11-23', {
          '2026-11-03': { total: 4, done: 2, planned: 2, colour: 'orange' },
          '2026-11-10': { total: 2, done: 2, colour: 'green' },
          '2026-11-23': { total: 3, done: 0, planned: 3, colour: 'red' },
          '2026-11-27': { total: 1, done: 0, planned: 1, colour: 'future' },
        }),
      }),
    });
    renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf() });
    const orange = await screen.findByRole('button', { name: '3 de novembro: 4 retornos, 2 feitos. Parte feita' });
    expect(orange.getAttribute('data-colour')).toBe('orange');
    expect(orange.textContent).toContain('2/4');
    expect(
      screen
        .getByRole('button', { name: '10 de novembro: 2 retornos, 2 feitos. Tudo feito' })
        .getAttribute('data-colour'),
    ).toBe('green');
    const today = screen.getByRole('button', { name: '23 de novembro: 3 retornos, nenhum feito. Nada feito (hoje)' });
    expect(today.getAttribute('data-colour')).toBe('red');
    expect(today.getAttribute('aria-current')).toBe('date');
    expect(
      screen.getByRole('button', { name: '27 de novembro: 1 retorno, nenhum feito' }).getAttribute('data-colour'),
    ).toBe('future');
    expect(screen.getByRole('button', { name: '1 de novembro: nenhum retorno' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Novembro de 2026' })).toBeTruthy();
    // Monday first.
    expect(screen.getAllByRole('columnheader')[0].getAttribute('abbr')).toBe('segunda-feira');
    const legend = screen.getByRole('list', { name: 'Legenda' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.replace(/^\W+/, '')),
    ).toEqual(['Tudo feito', 'Parte feita', 'Nada feito', 'Dias futuros', 'Agendamentos']);
    // Agents see only their own returns: no scope selector.
    expect(screen.queryByLabelText('Mostrar')).toBeNull();
    expect(server.find('GET', '/calendar')[0].query.get('scope')).toBe('mine');
    fireEvent.click(screen.getByRole('button', { name: 'Próximo mês' }));
    await screen.findByRole('heading', { name: 'Dezembro de 2026' });
    await waitFor(() => expect(server.find('GET', '/calendar').at(-1)!.query.get('month')).toBe('2026-12'));
    expect(window.location.search).toBe('?month=2026-12');
  });

  it('moves between days with the arrow keys (into the next month too) and opens a day', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '', items: [] } },
    });
    renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf() });
    const day23 = await screen.findByRole('button', { name: /^23 de novembro/ });
    await waitFor(() => expect(day23.tabIndex).toBe(0));
    expect(screen.getByRole('button', { name: /^24 de novembro/ }).tabIndex).toBe(-1);
    // The grid may re-render once its data settles: focus the cell as it is now and press
    // the key where the focus is, as a user's keyboard does.
    await waitFor(() => {
      screen.getByRole('button', { name: /^23 de novembro/ }).focus();
      expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-23');
    });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-11-24'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    // 1 December: the next month is shown and the day keeps the focus.
    await screen.findByRole('heading', { name: 'Dezembro de 2026' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-date')).toBe('2026-12-01'));
    fireEvent.click(document.activeElement!);
    expect(window.location.pathname).toBe('/calendar/2026-12-01');
    expect(server.find('GET', '/calendar').map((c) => c.query.get('month'))).toContain('2026-12');
  });

  it('offers my branch, everyone and one user as the role permits', async () => {
    const sup = { ...agent, id: 8, role: 'supervisor' as const };
    const server = fakeApi({
      ...tables,
      'GET /users': {
        body: {
          items: [
            agent,
            sup,
            { ...agent, id: 9, name: 'Pedro Outra Filial', branch_id: 2 },
            { ...agent, id: 10, name: 'Ana Campinas' },
          ],
        },
      },
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
    });
    renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf(sup) });
    const select = (await screen.findByLabelText('Mostrar')) as HTMLSelectElement;
    await waitFor(() =>
      expect(
        within(select)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Meus retornos', 'Minha filial', 'Ana Campinas', 'João Lima']),
    );
    fireEvent.change(select, { target: { value: 'branch' } });
    await waitFor(() => expect(server.find('GET', '/calendar').at(-1)!.query.get('scope')).toBe('branch'));
    fireEvent.change(screen.getByLabelText('Mostrar'), { target: { value: 'user:7' } });
    await waitFor(() => expect(server.find('GET', '/calendar').at(-1)!.query.get('user_id')).toBe('7'));
    expect(window.location.search).toBe('?month=2026-11&user=7');
  });

  it('shows the day with the five tabs and resolves a return by phone call', async () => {
    let done = false;
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({
        body: monthOf(req.query.get('month')!, '2026-11-23', {
          '2026-11-23': done
            ? { total: 2, done: 2, colour: 'green' }
            : { total: 2, done: 1, planned: 1, colour: 'orange' },
        }),
      }),
      'GET /calendar/day': () => ({
        body: {
          date: '2026-11-23',
          items: [
            item({ id: 2, status: done ? 'done' : 'planned', result: done ? 'Resolvido por ligação.' : '' }),
            item({ id: 3, status: 'done', result: 'Cliente confirmou a visita.', resolution: 'phone' }),
          ],
        },
      }),
      'POST /actions/2/complete': () => {
        done = true;
        return { body: followupOf() };
      },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    await screen.findByRole('heading', { name: 'Segunda-feira, 23 de novembro de 2026' });
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Pedidos 0',
      'Serviços 0',
      'Follow-Ups 1',
      'Aniversários 0',
      'Realizados 1',
    ]);
    expect(screen.getByRole('tab', { name: /Follow-Ups/ }).getAttribute('aria-selected')).toBe('true');
    const card = await screen.findByRole('article', { name: 'Manutenção preventiva do balcão' });
    fireEvent.click(screen.getByRole('tab', { name: /Pedidos/ }));
    expect(screen.getByText('Nenhum pedido neste dia.')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /Aniversários/ }));
    expect(screen.getByText('Nenhum aniversariante neste dia.')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /Follow-Ups/ }));
    const calls = server.find('GET', '/calendar').length;
    fireEvent.click(
      within(screen.getByRole('article')).getByRole('button', {
        name: 'Resolvido por ligação: Manutenção preventiva do balcão',
      }),
    );
    await screen.findByText('Retorno resolvido por ligação e movido para Realizados.');
    expect(server.find('POST', '/actions/2/complete')[0].body).toEqual({
      result: 'Resolvido por ligação.',
      resolution: 'phone',
    });
    // The day and the month's colours are loaded again.
    await screen.findByText('Nenhum retorno a fazer neste dia.');
    await waitFor(() => expect(server.find('GET', '/calendar').length).toBeGreaterThan(calls));
    await screen.findByRole('button', { name: /^23 de novembro: 2 retornos, 2 feitos. Tudo feito/ });
    fireEvent.click(screen.getByRole('tab', { name: /Realizados/ }));
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(card).toBeTruthy();
  });

  it('sorts the returns of the day into the tabs by the origin of their follow-up', async () => {
    const sale = { id: 900, kind: 'sale' as const, number: '4471' };
    fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': {
        body: {
          date: '2026-11-23',
          items: [
            item({ id: 2 }, { id: 1201, subject: 'Pós-venda do compressor', origin: 'after_sale', document: sale }),
            item(
              { id: 3 },
              {
                id: 1202,
                subject: 'Revisão depois da O.S.',
                origin: 'service_done',
                document: { id: 901, kind: 'service_order', number: 'OS-318' },
              },
            ),
            item({ id: 4 }, { id: 1203, subject: 'Aniversário do Sr. Antônio', origin: 'birthday' }),
            item({ id: 5 }, { id: 1204, subject: 'Ligação combinada', origin: 'manual' }),
            item({ id: 6 }, { id: 1205, subject: 'Vindo da importação', origin: 'import' }),
            item(
              { id: 7, status: 'done', result: 'Cliente satisfeito.' },
              { id: 1206, subject: 'Pós-venda já feito', origin: 'after_sale', document: sale },
            ),
            item({ id: 8, status: 'cancelled' }, { id: 1207, subject: 'Cancelado', origin: 'after_sale' }),
          ],
        },
      },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    await screen.findByRole('article', { name: 'Ligação combinada' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Pedidos 1',
      'Serviços 1',
      'Follow-Ups 2',
      'Aniversários 1',
      'Realizados 1',
    ]);
    expect(screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'Ligação combinada',
      'Vindo da importação',
    ]);
    fireEvent.click(screen.getByRole('tab', { name: /Pedidos/ }));
    const order = await screen.findByRole('article', { name: 'Pós-venda do compressor' });
    expect(screen.getAllByRole('article')).toHaveLength(1);
    // The item shows the document it came from.
    expect(within(order).getByRole('link', { name: 'Venda nº 4471' }).getAttribute('href')).toBe('/documents/900');
    fireEvent.click(screen.getByRole('tab', { name: /Serviços/ }));
    const service = await screen.findByRole('article', { name: 'Revisão depois da O.S.' });
    expect(within(service).getByRole('link', { name: 'Ordem de serviço (O.S.) nº OS-318' })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /Aniversários/ }));
    expect((await screen.findAllByRole('article')).map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'Aniversário do Sr. Antônio',
    ]);
    fireEvent.click(screen.getByRole('tab', { name: /Realizados/ }));
    expect((await screen.findAllByRole('article')).map((a) => within(a).getByRole('heading').textContent)).toEqual([
      'Pós-venda já feito',
    ]);
  });

  it('names the document of a return given only by its id (fetched once)', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': {
        body: {
          date: '2026-11-23',
          items: [
            item({ id: 2 }, { id: 1201, subject: 'Pós-venda do compressor', origin: 'after_sale', document_id: 900 }),
            item({ id: 3 }, { id: 1202, subject: 'Pós-venda do filtro', origin: 'after_sale', document_id: 900 }),
          ],
        },
      },
      'GET /documents/900': { body: documentOf() },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    const card = await screen.findByRole('article', { name: 'Pós-venda do compressor' });
    expect((await within(card).findByRole('link', { name: 'Venda nº 4471' })).getAttribute('href')).toBe(
      '/documents/900',
    );
    await within(screen.getByRole('article', { name: 'Pós-venda do filtro' })).findByRole('link', {
      name: 'Venda nº 4471',
    });
    expect(server.find('GET', '/documents/900')).toHaveLength(1);
  });

  it('opens a day on the first tab with returns to do when Follow-ups has none', async () => {
    fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': {
        body: {
          date: '2026-11-23',
          items: [
            item({ id: 2 }, { subject: 'Pós-venda do compressor', origin: 'after_sale' }),
            item({ id: 3, status: 'done' }),
          ],
        },
      },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    await screen.findByRole('article', { name: 'Pós-venda do compressor' });
    expect(screen.getByRole('tab', { name: /Pedidos/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('reschedules a return to another date and keeps its time', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '2026-11-23', items: [item({ id: 2 })] } },
      'POST /actions/2/reschedule': { body: followupOf() },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    const card = await screen.findByRole('article');
    const target = addDays(todayIn('America/Sao_Paulo'), 3);
    fireEvent.change(within(card).getByLabelText('Reagendar para'), { target: { value: target } });
    fireEvent.click(
      within(card).getByRole('button', { name: 'Reagendar o retorno de Manutenção preventiva do balcão' }),
    );
    await screen.findByText('Retorno reagendado.');
    expect(server.find('POST', '/actions/2/reschedule')[0].body).toEqual({ due_date: target, due_time: '14:00' });
  });

  it('says beside "send by e-mail" that the server cannot send e-mail, before the user acts', async () => {
    fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '2026-11-23', items: [item({ id: 2 })] } },
    });
    const me = meOf();
    renderWith(<CalendarPage date="2026-11-23" />, {
      path: '/calendar/2026-11-23',
      me: { ...me, settings: { ...me.settings, mail_configured: false } },
    });
    const card = await screen.findByRole('article');
    expect(within(card).getByText(/O servidor de e-mail \(SMTP\) não está configurado/)).toBeTruthy();
  });

  it('sends the message by e-mail (rendered by the server) and marks the return done', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '2026-11-23', items: [item({ id: 2 })] } },
      'POST /templates/preview': (req) => {
        const b = req.body as { subject: string; body: string };
        return {
          body: {
            subject: b.subject.replace('#{assunto}', 'Manutenção'),
            body: b.body.replace('#{contato|cliente}', 'Sr. Antônio'),
            missing: [],
          },
        };
      },
      'POST /followups/1043/emails': { status: 202, body: outboxOf({ id: 77 }) },
      'POST /actions/2/complete': { body: followupOf() },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    const card = await screen.findByRole('article');
    const body = within(card).getByLabelText('Mensagem') as HTMLTextAreaElement;
    await waitFor(() => expect(body.value).toBe('Olá #{contato|cliente}, tudo bem?'));
    expect((within(card).getByLabelText('Assunto') as HTMLInputElement).value).toBe('Retorno: #{assunto}');
    // The placeholders are offered next to the message.
    fireEvent.focus(body);
    fireEvent.click(within(card).getByRole('button', { name: /#\{cliente\}/ }));
    await waitFor(() => expect(body.value).toContain('#{cliente}'));
    fireEvent.change(body, { target: { value: 'Olá #{contato|cliente}, tudo bem?' } });
    fireEvent.click(
      within(card).getByRole('button', { name: 'Enviar a mensagem por e-mail: Manutenção preventiva do balcão' }),
    );
    // Queued, not "sent": the outbox delivers it later.
    await screen.findByText(
      'E-mail na fila de envio (nº 77); o retorno foi movido para Realizados. Acompanhe a entrega nos e-mails do follow-up.',
    );
    expect(server.find('POST', '/templates/preview')[0].body).toEqual({
      subject: 'Retorno: #{assunto}',
      body: 'Olá #{contato|cliente}, tudo bem?',
      followup_id: 1043,
    });
    expect(server.find('POST', '/followups/1043/emails')[0].body).toEqual({
      subject: 'Retorno: Manutenção',
      body: 'Olá Sr. Antônio, tudo bem?',
    });
    expect(server.find('POST', '/actions/2/complete')[0].body).toEqual({
      result: 'Respondido por e-mail (posto na fila de envio): Retorno: Manutenção',
      resolution: 'email',
    });
  });

  it('does not send when a placeholder has no value', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '2026-11-23', items: [item({ id: 2 })] } },
      'POST /templates/preview': { body: { subject: 'x', body: 'y', missing: ['vendedor'] } },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    const card = await screen.findByRole('article');
    await waitFor(() => expect((within(card).getByLabelText('Mensagem') as HTMLTextAreaElement).value).not.toBe(''));
    fireEvent.click(within(card).getByRole('button', { name: /Enviar a mensagem por e-mail/ }));
    expect(await within(card).findByText(/#\{vendedor\}/)).toBeTruthy();
    expect(server.find('POST', '/followups/1043/emails')).toHaveLength(0);
  });

  it('opens the rendered message in WhatsApp and records it on the follow-up', async () => {
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: '2026-11-23', items: [item({ id: 2, message: 'Oi #{cliente}' })] } },
      'POST /templates/preview': (req) => ({
        body: { subject: 's', body: (req.body as { body: string }).body.replace('#{cliente}', 'Padaria'), missing: [] },
      }),
      'POST /followups/1043/entries': { status: 201, body: { ...followupOf().entries[0], id: 2 } },
    });
    renderWith(<CalendarPage date="2026-11-23" />, { path: '/calendar/2026-11-23', me: meOf() });
    const card = await screen.findByRole('article');
    const details = card.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    // A link once the message is rendered by the server.
    const link = await within(card).findByRole('link', { name: 'Abrir a mensagem no WhatsApp de +55 19 99876-1234' });
    expect(link.getAttribute('href')).toBe('https://wa.me/5519998761234?text=Oi%20Padaria');
    expect(link.getAttribute('target')).toBe('_blank');
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    await within(card).findByText('Mensagem de WhatsApp registrada no follow-up.');
    expect(server.find('POST', '/followups/1043/entries')[0].body).toEqual({
      kind: 'note',
      body: 'WhatsApp: Oi Padaria',
    });
  });

  it('"+" adds an opportunity and shows it on its next contact day', async () => {
    const next = addDays(todayIn('America/Sao_Paulo'), 5);
    const server = fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: next, items: [] } },
      'POST /opportunities': (req) => {
        const b = req.body as { email?: string };
        if (b.email === 'bad')
          return problem(422, 'validation', 'Dados inválidos', [
            { field: 'email', code: 'invalid_email', message: 'E-mail inválido.' },
          ]);
        return {
          status: 201,
          body: { party: { id: 50, code: 'P-50', name: 'Sorveteria Polar' }, followup: followupOf({ id: 2001 }) },
        };
      },
    });
    renderWith(<CalendarPage />, { path: '/calendar?month=2026-11', me: meOf() });
    fireEvent.click(await screen.findByRole('button', { name: 'Nova oportunidade' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nova oportunidade' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByText('Preencha este campo.')).toBeTruthy();
    expect(server.find('POST', '/opportunities')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Empresa ou cliente/), { target: { value: 'Sorveteria Polar' } });
    fireEvent.change(within(dialog).getByLabelText('Contato principal'), { target: { value: 'Dona Lúcia' } });
    fireEvent.change(within(dialog).getByLabelText('E-mail'), { target: { value: 'bad' } });
    fireEvent.change(within(dialog).getByLabelText('WhatsApp'), { target: { value: '+55 19 98888-7777' } });
    fireEvent.change(within(dialog).getByLabelText('Data do contato'), { target: { value: '2026-11-20T10:30' } });
    fireEvent.change(within(dialog).getByLabelText(/Data do próximo contato/), { target: { value: next } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(await within(dialog).findByText('E-mail inválido.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('E-mail'), { target: { value: 'lucia@polar.com.br' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/calendar/${next}`));
    expect(server.find('POST', '/opportunities')[1].body).toEqual({
      company: 'Sorveteria Polar',
      contact_name: 'Dona Lúcia',
      email: 'lucia@polar.com.br',
      whatsapp: '+55 19 98888-7777',
      contact_at: '2026-11-20T10:30:00-03:00',
      next_contact_date: next,
    });
    // The address changes at once; React closes the dialog on its next render.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('Oportunidade de Sorveteria Polar cadastrada.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Abrir o follow-up' }).getAttribute('href')).toBe('/followups/2001');
  });

  it('pre-fills the next contact date with the open day', async () => {
    const day = addDays(todayIn('America/Sao_Paulo'), 2);
    fakeApi({
      ...tables,
      ...templates,
      'GET /calendar': (req) => ({ body: monthOf(req.query.get('month')!, '2026-11-23') }),
      'GET /calendar/day': { body: { date: day, items: [] } },
    });
    renderWith(<CalendarPage date={day} />, { path: `/calendar/${day}`, me: meOf() });
    fireEvent.click(await screen.findByRole('button', { name: /^Nova oportunidade para/ }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText(/Data do próximo contato/) as HTMLInputElement).value).toBe(day);
  });
});
