// The attendance configurators take the configure_attendance right (ADR 0040), not the
// admin role: a user granted it has them in the main menu and opens them; one without it
// is told which right is missing.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { agent, fakeApi, meOf, tables } from '../test/fakeApi';
import { renderWith } from '../test/render';
import { App } from './App';

const type = {
  id: 2,
  name: 'Venda',
  names: { 'pt-BR': 'Venda', es: 'Venta', en: 'Sale' },
  attachments_allowed: true,
  max_attachment_bytes: 1024 * 1024,
  parecer_text: '',
  email_subject: '',
  email_text: '',
  workflow_id: null,
  active: true,
  is_default: false,
};

function serve(granted: boolean) {
  const me = meOf(agent);
  return fakeApi({
    ...tables,
    'GET /me': { body: { ...me, rights: granted ? [...me.rights, 'configure_attendance'] : me.rights } },
    'GET /agenda': { body: { items: [] } },
    'GET /attendance-types': { body: { items: [type] } },
    'GET /attendance-types/2/questionnaires': { body: { items: [] } },
  });
}

describe('configuring attendance with the right', () => {
  it('a granted agent finds the types in the menu and opens their questionnaires', async () => {
    serve(true);
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    const nav = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(within(nav).queryByRole('link', { name: 'Administração' })).toBeNull();
    fireEvent.click(within(nav).getByRole('link', { name: 'Tipos de atendimento' }));
    await screen.findByRole('heading', { name: 'Tipos de atendimento', level: 1 });
    fireEvent.click(await screen.findByRole('link', { name: 'Questionários de Venda' }));
    await screen.findByRole('heading', { name: 'Questionários — Venda', level: 1 });
    expect(screen.getByText('Nenhum questionário neste tipo.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voltar' }).getAttribute('href')).toBe('/attendance-types');
  });

  it('an agent without it has no menu entry and reads which right is missing', async () => {
    serve(false);
    renderWith(<App />, { path: '/attendance-types/2/questionnaires' });
    await screen.findByRole('heading', { name: 'Sem permissão', level: 1 });
    expect(
      screen.getByText('Você não tem a permissão “Configurar tipos de atendimento”. Peça a um administrador.'),
    ).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(within(nav).queryByRole('link', { name: 'Tipos de atendimento' })).toBeNull();
  });
});
