import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { table, TABLE_WIDTH } from '../../src/cli/output.js';
import { escapeControls } from '../../src/cli/safe-text.js';

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

  it('never cuts a column it is told holds amounts: the name gives way, and the line is as long as it must be', () => {
    const text = table(
      [
        ['customer', 'name', 'balance'],
        ['pixel', 'Pixel & Pine Ltd, Creative Studio and Print Works', '1500.00 GBP, 2200.00 USD'],
      ],
      40,
      [2],
    );
    expect(text.split('\n')[1]).toBe('pixel     Pixel & Pin…  1500.00 GBP, 2200.00 USD');
    // Without being told, the widest column gives way first: the amounts.
    expect(table([['n', 'balance'], ['Pixel & Pine Ltd', '1500.00 GBP, 2200.00 USD']], 30)).toContain('1500.00 GBP, …');
  });

  it('leaves a heading that looks like a number where it is, and nothing trailing', () => {
    expect(table([['2026', 'x'], ['1', '']])).toBe('2026  x\n   1');
    expect(table([])).toBe('');
  });
});

/**
 * The table as it was first written, maps and all: the one in output.ts is written for speed
 * (52,000 rows in `report customers`) and must lay out every table exactly as this does.
 */
function plainTable(input: string[][], maxWidth = TABLE_WIDTH): string {
  const shownOf = (s: string) => [...s].length;
  const rows = input.map((r) => r.map(escapeControls));
  const natural: number[] = [];
  for (const r of rows) r.forEach((c, i) => (natural[i] = Math.max(natural[i] ?? 0, shownOf(c))));
  const widths = [...natural];
  let over = widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, widths.length - 1) - maxWidth;
  while (over > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 12) break;
    widths[widest]! -= 1;
    over -= 1;
  }
  const cut = (c: string, w: number) => (shownOf(c) <= w ? c : [...c].slice(0, w - 1).join('') + '…');
  return rows
    .map((r, n) =>
      r
        .map((c, i) => {
          const cell = natural[i]! > widths[i]! ? cut(c, widths[i]!) : c;
          const pad = ' '.repeat(widths[i]! - shownOf(cell));
          return n > 0 && /^-?[\d.,]+( [A-Z]{3})?$/.test(cell) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

describe('the table, fast as it is written', () => {
  // Cells as ledgers hold them: names with accents, emoji and controls, amounts, dashes,
  // empty cells, spaces at either end, and now and then one long enough to be cut.
  const piece = fc.constantFrom('a', 'Z', ' ', '\u00a0', 'é', '🎂', '\u0007', '\n', '\u202e', '-', '.', ',', '7', '0', ' GBP', '…', '\u3000');
  const cell = fc.oneof(
    fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
    fc.integer({ min: -99_999, max: 99_999 }).map((n) => `${(n / 100).toFixed(2)} EUR`),
    fc.constantFrom('', '-', '12', 'letter:reminder'),
    fc.array(piece, { minLength: 30, maxLength: 90 }).map((p) => p.join('')),
  );
  const rows = fc.integer({ min: 1, max: 6 }).chain((columns) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 8 }));

  it('lays out every table as the plain version does: padding, alignment, cuts and nothing trailing', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 20, max: 200 }), (input, width) => {
        expect(table(input, width)).toBe(plainTable(input, width));
      }),
      { numRuns: 2000 },
    );
  });
});
