import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS, canonicalColumns, checkCanonicalRow, plainCanonicalRow } from '../../src/import/canonical.js';

/**
 * The importer reads most rows through a fast path (plainCanonicalRow) and hands it any row it
 * is not sure of. Whatever the fast path accepts must come out exactly as the full check reads
 * it, and what it refuses must still be read (or explained) by the full check.
 */
const header = [...CANONICAL_COLUMNS, 'language', 'address', 'phone', 'status'];
const columns = canonicalColumns(header);
const ctx = { file: 'f.csv', currency: 'EUR' };
const base = ['INV-1', 'C1', 'Acme Ltd', 'ap@acme.example', '2026-01-01', '2026-01-31', 'USD', '1250.00', '', '', '', '', ''];
const at = Object.fromEntries(header.map((h, i) => [h, i]));
const rowWith = (over: Record<string, string>) => {
  const cells = [...base];
  for (const [k, v] of Object.entries(over)) cells[at[k]!] = v;
  return cells;
};

const cases: [string, Record<string, string>][] = [
  ['a plain row', {}],
  ['a row paid in part', { amount_paid: '100.5' }],
  ['a credit note', { amount: '-40.00' }],
  ['a credit note with something paid', { amount: '-40.00', amount_paid: '1.00' }],
  ['yen without decimals', { currency: 'JPY', amount: '24206' }],
  ['yen with decimals', { currency: 'JPY', amount: '24206.5' }],
  ['dinar with three decimals', { currency: 'BHD', amount: '1.234' }],
  ['too many decimals', { amount: '12.345' }],
  ['trailing zeros past the exponent', { amount: '12.3400' }],
  ['a leading plus', { amount: '+12.00' }],
  ['leading zeros', { amount: '0012.00' }],
  ['a bare point', { amount: '12.' }],
  ['a point first', { amount: '.5' }],
  ['minus zero', { amount: '-0.00' }],
  ['zero', { amount: '0' }],
  ['sixteen digits', { amount: '12345678901234.56' }],
  ['a thousands separator', { amount: '1,250.00' }],
  ['an empty amount', { amount: '' }],
  ['a negative amount paid', { amount_paid: '-1.00' }],
  ['a lower-case currency', { currency: 'usd' }],
  ['an unknown currency', { currency: 'XYZ' }],
  ['no currency (the default applies)', { currency: '' }],
  ['spaces around the number', { invoice_number: ' INV-1 ' }],
  ['a non-breaking space at the end of the name', { customer_name: 'Acme Ltd\u00a0' }],
  ['no customer id', { customer_id: '' }],
  ['an accented name', { customer_name: 'Café Ünal' }],
  ['an email with a space', { email: 'ap @acme.example' }],
  ['an email with two @', { email: 'a@b@c' }],
  ['an email ending in @', { email: 'ap@' }],
  ['no email', { email: '' }],
  ['a date that does not exist', { issue_date: '2026-02-30' }],
  ['due before issue', { due_date: '2025-12-31' }],
  ['a date with a time', { issue_date: '2026-01-01T00:00' }],
  ['a language', { language: 'FR' }],
  ['a status', { status: 'Void' }],
  ['an address and phone', { address: '1 High St, Leeds', phone: '+44 113 000' }],
  ['an address with a space at the end', { address: '1 High St ' }],
  ['more paid than the total', { amount_paid: '1300.00' }],
  ['an amount over the limit', { amount: '10000000000.01' }],
];

/** The rows the fast path takes itself; every other case is left to the full check. */
const TAKEN = new Set([
  'a plain row', 'a row paid in part', 'a credit note', 'yen without decimals', 'dinar with three decimals',
  'leading zeros', 'zero', 'no currency (the default applies)', 'no email', 'an accented name', 'an address and phone',
]);

describe('the plain-row fast path of canonical import', () => {
  const taken = cases.filter(([name]) => TAKEN.has(name));
  const left = cases.filter(([name]) => !TAKEN.has(name));

  it.each(taken)('%s: taken by the fast path, exactly as the full check reads it', (_, over) => {
    const cells = rowWith(over);
    const fast = plainCanonicalRow(cells, 7, columns, ctx);
    expect(fast).not.toBeNull();
    expect(checkCanonicalRow(cells, 7, columns, ctx)).toEqual({ record: fast });
  });

  it.each(left)('%s: left to the full check, which reads or explains it', (_, over) => {
    const cells = rowWith(over);
    expect(plainCanonicalRow(cells, 7, columns, ctx)).toBeNull();
    const full = checkCanonicalRow(cells, 7, columns, ctx);
    expect('record' in full ? full.record.number : full.problems.length).toBeTruthy();
  });

  it('takes the ordinary rows of an export itself', () => {
    const ordinary = ['a plain row', 'a row paid in part', 'a credit note', 'yen without decimals', 'no email', 'an address and phone', 'no currency (the default applies)'];
    for (const [name, over] of cases.filter(([n]) => ordinary.includes(n))) expect(plainCanonicalRow(rowWith(over), 7, columns, ctx), name).not.toBeNull();
    expect(plainCanonicalRow(rowWith({ currency: 'BHD', amount: '1.234' }), 7, columns, ctx)?.amount).toBe(1234);
    expect(plainCanonicalRow(rowWith({ amount: '100.5' }), 7, columns, ctx)?.amount).toBe(10050);
  });

  it('leaves every row with a problem to the full check, which names it', () => {
    for (const over of [{ amount: '12.345' }, { currency: 'XYZ' }, { issue_date: '2026-02-30' }, { email: 'a@b@c' }, { amount_paid: '-1.00' }]) {
      expect(plainCanonicalRow(rowWith(over), 7, columns, ctx)).toBeNull();
      expect(checkCanonicalRow(rowWith(over), 7, columns, ctx)).toHaveProperty('problems');
    }
  });
});
