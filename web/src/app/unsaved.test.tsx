import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { NewReturnDialog } from '../features/followups/NewReturnDialog';
import { fakeApi, followupOf, meOf, tables } from '../test/fakeApi';
import { renderWith } from '../test/render';
import { useUnsavedForm } from '../shared/hooks/useUnsavedChanges';
import { Link, navigate } from '../shared/router';
import { hasUnsavedChanges } from '../shared/unsaved';

function Form({ onSaved }: { onSaved?: () => void }) {
  const { onChange, markSaved } = useUnsavedForm();
  const [text, setText] = useState('');
  return (
    <>
      <form
        onChange={onChange}
        onSubmit={(e) => {
          e.preventDefault();
          markSaved();
          onSaved?.();
        }}
      >
        <label>
          Nota <input value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">Salvar</button>
      </form>
      <Link to="/elsewhere">Sair</Link>
    </>
  );
}

function beforeUnloadCancelled(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('unsaved changes: leaving a changed form asks first', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('a link asks; keeping the form stays, agreeing leaves', () => {
    navigate('/here');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    render(<Form />);
    fireEvent.click(screen.getByRole('link', { name: 'Sair' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/elsewhere');
    navigate('/here');
    fireEvent.change(screen.getByLabelText('Nota'), { target: { value: 'ligar amanhã' } });
    fireEvent.click(screen.getByRole('link', { name: 'Sair' }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(window.location.pathname).toBe('/here');
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole('link', { name: 'Sair' }));
    expect(window.location.pathname).toBe('/elsewhere');
  });

  it('the back button asks and, when the user keeps the form, puts the address back', () => {
    navigate('/before');
    navigate('/here');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    render(<Form />);
    fireEvent.change(screen.getByLabelText('Nota'), { target: { value: 'x' } });
    // What the browser does on "back": the address changes, then popstate.
    act(() => {
      window.history.replaceState(null, '', '/before');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(window.location.pathname).toBe('/here');
    expect(screen.getByLabelText('Nota')).toBeTruthy();
  });

  it('closing or reloading the tab asks while the form has changes, and not after it is saved', () => {
    render(<Form />);
    expect(beforeUnloadCancelled()).toBe(false);
    fireEvent.change(screen.getByLabelText('Nota'), { target: { value: 'x' } });
    expect(hasUnsavedChanges()).toBe(true);
    expect(beforeUnloadCancelled()).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(hasUnsavedChanges()).toBe(false);
    expect(beforeUnloadCancelled()).toBe(false);
  });

  it('forgets a form that is no longer on the page', () => {
    const { unmount } = render(<Form />);
    fireEvent.change(screen.getByLabelText('Nota'), { target: { value: 'x' } });
    unmount();
    expect(hasUnsavedChanges()).toBe(false);
  });
});

describe("the app's forms use it", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const routes = () =>
    fakeApi({
      ...tables,
      'GET /me': { body: meOf() },
      'GET /agenda': { body: { items: [] } },
      'GET /followups': { body: { items: [], next_cursor: null, total: 0 } },
      'GET /templates': { body: { items: [], placeholders: [] } },
    });

  for (const [path, heading, field] of [
    ['/followups/new', 'Incluir Follow Up', 'Assunto'],
    ['/profile', 'Minhas preferências', 'Nome'],
    ['/parties/new', 'Incluir cliente ou fornecedor', 'Nome'],
  ] as const) {
    it(`${path}: the main menu asks before leaving a changed form`, async () => {
      routes();
      const confirm = vi.fn(() => false);
      vi.stubGlobal('confirm', confirm);
      renderWith(<App />, { path });
      await screen.findByRole('heading', { name: heading, level: 1 });
      const input = (await screen.findAllByLabelText(new RegExp(`^${field}`)))[0];
      fireEvent.change(input, { target: { value: 'Algo digitado' } });
      fireEvent.click(screen.getByRole('link', { name: 'Follow Ups' }));
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(window.location.pathname).toBe(path);
      expect((input as HTMLInputElement).value).toBe('Algo digitado');
    });
  }

  it('a dialog form (a new return) asks too, and a successful save forgets it', async () => {
    fakeApi({
      ...tables,
      'POST /followups/1043/actions': {
        status: 201,
        body: { ...followupOf().actions[0], series: followupOf().actions },
      },
    });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    let open = true;
    const { rerender } = renderWith(
      <>
        <Link to="/elsewhere">Sair</Link>
        <NewReturnDialog followupId={1043} onClose={() => {}} onDone={() => (open = false)} />
      </>,
      { path: '/followups/1043', me: meOf() },
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Mensagem ao cliente/), { target: { value: 'Ligar às 10h' } });
    fireEvent.click(screen.getByRole('link', { name: 'Sair', hidden: true }));
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(window.location.pathname).toBe('/followups/1043');
    await waitFor(() => expect(within(dialog).getAllByRole('option', { name: 'Telefone' }).length).toBeGreaterThan(0));
    fireEvent.change(within(dialog).getByLabelText(/^Tp\. contato/), { target: { value: 'phone' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    await waitFor(() => expect(open).toBe(false));
    expect(hasUnsavedChanges()).toBe(false);
    rerender(<></>);
  });
});
