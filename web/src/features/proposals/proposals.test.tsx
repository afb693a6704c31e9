// Proposals on a follow-up (manual 003): the panel opens on demand, makes a proposal from
// a layout and a quote, names a missing value as the server does, links each PDF, sends
// one, lists the person's earlier proposals and "Consultar variáveis"; the layout editor
// says what the server removed.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Proposal, ProposalTemplate } from '../../shared/api/types';
import { agent, fakeApi, followupOf, meOf, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { ProposalTemplatesAdmin } from './ProposalTemplatesAdmin';
import { ProposalsPanel } from './ProposalsPanel';

const layout = (id: number, over: Partial<ProposalTemplate> = {}): ProposalTemplate => ({
  id,
  name: 'Proposta padrão',
  kind: 'proposal',
  html: '<p>#{cliente}</p>',
  active: true,
  created_at: '2026-11-20T10:00:00-03:00',
  updated_at: '2026-11-20T10:00:00-03:00',
  ...over,
});

const proposal = (id: number, followupId: number): Proposal => ({
  id,
  followup_id: followupId,
  party: { id: 5, name: 'Padaria Boa Vista' },
  template: { id: 3, name: 'Proposta padrão' },
  document: null,
  html: '<p>Padaria Boa Vista</p>',
  valid_until: '2026-12-31',
  created_by: { id: 7, name: 'João Lima' },
  created_at: '2026-11-23T10:00:00-03:00',
  sent_at: null,
});

describe('the proposals panel', () => {
  it('makes a proposal, names a missing value, links the PDF, sends it and lists earlier ones', async () => {
    let made = false;
    const server = fakeApi({
      ...tables,
      'GET /proposal-templates': {
        body: { items: [layout(3), layout(4, { name: 'Ficha técnica', kind: 'visit_sheet' })] },
      },
      'GET /followups/1043/documents': {
        body: { items: [], can_make: true },
      },
      'GET /followups/1043/proposals': () => ({ body: { items: made ? [proposal(12, 1043)] : [] } }),
      'GET /parties/5/proposals': { body: { items: [proposal(9, 1001)] } },
      'POST /followups/1043/proposals': (req) => {
        if (!(req.body as { valid_until?: string }).valid_until)
          return {
            status: 422,
            body: {
              type: 'about:blank',
              title: 'Dados inválidos',
              status: 422,
              code: 'validation',
              detail: 'Corrija os campos.',
              request_id: 'r1',
              errors: [
                { field: 'valid_until', code: 'missing_variable:validade', message: 'Falta o valor de #{validade}.' },
              ],
            },
          };
        made = true;
        return { status: 201, body: proposal(12, 1043) };
      },
      'POST /proposals/12/send': {
        status: 202,
        body: { outbox_id: 1, state: 'queued', to: ['rosa@padaria.com.br'], subject: 'Proposta 12' },
      },
    });
    const onChanged = vi.fn();
    renderWith(<ProposalsPanel followup={followupOf()} canChange onChanged={onChanged} />, { me: meOf(agent) });
    fireEvent.click(await screen.findByRole('button', { name: 'Abrir propostas e ficha de visita' }));
    const panel = await screen.findByRole('region', { name: 'Propostas' });
    await waitFor(() => expect(panel.textContent).toContain('Propostas anteriores de Padaria Boa Vista'));
    expect(within(panel).getByRole('link', { name: 'Follow-up 1001' }).getAttribute('href')).toBe('/followups/1001');

    fireEvent.click(within(panel).getByRole('button', { name: 'Fazer proposta' }));
    await waitFor(() => expect(panel.textContent).toContain('Falta o valor de #{validade}.'));
    fireEvent.change(within(panel).getByLabelText('Válida até'), { target: { value: '2026-12-31' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Fazer proposta' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Proposta 12 feita.'));
    const made12 = server.calls.filter((c) => c.method === 'POST' && c.path === '/followups/1043/proposals').pop();
    expect(made12?.body).toEqual({ template_id: 3, valid_until: '2026-12-31' });
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByRole('link', { name: 'Ver PDF' })
          .map((a) => a.getAttribute('href')),
      ).toContain('/api/v1/proposals/12/pdf'),
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Enviar por e-mail' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('E-mail na fila para rosa@padaria.com.br.'));
    // The visit sheet prints from its own layout.
    expect(within(panel).getByRole('link', { name: 'Imprimir' }).getAttribute('href')).toBe(
      '/api/v1/followups/1043/visit-sheet.pdf?template=4',
    );
  });
});

describe('the layout editor', () => {
  it('saves a layout and says what the server removed', async () => {
    fakeApi({
      ...tables,
      'GET /proposal-templates': { body: { items: [] } },
      'GET /proposal-variables': {
        body: {
          items: [
            {
              name: 'cliente',
              token: '#{cliente}',
              canonical: 'cliente',
              example: 'Oficina Campinas Ltda.',
              html: false,
            },
          ],
        },
      },
      'POST /proposal-templates': {
        status: 201,
        body: { ...layout(8, { name: 'Nova', html: '<p>Oi</p>' }), removed: ['script', 'onclick'] },
      },
    });
    renderWith(<ProposalTemplatesAdmin />, { me: meOf({ ...agent, role: 'admin' }) });
    await screen.findByText('#{cliente}');
    fireEvent.change(screen.getByLabelText('Nome'), { target: { value: 'Nova' } });
    fireEvent.change(screen.getByLabelText('HTML do modelo'), {
      target: { value: '<p onclick="x()">Oi</p><script></script>' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    await screen.findByText('Modelo salvo. Removido por segurança: script, onclick.');
  });
});
