import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortShort } from '../../src/domain/sort-short.js';

describe('sorting an account\'s few invoices', () => {
  it('orders any list as the built-in stable sort does, equal keys kept in their order, short or long', () => {
    // Items with a key that often ties, and a tag that tells equal-keyed items apart.
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.integer() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (list) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const expected = [...list].sort(byKey);
        const copy = [...list];
        expect(sortShort(copy, byKey)).toBe(copy);
        expect(copy).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders invoices by due date, then number, as the planner lists them', () => {
    const invoices = [
      { dueDate: '2026-02-01', number: 'B' },
      { dueDate: '2026-01-15', number: 'C' },
      { dueDate: '2026-02-01', number: 'A' },
    ];
    const oldestFirst = (a: (typeof invoices)[number], b: (typeof invoices)[number]) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.number < b.number ? -1 : 1);
    expect(sortShort(invoices, oldestFirst).map((i) => i.number)).toEqual(['C', 'A', 'B']);
  });
});
