import { describe, expect, it } from 'vitest';
import { matchPath, navigate } from './router';

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
});
