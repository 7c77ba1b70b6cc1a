import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL_HEADER, dunning, tempDir, writeCsv } from '../helpers.js';

/**
 * The contact_name column through the large-file path the CLI takes (over 4 MB: read in a worker
 * thread, rows packed across to the writer, repeated customers marked, customers inserted in
 * bulk). Nothing here is timed. Size is what takes that path, so the rows are long (a customer's
 * full trading name) and few: 12,000 rows, each file over 4 MB.
 */
const ROWS = 12_000;
const CUSTOMERS = 1000;
const TRADING_AS = ' trading as the Customer Wholesale and Retail Partnership of the Northern Counties and the Western Isles for Office Furniture Stationery and Printing Supplies Catering Equipment and Cleaning Services Contract Division Accounts Payable Department Invoices Section Ref';
/** Customer 10's contact changes two thirds of the way down the file; every 7th customer names none. */
const contactOf = (c: number, i: number) => (c === 10 && i > 8_000 ? 'Priya Shah' : c % 7 === 0 ? '' : `Sam Patel ${c}`);
const row = (i: number, withContact: boolean) => {
  const c = i % CUSTOMERS;
  const base = `INV-${String(i).padStart(6, '0')},C${c},"Customer ${c}, Trading Ltd${TRADING_AS}",ap${c}@customer.example,2026-01-01,2026-01-31,GBP,120.00,`;
  return withContact ? `${base},${contactOf(c, i)}` : base;
};
const rows = (withContact: boolean) => Array.from({ length: ROWS }, (_, k) => row(k + 1, withContact));

function contacts(dir: string): Record<string, string | null> {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    const all = db.prepare("SELECT id, contact_name FROM customers WHERE id IN ('C1', 'C7', 'C10', 'C999')").raw().all() as [string, string | null][];
    return Object.fromEntries(all);
  } finally {
    db.close();
  }
}

describe('dunning import of a large canonical file with contact names', () => {
  it('imports each contact name, reports the one that changes along the file, verifies clean, and a later file without the column keeps them all', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'big.csv', rows(true), `${CANONICAL_HEADER},contact_name`);
    expect(statSync(file).size).toBeGreaterThan(4 << 20);
    const first = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-02']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.invoices).toEqual({ added: ROWS, updated: 0, unchanged: 0 });
    expect(report.notes).toContain('customer C10: contact_name changed');
    expect(contacts(dir)).toEqual({ C1: 'Sam Patel 1', C7: null, C10: 'Priya Shah', C999: 'Sam Patel 999' });
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);

    const without = writeCsv(dir, 'later.csv', rows(false));
    expect(statSync(without).size).toBeGreaterThan(4 << 20);
    const again = dunning(dir, ['import', without, '--json', '--as-of', '2026-03-03']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).invoices).toEqual({ added: 0, updated: 0, unchanged: ROWS });
    expect(JSON.parse(again.stdout).notes.filter((n: string) => n.includes('changed'))).toEqual([]);
    expect(contacts(dir)).toEqual({ C1: 'Sam Patel 1', C7: null, C10: 'Priya Shah', C999: 'Sam Patel 999' });
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
  });
});
