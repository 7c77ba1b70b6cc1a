import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/open.js';
import { rowDigest, RowCheck, tamperedRows } from '../../src/ledger/row-checks.js';

/**
 * The importer computes an invoice's check in JavaScript from the values it writes; verify
 * recomputes it from the row SQLite hands back. The two must agree for any values an export
 * can hold (accents, emoji, empty text, large amounts), or a clean ledger would not verify.
 */
const COLUMNS = ['number', 'customer_id', 'issue_date', 'due_date', 'currency', 'amount_minor', 'status', 'paid_before_minor', 'imported_on'] as const;

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const row = fc.record({
  number: text,
  customer: text,
  amount: fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  paid: fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  imported: fc.option(fc.constant('2026-03-02'), { nil: null }),
});

describe('row checks', () => {
  it('the check the importer computes is the one verify recomputes, for any invoice values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.number, minLength: 1, maxLength: 20 }), (rows) => {
        const db = openLedger(':memory:');
        try {
          const check = new RowCheck(db, 'invoices', COLUMNS);
          const insert = db.prepare(`INSERT INTO invoices (${COLUMNS.join(', ')}, row_check) VALUES (?, ?, '2026-01-01', '2026-01-31', 'GBP', ?, 'open', ?, ?, ?)`);
          db.prepare("INSERT INTO customers (id, name) VALUES ('c', 'C')").run();
          for (const r of rows) {
            const values = [r.number, 'c', '2026-01-01', '2026-01-31', 'GBP', r.amount, 'open', r.paid, r.imported];
            insert.run(r.number, 'c', r.amount, r.paid, r.imported, check.of(values));
          }
          // Sums are kept by the trigger from the checks the writer gave.
          expect(tamperedRows(db)).toEqual([]);
        } finally {
          db.close();
        }
      }),
      { seed: 20261201, numRuns: 60 },
    );
  });

  it('changing any one value changes the check; a null is not an empty text, nor a number its digits', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { minLength: 1, maxLength: 8 }), fc.nat(), text, (values, at, replacement) => {
        const i = at % values.length;
        fc.pre(values[i] !== replacement);
        const changed = [...values];
        changed[i] = replacement;
        expect(rowDigest(...changed)).not.toBe(rowDigest(...values));
      }),
      { seed: 20261201, numRuns: 300 },
    );
    expect(rowDigest(null)).not.toBe(rowDigest(''));
    expect(rowDigest(12)).not.toBe(rowDigest('12'));
    expect(rowDigest('a', 'b')).not.toBe(rowDigest('ab', ''));
  });
});
