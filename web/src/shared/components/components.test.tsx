import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';
import { Tabs } from './Tabs';
import { TextField } from './Field';

describe('Dialog', () => {
  it('is a labelled modal that takes focus, keeps Tab inside and closes on Escape', () => {
    const onClose = vi.fn();
    render(
      <>
        <button type="button">outside</button>
        <Dialog title="Pergunta" onClose={onClose} closeLabel="Fechar" footer={<button type="button">Ok</button>}>
          <input aria-label="campo" />
        </Dialog>
      </>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Pergunta' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('campo'));
    screen.getByRole('button', { name: 'Ok' }).focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Fechar' }));
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Ok' }));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('Tabs', () => {
  function Demo() {
    const [active, setActive] = useState('a');
    return (
      <Tabs
        label="Observações"
        active={active}
        onChange={setActive}
        tabs={[
          { id: 'a', label: 'Follow Up' },
          { id: 'b', label: 'Reclamações' },
          { id: 'c', label: 'Comentário interno' },
        ]}
      >
        <p>painel {active}</p>
      </Tabs>
    );
  }

  it('moves with the arrow keys, Home and End', () => {
    render(<Demo />);
    const first = screen.getByRole('tab', { name: 'Follow Up' });
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Reclamações' }).getAttribute('tabindex')).toBe('-1');
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Reclamações' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toBe('painel b');
    fireEvent.keyDown(first, { key: 'End' });
    expect(screen.getByRole('tabpanel').textContent).toBe('painel c');
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(screen.getByRole('tabpanel').textContent).toBe('painel a');
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    expect(screen.getByRole('tabpanel').textContent).toBe('painel c');
  });
});

describe('TextField', () => {
  it('ties the label, the hint and the error to the input', () => {
    render(<TextField label="Assunto" hint="Até 200 caracteres" error="Preencha este campo." required />);
    const input = screen.getByLabelText(/Assunto/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    expect(ids.map((id) => document.getElementById(id)!.textContent)).toEqual([
      'Preencha este campo.',
      'Até 200 caracteres',
    ]);
  });
});
