import { describe, expect, it } from 'vitest';
import { insertAt, tokenOf } from './Placeholders';

describe('placeholders', () => {
  it('writes a name as a token', () => {
    expect(tokenOf('cliente')).toBe('#{cliente}');
    expect(tokenOf('#{contato|cliente}')).toBe('#{contato|cliente}');
  });

  it('inserts at the cursor, replaces a selection, appends without a cursor', () => {
    expect(insertAt('Olá ,', 4, 4, '#{contato}')).toEqual({ value: 'Olá #{contato},', caret: 14 });
    expect(insertAt('Olá XX,', 4, 6, '#{cliente}')).toEqual({ value: 'Olá #{cliente},', caret: 14 });
    expect(insertAt('Olá', null, null, ' #{cliente}')).toEqual({ value: 'Olá #{cliente}', caret: 14 });
    expect(insertAt('ab', 9, 12, 'X')).toEqual({ value: 'abX', caret: 3 });
  });
});
