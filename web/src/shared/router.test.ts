import { describe, expect, it } from 'vitest';
import type { MouseEvent } from 'react';
import { matchPath, navigate, openRow } from './router';

describe('router', () => {
  it('matches patterns with parameters', () => {
    expect(matchPath('/followups/:id', '/followups/12')).toEqual({ id: '12' });
    expect(matchPath('/followups/:id', '/followups')).toBeNull();
    expect(matchPath('/followups/new', '/followups/new')).toEqual({});
    expect(matchPath('/parties/:id', '/followups/1')).toBeNull();
  });

  it('changes the address without reloading', () => {
    navigate('/followups?status=closed');
    expect(window.location.pathname).toBe('/followups');
    expect(window.location.search).toBe('?status=closed');
  });

  it('opens a row on a click outside its links and buttons', () => {
    navigate('/parties');
    const row = document.createElement('tr');
    row.innerHTML = '<td>Padaria</td><td><a href="tel:1">ligar</a><button>x</button></td>';
    const click = (target: Element) => openRow('/parties/5')({ target } as unknown as MouseEvent<HTMLElement>);
    click(row.querySelector('a')!);
    click(row.querySelector('button')!);
    expect(window.location.pathname).toBe('/parties');
    click(row.querySelector('td')!);
    expect(window.location.pathname).toBe('/parties/5');
  });
});
