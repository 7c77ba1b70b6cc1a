import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allReports, customersReport, type ReportRequest } from '../../src/app/report.js';
import { customersPart, mergeAgings, type CustomersPart } from '../../src/app/report-customers.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import type { Ledger } from '../../src/ledger/open.js';
import { receivablePieces } from '../../src/ledger/report-receivables.js';
import type { Piece } from '../../src/report/receivables.js';
import { ROOT } from '../helpers.js';
import { customer, handLedger, invoice, letter, payment, summed } from './ledger.js';

/**
 * The customers report plans a large ledger in two halves by customer id, the later half in a
 * worker thread (the built report-customers.js): together they say what one thread says.
 */
const BUILT = join(ROOT, 'dist', 'app');
const AS_OF = '2026-03-02';

function books(): Ledger {
  const db = handLedger();
  for (let c = 0; c < 30; c++) {
    const id = `C${String(c).padStart(3, '0')}`;
    customer(db, id, `Customer ${c}`);
    db.prepare('UPDATE customers SET email = ? WHERE id = ?').run(`ap@c${c}.example`, id);
    for (let k = 0; k < 3; k++) {
      const number = `${id}-${k}`;
      const day = String(1 + ((c + k) % 28)).padStart(2, '0');
      invoice(db, { number, customer: id, issued: `2025-12-${day}`, due: `2026-0${1 + (k % 2)}-${day}`, currency: c % 4 === 0 ? 'JPY' : 'EUR', minor: 10_000 + c * 100 + k });
      if ((c + k) % 5 === 0) payment(db, number, '2026-02-15', 10_000 + c * 100 + k);
    }
    if (c % 3 === 0) letter(db, id, '2026-02-10', 'reminder', [`${id}-0`]);
  }
  return db;
}

const REQ: ReportRequest = { asOf: AS_OF };

describe.skipIf(!existsSync(join(BUILT, 'report-customers.js')))('the customers report in two threads', () => {
  it('given 30 customers, some paid, some reminded, the two halves together say what one thread says, and the worker answers', async () => {
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as {
      startCustomers: (db: Ledger, policy: Policy, req: ReportRequest, wanted?: string, splitAt?: number) => { take(): { parts: CustomersPart[] } };
    };
    type Two = CustomersPart[];
    const { startInWorker } = (await import(pathToFileURL(join(BUILT, 'second-thread.js')).href)) as {
      startInWorker: <T>(module: URL, name: string, job: unknown) => { take(): T | undefined };
    };
    const db = books();
    const one = customersPart(db, DEFAULT_POLICY, REQ);
    expect(one.rows.filter((r) => r.nextAction !== null).length).toBeGreaterThan(5);
    const two = built.startCustomers(db, DEFAULT_POLICY, REQ, 'each', 2).take().parts as Two;
    expect(two).toHaveLength(2);
    // Split at the middle customer: each half has some, none in both, in id order.
    expect(two[0]!.rows.length).toBeGreaterThan(0);
    expect(two[1]!.rows.length).toBeGreaterThan(0);
    expect(two.flatMap((p) => p.rows)).toEqual(one.rows);
    expect(mergeAgings(two.map((p) => p.aging), AS_OF)).toEqual(one.aging);
    expect(new Map(two.flatMap((p) => p.names))).toEqual(new Map(one.names));
    // The worker itself answers (it is not this thread doing both halves).
    const middle = two[0]!.rows.at(-1)!.id;
    const answer = startInWorker<{ parts: CustomersPart[] }>(new URL(pathToFileURL(join(BUILT, 'report-worker.js')).href), 'customersPartOf', { path: db.name, policy: DEFAULT_POLICY, req: REQ, span: { after: middle }, wanted: 'each' }).take();
    expect(answer?.parts[0]?.rows).toEqual(two[1]!.rows);
    // For the customers report alone, the halves send back only their rows: the same rows.
    const lean = built.startCustomers(db, DEFAULT_POLICY, REQ, 'none', 2).take().parts as Two;
    expect(lean.flatMap((p) => p.rows)).toEqual(one.rows);
    expect(lean.every((p) => p.aging.totals.length === 0 && p.aging.customers.length === 0 && p.names.length === 0)).toBe(true);
    // For the page alone, the aging's totals and no customer's: the same totals, the same rows.
    const page = built.startCustomers(db, DEFAULT_POLICY, REQ, 'totals', 2).take().parts as Two;
    expect(page.flatMap((p) => p.rows)).toEqual(one.rows);
    expect(mergeAgings(page.map((p) => p.aging), AS_OF).totals).toEqual(one.aging.totals);
    expect(page.every((p) => p.aging.customers.length === 0 && p.names.length === 0)).toBe(true);
    db.close();
  });
});

describe.skipIf(!existsSync(join(BUILT, 'report-customers.js')))('the customers report in two threads, for a day the ledger has moved on from', () => {
  it('given an invoice imported three days after the day (no letter or payment since), the worker finds it and the report is the past day\'s, as one thread reads it', async () => {
    type Built = {
      startCustomers: (db: Ledger, policy: Policy, req: ReportRequest, wanted?: string, splitAt?: number) => { take(): { parts: CustomersPart[] | string }; checksInvoices: boolean };
      customersOn: (db: Ledger, policy: Policy, req: ReportRequest, options: { aging?: string; splitAt?: number; pieces?: boolean }) => { customers: ReturnType<typeof customersReport>; pieces?: unknown[] };
    };
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as Built;
    const db = books();
    // The export said it was paid; until its import on 5 March the ledger counted it owing.
    invoice(db, { number: 'LATE-1', customer: 'C001', issued: '2026-02-01', due: '2026-02-20', currency: 'EUR', minor: 7_000, paidBefore: 7_000, importedOn: '2026-03-05' });
    const started = built.startCustomers(db, DEFAULT_POLICY, REQ, 'none', 2);
    expect(started.checksInvoices).toBe(true);
    expect(started.take().parts).toBe('moved-on');
    const one = customersReport(db, DEFAULT_POLICY, REQ);
    expect(one.nextActionsKnown).toBe(false);
    // The whole report, in two threads: the same as one thread's.
    expect(built.customersOn(db, DEFAULT_POLICY, REQ, { aging: 'none', splitAt: 2 }).customers).toEqual(one);
    expect(one.customers.find((c) => c.id === 'C001')?.balance.some((b) => b.minor >= 7_000)).toBe(true);
    db.close();
  });
});

describe.skipIf(!existsSync(join(BUILT, 'report-customers.js')))('the page: the customers\' worker also reads the months\' receivables', () => {
  it('given 30 customers, the pieces it brings back are those one thread reads, on a day the ledger has moved on from too', async () => {
    type Built = { customersOn: (db: Ledger, policy: Policy, req: ReportRequest, options: { splitAt?: number; pieces?: boolean }) => { customers: unknown; pieces?: Piece[] } };
    const built = (await import(pathToFileURL(join(BUILT, 'report-customers.js')).href)) as Built;
    const db = books();
    const alone = summed(receivablePieces(db));
    expect(alone.length).toBeGreaterThan(10);
    const today = built.customersOn(db, DEFAULT_POLICY, REQ, { splitAt: 2, pieces: true });
    expect(summed(today.pieces!)).toEqual(alone);
    expect(today.customers).toEqual(allReports(db, DEFAULT_POLICY, REQ).customers);
    // On 1 February, with letters (10th) and payments (15th) later: the worker is stopped, and the caller reads the pieces itself.
    expect(built.customersOn(db, DEFAULT_POLICY, { asOf: '2026-02-01' }, { splitAt: 2, pieces: true }).pieces).toBeUndefined();
    // An invoice imported after the day, nothing else later: the worker finds it and still brings the pieces.
    invoice(db, { number: 'LATE-1', customer: 'C001', issued: '2026-02-01', due: '2026-02-20', currency: 'EUR', minor: 7_000, paidBefore: 7_000, importedOn: '2026-03-05' });
    const movedOn = built.customersOn(db, DEFAULT_POLICY, REQ, { splitAt: 2, pieces: true });
    expect(summed(movedOn.pieces!)).toEqual(summed(receivablePieces(db)));
    expect(movedOn.customers).toEqual(allReports(db, DEFAULT_POLICY, REQ).customers);
    db.close();
  });
});

describe('the customers report and the page, one thread (from the sources)', () => {
  it('list the same customers with the same figures as the part reporting on everyone', () => {
    const db = books();
    const one = customersPart(db, DEFAULT_POLICY, REQ);
    expect(customersReport(db, DEFAULT_POLICY, REQ).customers).toEqual(one.rows);
    expect(allReports(db, DEFAULT_POLICY, REQ).customers.customers).toEqual(one.rows);
    db.close();
  });
});
