// Attendance types and pareceres (manual 003): the admin's configurator, the parecer
// editor starting from the standard text with "A concluir", the pending list, and the
// history with its "standard only" switch.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttendanceType, Entry } from '../../shared/api/types';
import { agent, fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { AttendanceTypesAdmin } from './AttendanceTypesAdmin';
import { ParecerPage } from './ParecerPage';
import { PendingPareceresPage } from './PendingPareceresPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

const typeOf = (over: Partial<AttendanceType> = {}): AttendanceType => ({
  id: 2,
  name: 'Assistência técnica',
  names: { 'pt-BR': 'Assistência técnica', es: 'Asistencia técnica', en: 'Technical assistance' },
  attachments_allowed: true,
  max_attachment_bytes: 2 * 1024 * 1024,
  parecer_text: 'Atendimento a #{contato}.',
  email_subject: 'Parecer',
  email_text: 'Olá #{contato}',
  workflow_id: null,
  active: true,
  is_default: false,
  ...over,
});

const entryOf = (over: Partial<Entry> = {}): Entry => ({
  id: 90,
  followup_id: 1043,
  action_id: null,
  kind: 'note',
  body: 'Parecer',
  author_id: 7,
  contact_at: '2026-11-20T10:15:00-03:00',
  created_at: '2026-11-20T10:15:00-03:00',
  draft: false,
  standard: false,
  ...over,
});

describe('attendance types', () => {
  it('lists the types and adds one with its names, attachment limit and standard texts', async () => {
    const server = fakeApi({
      ...tables,
      'GET /attendance-types': { body: { items: [typeOf()] } },
      'POST /attendance-types': (req) => ({ status: 201, body: { ...typeOf({ id: 3 }), ...(req.body as object) } }),
    });
    renderWith(<AttendanceTypesAdmin />, { me: meOf(admin) });
    const row = (await screen.findByText('Asistencia técnica')).closest('tr')!;
    expect(within(row).getByText('Até 2 MB')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Nome \(pt-BR\)/), { target: { value: 'Visita' } });
    fireEvent.change(screen.getByLabelText(/Nome \(es\)/), { target: { value: 'Visita' } });
    fireEvent.change(screen.getByLabelText(/Nome \(en\)/), { target: { value: 'Visit' } });
    fireEvent.change(screen.getByLabelText(/Tamanho máximo/), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Incluir' }));
    expect(await screen.findByText('Informe de 0,01 a 10 MB.')).toBeTruthy();
    expect(server.find('POST', '/attendance-types')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(/Tamanho máximo/), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Texto padrão do parecer'), { target: { value: 'Visita a #{cliente}.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Incluir' }));
    await waitFor(() => expect(server.find('POST', '/attendance-types')).toHaveLength(1));
    expect(server.find('POST', '/attendance-types')[0].body).toMatchObject({
      names: { 'pt-BR': 'Visita', es: 'Visita', en: 'Visit' },
      max_attachment_bytes: 3 * 1024 * 1024,
      parecer_text: 'Visita a #{cliente}.',
    });
  });
});

describe('pareceres', () => {
  const followupRoutes = (history: Entry[]) => ({
    ...tables,
    'GET /followups/1043': { body: { ...followupOf(), attendance_type_id: 2 }, headers: { ETag: '"3"' } },
    'GET /attendance-types': { body: { items: [typeOf()] } },
    'GET /followups/1043/standard-texts': {
      body: {
        attendance_type: typeOf(),
        parecer: 'Atendimento a Sr. Antônio.',
        email_subject: 'Parecer',
        email_text: 'Olá Sr. Antônio',
        missing: [],
      },
    },
    'GET /followups/1043/history': (req: { query: URLSearchParams }) => ({
      body: {
        standard: req.query.get('standard') === 'true',
        items: req.query.get('standard') === 'true' ? history.filter((e) => e.standard) : history,
      },
    }),
  });

  it('starts from the standard text, keeps it as a draft with "A concluir", and the history switches to standard only', async () => {
    const history = [
      entryOf({ id: 1, body: 'Padrão anterior', standard: true }),
      entryOf({ id: 2, body: 'Livre anterior' }),
    ];
    const server = fakeApi({
      ...followupRoutes(history),
      'POST /followups/1043/pareceres': (req) => ({ status: 201, body: entryOf({ id: 3, ...(req.body as object) }) }),
    });
    renderWith(<ParecerPage id={1043} />, { me: meOf(agent) });
    expect(await screen.findByText('Livre anterior')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Usar texto padrão' }));
    expect((screen.getByLabelText('O que foi realizado no atendimento') as HTMLTextAreaElement).value).toBe(
      'Atendimento a Sr. Antônio.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'A concluir' }));
    await waitFor(() => expect(server.find('POST', '/followups/1043/pareceres')).toHaveLength(1));
    expect(server.find('POST', '/followups/1043/pareceres')[0].body).toEqual({
      body: 'Atendimento a Sr. Antônio.',
      standard: true,
      draft: true,
    });
    fireEvent.click(screen.getByLabelText('Somente pareceres padrão'));
    expect(await screen.findByText('Histórico padrão do contato')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Livre anterior')).toBeNull());
    expect(screen.getByText('Padrão anterior')).toBeTruthy();
  });

  it("edits the follow-up's contact person from the parecer page, with the follow-up's ETag", async () => {
    const server = fakeApi({
      ...followupRoutes([]),
      'PATCH /followups/1043': (req) => ({
        body: { ...followupOf(), ...(req.body as object), version: 4 },
        headers: { ETag: '"4"' },
      }),
    });
    renderWith(<ParecerPage id={1043} />, { me: meOf(agent) });
    const panel = await screen.findByRole('region', { name: 'Contato do atendimento' });
    expect((within(panel).getByLabelText('Contato') as HTMLInputElement).value).toBe('Sr. Antônio');
    fireEvent.change(within(panel).getByLabelText('Contato'), { target: { value: ' Dona Marta ' } });
    fireEvent.change(within(panel).getByLabelText('Telefone contato'), { target: { value: '+55 19 3232-0000' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Salvar contato' }));
    await waitFor(() => expect(server.find('PATCH', '/followups/1043')).toHaveLength(1));
    const sent = server.find('PATCH', '/followups/1043')[0];
    expect(sent.body).toEqual({
      contact: {
        name: 'Dona Marta',
        email: 'compras@padaria.com.br',
        phone: '+55 19 3232-0000',
        whatsapp: '+55 19 99876-1234',
      },
    });
    expect(sent.headers['if-match']).toBe('"3"');
  });

  it('lists the pending pareceres and publishes one', async () => {
    const pending = {
      ...entryOf({ id: 7, body: 'Ligar amanhã', draft: true }),
      followup_subject: 'Manutenção',
      party_name: 'Padaria Boa Vista',
    };
    const server = fakeApi({
      ...tables,
      'GET /pareceres/pending': { body: { items: [pending] } },
      'POST /pareceres/7/publish': { body: entryOf({ id: 7, body: 'Ligar amanhã' }) },
    });
    renderWith(<PendingPareceresPage />, { me: meOf(agent) });
    expect(await screen.findByText('Ligar amanhã')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Padaria Boa Vista — Manutenção/ }).getAttribute('href')).toBe(
      '/followups/1043/parecer',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Publicar' }));
    await waitFor(() => expect(server.find('POST', '/pareceres/7/publish')).toHaveLength(1));
  });
});
