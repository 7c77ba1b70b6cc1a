import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customersReport, type ReportRequest } from '../../src/app/report.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import type { Ledger } from '../../src/ledger/open.js';
import { customersView } from '../../src/report/customers-text.js';
import { ROOT } from '../helpers.js';
import { customer, handLedger, invoice, letter } from './ledger.js';

/**
 * On a large ledger the customers report's two threads each lay out their half of the terminal's
 * table, to widths they agree (customers-table.ts): the table must be the one a single thread
 * lays out from the whole report, cell for cell, cut for cut.
 */
const BUILT = join(ROOT, 'dist', 'app');
const AS_OF = '2026-03-02';
const REQ: ReportRequest = { asOf: AS_OF };

type Built = {
  customersOn: (db: Ledger, policy: Policy, req: ReportRequest, options: { aging?: string; splitAt?: number; table?: boolean }) => { table?: string; customers?: ReturnType<typeof customersReport> };
};

/** 24 customers owing, their names as ledgers hold them: a bell, an emoji, a right-to-left override, and one long enough to be cut. */
function books(): Ledger {
  const db = handLedger();
  const names = ['Bell \u0007 Ltd', 'Cake 🎂 Co', 'Evil \u202e Corp', `The ${'Very '.repeat(40)}Long Name Ltd`, 'Atelier Lumière'];
  for (let c = 0; c < 24; c++) {
    const id = `C${String(c).padStart(3, '0')}`;
    customer(db, id, names[c % names.length]!);
    db.prepare('UPDATE customers SET email = ? WHERE id = ?').run(`ap@c${c}.example`, id);
    invoice(db, { number: `${id}-1`, customer: id, issued: '2025-12-01', due: `2026-0${1 + (c % 2)}-15`, currency: c % 3 === 0 ? 'JPY' : 'EUR', minor: 1_000 + c * 997 });
    // A credit note on some: a negative balance beside the debt.
    if (c % 5 === 0) invoice(db, { number: `${id}-CN`, customer: id, issued: '2026-01-05', due: '2026-01-05', currency: 'EUR', minor: -250 });
    if (c % 4 === 0) letter(db, id, '2026-02-10', 'reminder', [`${id}-1`]);
  }
  // The long-named customer owes in two currencies: the amounts are never the column cut.
  invoice(db, { number: 'C003-USD', customer: 'C003', issued: '2025-12-01', due: '2026-01-20', currency: 'USD', minor: 220_000 });
  return db;
}

describe.skipIf(!existsSync(join(BUILT, 'report-customers.js')))('the customers table laid out by two threads', () => {
  it('given 24 customers with escapes, emoji and a name too long for the line, is the table one thread lays out from the whole report', async () => {
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as Built;
    const db = books();
    const one = customersReport(db, DEFAULT_POLICY, REQ);
    expect(one.customers).toHaveLength(24);
    const two = built.customersOn(db, DEFAULT_POLICY, REQ, { aging: 'none', splitAt: 2, table: true });
    // The two threads ran and laid out the table (no rows came back), the same as one thread's.
    expect(two.customers).toBeUndefined();
    expect(two.table).toBe(customersView(one));
    // The long name was cut, not what its customer owes; the controls shown escaped, nothing trailing.
    expect(two.table).toContain('…');
    expect(two.table!.split('\n').find((line) => line.startsWith('C003'))).toMatch(/The Very Very .*… .*3991 JPY, 2200\.00 USD +3991 JPY, 2200\.00 USD/);
    expect(two.table).toContain('Bell \\u{7} Ltd');
    expect(two.table!.split('\n').every((line) => line === line.trimEnd() && [...line].length <= 160)).toBe(true);
    db.close();
  });

  it('given nobody owing on the day, says so, as one thread does', async () => {
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as Built;
    const db = handLedger();
    for (let c = 0; c < 6; c++) customer(db, `C${c}`, `Customer ${c}`);
    const two = built.customersOn(db, DEFAULT_POLICY, REQ, { aging: 'none', splitAt: 2, table: true });
    expect(two.table).toBeUndefined();
    expect(customersView(two.customers!)).toBe(`No customer owed anything on ${AS_OF}.`);
    db.close();
  });

  it('given an invoice imported after the day, gives the past day\'s rows instead (their table says what it cannot know)', async () => {
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as Built;
    const db = books();
    invoice(db, { number: 'LATE-1', customer: 'C001', issued: '2026-02-01', due: '2026-02-20', currency: 'EUR', minor: 7_000, importedOn: '2026-03-05' });
    const two = built.customersOn(db, DEFAULT_POLICY, REQ, { aging: 'none', splitAt: 2, table: true });
    expect(two.table).toBeUndefined();
    expect(two.customers).toEqual(customersReport(db, DEFAULT_POLICY, REQ));
    expect(two.customers!.nextActionsKnown).toBe(false);
    db.close();
  });
});
