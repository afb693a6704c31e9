// Workflows of attendance types (ADR 0038): the admin's configurator (steps added,
// reordered, the server's errors shown at the step they name, unsaved changes), the
// decision buttons of a follow-up, and "Onde está cada atendimento".
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FollowupWorkflow, Workflow, WorkflowStep } from '../../shared/api/types';
import { agent, fakeApi, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupWorkflowPage, pendingDecision } from './FollowupWorkflowPage';
import { WorkflowEditorPage } from './WorkflowEditorPage';
import { WorkflowPositionsPage } from './WorkflowPositionsPage';

const admin = { ...agent, id: 1, login: 'admin', name: 'Ana Admin', role: 'admin' as const };

const steps: WorkflowStep[] = [
  {
    key: 'contact',
    kind: 'situation',
    label: 'Primeiro contato',
    centre: { kind: 'user', id: 7 },
    next: 'reached',
    due_in_days: 0,
  },
  {
    key: 'reached',
    kind: 'decision',
    label: 'O contato foi bem-sucedido?',
    answers: [
      { key: 'yes', label: 'Sim', next: 'sold' },
      { key: 'no', label: 'Não', next: 'lost' },
    ],
  },
  {
    key: 'sold',
    kind: 'decision',
    label: 'A venda foi realizada?',
    answers: [
      { key: 'yes', label: 'Vendeu', next: 'won' },
      { key: 'no', label: 'Não vendeu', next: 'lost' },
    ],
  },
  { key: 'won', kind: 'end', label: 'Venda realizada' },
  { key: 'lost', kind: 'end', label: 'Venda perdida' },
];

const workflowOf = (over: Partial<Workflow> = {}): Workflow => ({
  attendance_type_id: 2,
  version: 1,
  saved_at: '2026-11-20T10:15:00-03:00',
  start: 'contact',
  steps,
  ...over,
});

const types = {
  'GET /attendance-types': {
    body: {
      items: [
        {
          id: 2,
          name: 'Venda',
          names: { 'pt-BR': 'Venda', es: 'Venta', en: 'Sale' },
          attachments_allowed: true,
          max_attachment_bytes: 1024,
          parecer_text: '',
          email_subject: '',
          email_text: '',
          workflow_id: 5,
          active: true,
          is_default: false,
        },
      ],
    },
  },
};

describe('the workflow configurator', () => {
  it("shows the steps, adds one, and puts the server's errors at the step they name", async () => {
    const server = fakeApi({
      ...tables,
      ...types,
      'GET /attendance-types/2/workflow': { body: workflowOf() },
      'PUT /attendance-types/2/workflow': problem(422, 'validation', 'Dados inválidos.', [
        { field: 'steps[5].key', code: 'required', message: 'Campo obrigatório.' },
        { field: 'steps[2]', code: 'dead_end', message: 'Desta etapa não há caminho até um fim.' },
      ]),
    });
    renderWith(<WorkflowEditorPage typeId={2} />, { me: meOf(admin) });
    const third = await screen.findByRole('listitem', { name: 'Etapa 3' });
    expect(within(third).getByDisplayValue('A venda foi realizada?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Adicionar etapa' }));
    expect(screen.getByRole('listitem', { name: 'Etapa 6' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('PUT', '/attendance-types/2/workflow')).toHaveLength(1));
    const sent = server.find('PUT', '/attendance-types/2/workflow')[0].body as { start: string; steps: WorkflowStep[] };
    expect(sent.start).toBe('contact');
    expect(sent.steps).toHaveLength(6);
    expect(sent.steps[0]).toEqual(steps[0]);
    expect(sent.steps[1]).toEqual(steps[1]);
    expect(
      await within(screen.getByRole('listitem', { name: 'Etapa 3' })).findByText(/não há caminho até um fim/),
    ).toBeTruthy();
  });

  it('reorders steps and saves them as a new version', async () => {
    const server = fakeApi({
      ...tables,
      ...types,
      'GET /attendance-types/2/workflow': { body: workflowOf() },
      'PUT /attendance-types/2/workflow': (req) => ({ body: { ...workflowOf(), ...(req.body as object), version: 2 } }),
    });
    renderWith(<WorkflowEditorPage typeId={2} />, { me: meOf(admin) });
    const last = await screen.findByRole('listitem', { name: 'Etapa 5' });
    fireEvent.click(within(last).getByRole('button', { name: 'Subir' }));
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('Workflow salvo (versão 2).')).toBeTruthy();
    const sent = server.find('PUT', '/attendance-types/2/workflow')[0].body as { steps: WorkflowStep[] };
    expect(sent.steps.map((s) => s.key)).toEqual(['contact', 'reached', 'sold', 'lost', 'won']);
  });
});

describe('a follow-up in its workflow', () => {
  const state = (over: Partial<FollowupWorkflow> = {}): FollowupWorkflow => ({
    workflow: { attendance_type_id: 2, version: 1, start: 'contact', steps },
    position: {
      step: 'contact',
      step_label: 'Primeiro contato',
      step_kind: 'situation',
      centre: { kind: 'user', id: 7 },
      action_id: 11,
      since: '2026-11-20T10:15:00-03:00',
    },
    history: [],
    ...over,
  });

  it('walks the questions after the situation', () => {
    expect(pendingDecision(steps, 'contact', [])?.key).toBe('reached');
    expect(pendingDecision(steps, 'contact', ['yes'])?.key).toBe('sold');
    expect(pendingDecision(steps, 'contact', ['no'])).toBeNull();
    expect(pendingDecision(steps, 'contact', ['yes', 'yes'])).toBeNull();
  });

  it('asks each decision in turn and sends the answers once they reach a step', async () => {
    const server = fakeApi({
      'GET /followups/1043/workflow': { body: state() },
      'POST /followups/1043/workflow/advance': {
        body: state({
          position: {
            ...state().position!,
            step: 'won',
            step_label: 'Venda realizada',
            step_kind: 'end',
            centre: null,
            action_id: null,
          },
        }),
      },
    });
    renderWith(<FollowupWorkflowPage id={1043} />, { me: meOf() });
    expect(await screen.findByText('Primeiro contato')).toBeTruthy();
    fireEvent.click(
      within(screen.getByRole('group', { name: 'O contato foi bem-sucedido?' })).getByRole('button', { name: 'Sim' }),
    );
    fireEvent.click(
      within(await screen.findByRole('group', { name: 'A venda foi realizada?' })).getByRole('button', {
        name: 'Vendeu',
      }),
    );
    await waitFor(() => expect(server.find('POST', '/followups/1043/workflow/advance')).toHaveLength(1));
    expect(server.find('POST', '/followups/1043/workflow/advance')[0].body).toEqual({ answers: ['yes', 'yes'] });
    expect(await screen.findByText('Atendimento encaminhado: Venda realizada.')).toBeTruthy();
  });
});

describe('where each follow-up stands', () => {
  it('lists the positions and filters by type', async () => {
    const server = fakeApi({
      ...types,
      'GET /workflow/positions': {
        body: {
          items: [
            {
              followup_id: 1043,
              subject: 'Proposta',
              party_name: 'Padaria Aurora',
              status: 'open',
              owner_id: 7,
              branch_id: 1,
              attendance_type_id: 2,
              version: 1,
              step: 'proposal',
              step_label: 'Enviar proposta',
              step_kind: 'situation',
              centre: { kind: 'team', id: 1 },
              action_id: 12,
              assignee_id: 8,
              due_date: '2026-11-23',
              since: '2026-11-20T10:15:00-03:00',
            },
          ],
        },
      },
    });
    renderWith(<WorkflowPositionsPage />, { me: meOf() });
    expect(await screen.findByText('Enviar proposta')).toBeTruthy();
    expect(screen.getByText(/Padaria Aurora/)).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Tipo de atendimento'), { target: { value: '2' } });
    await waitFor(() =>
      expect(
        server.calls.some((c) => c.path === '/workflow/positions' && c.query.get('attendance_type_id') === '2'),
      ).toBe(true),
    );
  });
});
