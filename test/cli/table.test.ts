import { describe, expect, it } from 'vitest';
import { table } from '../../src/cli/output.js';

describe('a plain text table', () => {
  it('pads each column to its widest cell, counting an accent or an emoji as one character, and right-aligns amounts', () => {
    const text = table([
      ['customer', 'name', 'open'],
      ['acme', 'Acme Ltd', '1200.00 GBP'],
      ['lumiere', 'Atelier Lumière', '-50.00 EUR'],
      ['cake', 'Cake 🎂 Co', '9.99 USD'],
    ]);
    expect(text.split('\n')).toEqual([
      'customer  name             open',
      'acme      Acme Ltd         1200.00 GBP',
      'lumiere   Atelier Lumière   -50.00 EUR',
      'cake      Cake 🎂 Co           9.99 USD',
    ]);
  });

  it('leaves a heading that looks like a number where it is, and nothing trailing', () => {
    expect(table([['2026', 'x'], ['1', '']])).toBe('2026  x\n   1');
    expect(table([])).toBe('');
  });
});
