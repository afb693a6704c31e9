import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { agent, fakeApi, meOf, tables } from '../../test/fakeApi';
import { FakeEventSource, installFakeEventSource } from '../../test/fakeEventSource';
import { renderWith } from '../../test/render';

function serve() {
  return fakeApi({
    ...tables,
    'GET /me': { body: meOf() },
    'GET /agenda': { body: { items: [] } },
    'GET /calendar-feed': { body: { active: false } },
    'PATCH /users/7': (req) => ({ body: { ...agent, ...(req.body as object) } }),
  });
}

async function openProfile() {
  renderWith(<App />, { path: '/profile' });
  await screen.findByRole('heading', { name: 'Minhas preferências', level: 1 });
  const es = await waitFor(() => FakeEventSource.latest());
  es.open();
  return es;
}

describe('the repeating return alert never takes the keyboard from a form (manual 001)', () => {
  beforeEach(() => {
    installFakeEventSource();
  });

  it('pops up beside a form being typed in: the focus and the text stay, Enter does not answer it', async () => {
    serve();
    const es = await openProfile();
    const name = screen.getByLabelText('Nome') as HTMLInputElement;
    name.focus();
    fireEvent.change(name, { target: { value: 'João Lima Filho' } });
    act(() => es.emit('alert', { due_today: 3, overdue: 1 }));
    const alert = await screen.findByRole('alertdialog', { name: 'Aviso de retornos' });
    expect(alert.getAttribute('aria-modal')).toBe('false');
    expect(alert.getAttribute('aria-live')).toBe('assertive');
    expect(alert.textContent).toContain('Você tem 3 retornos para hoje (1 atrasado)');
    expect(document.activeElement).toBe(name);
    expect(document.body.classList.contains('has-modal')).toBe(false);
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(window.location.pathname).toBe('/profile');
    expect(name.value).toBe('João Lima Filho');
    // Escape closes it; the field keeps the focus.
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(name);
  });

  it('pops up while a form has unsaved changes, even with the focus elsewhere, without a focused Yes', async () => {
    serve();
    const es = await openProfile();
    fireEvent.change(screen.getByLabelText('Nome'), { target: { value: 'Outro nome' } });
    (document.activeElement as HTMLElement | null)?.blur();
    act(() => es.emit('alert', { due_today: 2, overdue: 0 }));
    const alert = await screen.findByRole('alertdialog');
    expect(alert.getAttribute('aria-modal')).toBe('false');
    expect(document.activeElement).not.toBe(within(alert).getByRole('button', { name: 'Sim' }));
  });

  it('on an idle page it is a modal question focused on itself, not on Yes', async () => {
    serve();
    renderWith(<App />, { path: '/agenda' });
    await screen.findByRole('heading', { name: 'Meus retornos', level: 1 });
    const es = await waitFor(() => FakeEventSource.latest());
    es.open();
    act(() => es.emit('alert', { due_today: 1, overdue: 0 }));
    const alert = await screen.findByRole('alertdialog');
    expect(alert.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(alert);
    fireEvent.keyDown(alert, { key: 'Enter' });
    expect(screen.getByRole('alertdialog')).toBe(alert);
    // Tab from the dialog goes to its first control, and stays inside.
    fireEvent.keyDown(alert, { key: 'Tab' });
    expect(alert.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(alert, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('its Yes asks before leaving a form with unsaved changes', async () => {
    serve();
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const es = await openProfile();
    fireEvent.change(screen.getByLabelText('Nome'), { target: { value: 'Outro nome' } });
    act(() => es.emit('alert', { due_today: 2, overdue: 0 }));
    const alert = await screen.findByRole('alertdialog');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sim' }));
    expect(confirm).toHaveBeenCalledWith('Há alterações não salvas. Sair desta página e perdê-las?');
    expect(window.location.pathname).toBe('/profile');
    confirm.mockReturnValue(true);
    fireEvent.click(within(alert).getByRole('button', { name: 'Sim' }));
    await waitFor(() => expect(window.location.pathname).toBe('/agenda'));
  });
});
