import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, followupOf, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { diffPatch, FollowupDetailPage } from './FollowupDetailPage';
import type { Followup } from '../../shared/api/types';

function serve(initial: Followup, extra: Parameters<typeof fakeApi>[0] = {}) {
  let current = initial;
  const server = fakeApi({
    ...tables,
    'GET /followups/1043': () => ({ body: current, headers: { ETag: `"${current.version}"` } }),
    ...extra,
  });
  return { server, set: (f: Followup) => (current = f) };
}

describe('follow-up detail', () => {
  it('shows the data, the returns and the history, newest on top', async () => {
    serve(
      followupOf({
        entries: [
          {
            ...followupOf().entries[0],
            id: 2,
            kind: 'result',
            body: 'Cliente pediu visita.',
            contact_at: '2026-11-21T09:00:00-03:00',
            created_at: '2026-11-21T09:00:00-03:00',
          },
          followupOf().entries[0],
        ],
      }),
    );
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    expect(await screen.findByRole('heading', { name: /Follow Up nº 1043/ })).toBeTruthy();
    expect((screen.getByLabelText(/Assunto/) as HTMLInputElement).value).toBe('Manutenção preventiva do balcão');
    const items = screen.getAllByRole('article');
    expect(items[0].textContent).toContain('Cliente pediu visita.');
    expect(items[1].textContent).toContain('Cliente pediu contato mensal.');
    expect(items[0].textContent).toContain('21/11/2026, 09:00');
  });

  it("lets the assignee of a return on someone else's follow-up work that return only", async () => {
    const base = followupOf();
    const mine = { ...base.actions[0], id: 91, assignee_id: agent.id, status: 'planned' as const };
    const theirs = { ...base.actions[0], id: 92, assignee_id: 99, status: 'planned' as const };
    serve(
      { ...base, owner_id: 99, can_change: false, actions: [mine, theirs] },
      { 'GET /followups/1043/emails': { body: { items: [] } } },
    );
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    await screen.findByRole('heading', { name: /Follow Up nº 1043/ });
    // The follow-up itself is read-only for them...
    expect(screen.queryByRole('button', { name: 'Salvar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Baixar follow-up' })).toBeNull();
    expect((screen.getByLabelText(/Assunto/) as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
    expect(screen.queryByRole('heading', { name: 'Observações' })).toBeNull();
    // ...and of its returns they work their own, never cancelling it.
    const returns = screen.getByRole('heading', { name: 'Retornos' }).closest('section')!;
    expect(within(returns).getAllByRole('button', { name: 'Concluir' })).toHaveLength(1);
    expect(within(returns).getAllByRole('button', { name: 'Reagendar' })).toHaveLength(1);
    expect(within(returns).queryByRole('button', { name: 'Cancelar retorno' })).toBeNull();
  });

  it('saves only the changed fields with If-Match', async () => {
    const { server } = serve(followupOf(), {
      'PATCH /followups/1043': (req) => ({
        body: followupOf({ ...(req.body as object), version: 4 }),
        headers: { ETag: '"4"' },
      }),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    fireEvent.change(await screen.findByLabelText(/Prioridade/), { target: { value: 'low' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await screen.findByText('Follow-up salvo.');
    const patch = server.find('PATCH', '/followups/1043')[0];
    expect(patch.headers['if-match']).toBe('"3"');
    expect(patch.body).toEqual({ priority: 'low' });
  });

  it('tells the user someone else changed it (412) and reloads on request', async () => {
    const { server, set } = serve(followupOf(), {
      'PATCH /followups/1043': problem(412, 'version', 'Versão desatualizada.'),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    fireEvent.change(await screen.findByLabelText(/Assunto/), { target: { value: 'Meu assunto' } });
    set(followupOf({ subject: 'Assunto da Carla', version: 5 }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    const warning = await screen.findByText(/Outra pessoa alterou este follow-up/);
    expect(warning.closest('[role="alert"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Recarregar' }));
    await waitFor(() => expect((screen.getByLabelText(/Assunto/) as HTMLInputElement).value).toBe('Assunto da Carla'));
    expect(screen.queryByText(/Outra pessoa alterou/)).toBeNull();
    expect(server.find('GET', '/followups/1043').length).toBe(2);
  });

  it("shows the server's field error next to the field", async () => {
    serve(followupOf(), {
      'PATCH /followups/1043': problem(422, 'validation', 'E-mail inválido.', [
        { field: 'contact.email', code: 'invalid_email', message: 'E-mail inválido.' },
      ]),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const email = await screen.findByLabelText(/E-mail contato/);
    fireEvent.change(email, { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = email.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy.split(' ')[0])!.textContent).toBe('E-mail inválido.');
  });

  it('closes with a result; reopen is offered to supervisors only', async () => {
    const closed = followupOf({ status: 'closed', state: 'closed', version: 4, next_due_date: null });
    const { server, set } = serve(followupOf(), {
      'POST /followups/1043/close': () => {
        set(closed);
        return { body: closed };
      },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    fireEvent.click(await screen.findByRole('button', { name: 'Baixar follow-up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Baixar (encerrar) o follow-up' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Baixar follow-up' }));
    expect(within(dialog).getByText('Preencha este campo.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Resultado/), { target: { value: 'Contrato renovado.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Baixar follow-up' }));
    await screen.findByText('Este follow-up está encerrado.');
    expect(server.find('POST', '/followups/1043/close')[0].body).toEqual({ result: 'Contrato renovado.' });
    // An agent sees no reopen button.
    expect(screen.queryByRole('button', { name: 'Reabrir' })).toBeNull();
  });

  it('lets a supervisor reopen with a reason', async () => {
    let reopened = false;
    const { server } = serve(followupOf(), {
      // The reload after the reopen is slow, as on a busy network.
      'GET /followups/1043': async () => {
        if (reopened) await new Promise((resolve) => setTimeout(resolve, 150));
        const current = reopened ? followupOf() : followupOf({ status: 'closed', state: 'closed' });
        return { body: current, headers: { ETag: `"${current.version}"` } };
      },
      'POST /followups/1043/reopen': () => {
        reopened = true;
        return { body: followupOf() };
      },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf({ ...agent, role: 'supervisor' }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Reabrir' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Motivo da reabertura/), { target: { value: 'Cliente ligou.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reabrir' }));
    await waitFor(() =>
      expect(server.find('POST', '/followups/1043/reopen')[0].body).toEqual({ reason: 'Cliente ligou.' }),
    );
    // The notice comes with the reloaded page, never beside the closed banner it replaces.
    await screen.findByText('Follow-up reaberto. Agende um novo retorno.');
    expect(screen.queryByText('Este follow-up está encerrado.')).toBeNull();
  });

  it("shows the server's refusal for a follow-up the user may not see", async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': problem(403, 'forbidden_followup', 'Você não tem acesso a este follow-up.'),
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    expect((await screen.findByRole('alert')).textContent).toContain('Você não tem acesso a este follow-up.');
  });

  it('adds a complaint, or keeps it as a draft to publish later', async () => {
    const draft = {
      ...followupOf().entries[0],
      id: 9,
      kind: 'complaint' as const,
      body: 'Compressor barulhento',
      draft: true,
    };
    const { server, set } = serve(followupOf(), {
      'POST /followups/1043/entries': (req) => {
        set(followupOf({ entries: [draft, ...followupOf().entries], version: 4 }));
        return { status: 201, body: { ...draft, ...(req.body as object) } };
      },
      'POST /entries/9/publish': { body: { ...draft, draft: false } },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    fireEvent.click(await screen.findByRole('tab', { name: 'Reclamações' }));
    fireEvent.change(screen.getByLabelText('Reclamação'), { target: { value: 'Compressor barulhento' } });
    fireEvent.click(screen.getByRole('button', { name: 'A concluir (rascunho)' }));
    await screen.findByText(/Rascunho guardado/);
    const body = server.find('POST', '/followups/1043/entries')[0].body as Record<string, unknown>;
    expect(body.kind).toBe('complaint');
    expect(body.draft).toBe(true);
    expect(String(body.contact_at)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00-03:00$/);
    fireEvent.click(await screen.findByRole('button', { name: 'Publicar' }));
    await waitFor(() => expect(server.find('POST', '/entries/9/publish')).toHaveLength(1));
  });
});

describe('timeline', () => {
  it('shows the next return a result chained into [004]', async () => {
    const base = followupOf();
    const done = { ...base.actions[0], id: 1, status: 'done' as const, result: 'Pediu visita.', next_action_id: 2 };
    const next = { ...base.actions[0], id: 2, type: 'visit', due_date: '2026-11-30', due_time: '09:30' };
    serve(
      followupOf({
        actions: [done, next],
        entries: [{ ...base.entries[0], id: 5, kind: 'result', action_id: 1, body: 'Pediu visita.' }, base.entries[0]],
      }),
    );
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const result = (await screen.findAllByRole('article'))[0];
    expect(result.textContent).toContain('Parecer');
    await waitFor(() => expect(result.textContent).toContain('→ Próximo retorno: 30/11/2026 09:30 (Visita)'));
    expect(result.textContent).toContain('João Lima');
  });
});

describe('diffPatch', () => {
  it('sends only what changed', () => {
    const f = followupOf({ cc: ['a@x.com'] });
    const same = {
      subject: f.subject,
      owner_id: f.owner_id,
      category: f.category,
      priority: f.priority,
      contact: { ...f.contact },
      cc: 'a@x.com',
    };
    expect(diffPatch(f, same)).toEqual({});
    expect(diffPatch(f, { ...same, cc: 'a@x.com, b@y.com', subject: ` ${f.subject} ` })).toEqual({
      cc: ['a@x.com', 'b@y.com'],
    });
    expect(diffPatch(f, { ...same, contact: { ...f.contact, phone: '1' } })).toEqual({
      contact: { ...f.contact, phone: '1' },
    });
  });
});

describe('remind at on the follow-up page', () => {
  it('schedules a new return with its reminder and shows the reminder of planned returns', async () => {
    const base = followupOf();
    const { server } = serve(
      followupOf({ actions: [{ ...base.actions[0], remind_at: '2026-11-23T13:45:00-03:00' }] }),
      {
        'POST /followups/1043/actions': {
          status: 201,
          body: { ...followupOf().actions[0], series: followupOf().actions },
        },
      },
    );
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const returns = (await screen.findByRole('heading', { name: /Retornos/ })).closest('section')!;
    await waitFor(() => expect(returns.textContent).toContain('Lembrete: 23/11/2026, 13:45'));
    fireEvent.click(screen.getByRole('button', { name: 'Novo retorno' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Tp. contato/), { target: { value: 'phone' } });
    fireEvent.change(within(dialog).getByLabelText(/Data de retorno/), { target: { value: '2026-11-30' } });
    fireEvent.change(within(dialog).getByLabelText(/Lembrar em/), { target: { value: '2026-11-30T07:15' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(server.find('POST', '/followups/1043/actions')).toHaveLength(1));
    expect(server.find('POST', '/followups/1043/actions')[0].body).toEqual({
      type: 'phone',
      due_date: '2026-11-30',
      remind_at: '2026-11-30T07:15:00-03:00',
    });
  });
});
