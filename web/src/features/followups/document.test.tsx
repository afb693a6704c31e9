import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { documentOf, fakeApi, followupOf, meOf, partyOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupDetailPage } from './FollowupDetailPage';
import { FollowupNewPage } from './FollowupNewPage';

const party = partyOf();

describe('origin and document of a follow-up', () => {
  it('shows the automatic origin and links the sale it came from', async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': {
        body: followupOf({ origin: 'after_sale', document: { id: 900, kind: 'sale', number: '4471' } }),
      },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    await screen.findByRole('heading', { name: /Follow Up nº 1043/ });
    const subhead = document.querySelector('.subhead') as HTMLElement;
    expect(within(subhead).getByText('Pós-venda automático').className).toContain('origin-after_sale');
    const link = within(subhead).getByRole('link', { name: 'Venda nº 4471' });
    expect(link.getAttribute('href')).toBe('/documents/900');
  });

  it('fetches the document when the follow-up gives only its id', async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf({ origin: 'service_done', document_id: 901 }) },
      'GET /documents/901': { body: documentOf({ id: 901, kind: 'service_order', number: 'OS-318' }) },
    });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf() });
    const subhead = (await screen.findByText('Serviço concluído')).closest('.subhead') as HTMLElement;
    const link = await within(subhead).findByRole('link', { name: 'Ordem de serviço (O.S.) nº OS-318' });
    expect(link.getAttribute('href')).toBe('/documents/901');
    expect(subhead.textContent).toContain('Documento:');
  });

  it('names the origin in the user language and shows no document link without one', async () => {
    fakeApi({ ...tables, 'GET /followups/1043': { body: followupOf({ origin: 'birthday', document: null }) } });
    renderWith(<FollowupDetailPage id={1043} />, { me: meOf(), locale: 'es' });
    await screen.findByRole('heading', { name: /Seguimiento n.º 1043/ });
    const subhead = document.querySelector('.subhead') as HTMLElement;
    expect(within(subhead).getByText('Cumpleaños')).toBeTruthy();
    expect(within(subhead).queryByRole('link', { name: /Venta/ })).toBeNull();
    expect(subhead.querySelectorAll('a')).toHaveLength(1);
  });
});

describe('new follow-up from a document', () => {
  it('starts with the party and the document of the URL and sends document_id', async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'GET /documents/900': { body: documentOf() },
      'POST /followups': { status: 201, body: followupOf({ id: 78 }) },
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5&document_id=900', me: meOf() });
    const picker = (await screen.findByRole('combobox', { name: /Cliente \/ Fornecedor/ })) as HTMLInputElement;
    await waitFor(() => expect(picker.value).toBe('C-90001 — Padaria Boa Vista'));
    const docLink = await screen.findByRole('link', { name: 'Venda nº 4471' });
    expect(docLink.getAttribute('href')).toBe('/documents/900');
    expect(screen.getByRole('link', { name: 'Cancelar' }).getAttribute('href')).toBe('/documents/900');
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Entrega do compressor' } });
    fireEvent.change(screen.getByLabelText(/Data de retorno/), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(window.location.pathname).toBe('/followups/78'));
    const body = server.find('POST', '/followups')[0].body as Record<string, unknown>;
    expect(body.party_id).toBe(5);
    expect(body.document_id).toBe(900);
    expect(body.subject).toBe('Entrega do compressor');
  });

  it("takes the document's party when the URL names only the document", async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'GET /documents/900': { body: documentOf() },
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?document_id=900', me: meOf() });
    const picker = (await screen.findByRole('combobox', { name: /Cliente \/ Fornecedor/ })) as HTMLInputElement;
    await waitFor(() => expect(picker.value).toBe('C-90001 — Padaria Boa Vista'));
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    expect(server.find('GET', '/parties/5').length).toBeGreaterThan(0);
  });

  it('lets the user unlink the document, and then sends none', async () => {
    const server = fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'GET /documents/900': { body: documentOf() },
      'POST /followups': { status: 201, body: followupOf({ id: 79 }) },
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5&document_id=900', me: meOf() });
    await screen.findByRole('link', { name: 'Venda nº 4471' });
    fireEvent.click(screen.getByRole('button', { name: 'Desvincular' }));
    expect(screen.queryByRole('link', { name: 'Venda nº 4471' })).toBeNull();
    await waitFor(() => expect((screen.getByLabelText(/^Contato$/) as HTMLInputElement).value).toBe('Sr. Antônio'));
    fireEvent.change(screen.getByLabelText(/Assunto/), { target: { value: 'Sem documento' } });
    fireEvent.change(screen.getByLabelText(/Data de retorno/), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Salvar' })[0]);
    await waitFor(() => expect(server.find('POST', '/followups')).toHaveLength(1));
    expect(server.find('POST', '/followups')[0].body).not.toHaveProperty('document_id');
  });

  it('says so when the document cannot be opened', async () => {
    fakeApi({
      ...tables,
      'GET /parties/5': { body: party },
      'GET /documents/900': problem(404, 'document', 'Documento não encontrado.'),
    });
    renderWith(<FollowupNewPage />, { path: '/followups/new?party_id=5&document_id=900', me: meOf() });
    expect(
      await screen.findByText('Não foi possível abrir o documento deste follow-up: Documento inexistente.'),
    ).toBeTruthy();
  });
});
