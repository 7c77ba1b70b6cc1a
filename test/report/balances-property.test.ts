import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingByCustomer, importedAfter } from '../../src/ledger/report-receivables.js';
import { ageReceivables, agingOfRows, type OpenBalance } from '../../src/report/aging.js';
import { addDays } from '../../src/domain/dates.js';
import { openInvoices } from '../../src/ledger/open-invoices.js';
import { loadHistories } from '../../src/ledger/accounts.js';
import { customer, handLedger, invoice, payment } from './ledger.js';

/**
 * The fast reads of balances (one scan for invoices no payment reached, the payments' side for
 * the rest) against the rule worked out invoice by invoice: what an invoice owes on a day is its
 * amount, less what its export said was paid once imported by then, less each payment dated by
 * then (a payment that replaced part of the export's figure only once the import is in).
 */
const DAYS = ['2026-01-10', '2026-02-01', '2026-02-20', '2026-03-01', '2026-03-15', '2026-04-02'];

const invoiceArb = fc.record({
  customer: fc.constantFrom('A', 'B', 'C'),
  // Some issued long before the days asked about: every bucket of the aging, 90+ included.
  issued: fc.constantFrom('2025-10-01', '2025-12-15', ...DAYS.slice(0, 4)),
  terms: fc.constantFrom(0, 14, 30, 31, 61),
  currency: fc.constantFrom('EUR', 'JPY'),
  minor: fc.oneof(fc.integer({ min: 1, max: 90_000 }), fc.integer({ min: -5_000, max: -1 })),
  paidBefore: fc.constantFrom(0, 0, 'all', 'half'),
  importedOn: fc.constantFrom(null, ...DAYS),
  status: fc.constantFrom('open', 'open', 'open', 'void', 'draft'),
  payments: fc.array(fc.record({ on: fc.constantFrom(...DAYS), part: fc.constantFrom(1, 2, 3), replaced: fc.boolean() }), { maxLength: 3 }),
});

type Drawn = fc.RecordValue<typeof invoiceArb>;

interface Row { number: string; customer: string; issued: string; due: string; currency: string; minor: number; paidBefore: number; importedOn: string | null; status: string; payments: { on: string; minor: number; replaced: boolean }[] }

function books(drawn: Drawn[]): Row[] {
  return drawn.map((d, k) => {
    const paidBefore = d.minor < 0 ? 0 : d.paidBefore === 'all' ? d.minor : d.paidBefore === 'half' ? Math.floor(d.minor / 2) : 0;
    return {
      number: `INV-${k}`, customer: d.customer, issued: d.issued, due: addDays(d.issued, d.terms), currency: d.currency, minor: d.minor, paidBefore,
      importedOn: d.importedOn, status: d.status,
      payments: d.minor < 0 ? [] : d.payments.map((p) => ({ on: p.on, minor: Math.max(1, Math.floor(d.minor / p.part)), replaced: p.replaced })),
    };
  });
}

function write(rows: Row[]) {
  const db = handLedger(true);
  for (const c of ['A', 'B', 'C']) customer(db, c, `Customer ${c}`);
  for (const r of rows) {
    invoice(db, { number: r.number, customer: r.customer, issued: r.issued, due: r.due, currency: r.currency, minor: r.minor, status: r.status, paidBefore: r.paidBefore, importedOn: r.importedOn });
    for (const p of r.payments) payment(db, r.number, p.on, p.minor, p.replaced ? 'replaced by dated payment' : null, p.replaced ? 'import' : 'manual');
  }
  return db;
}

/** The rule, one invoice at a time. */
function owedOn(r: Row, day: string): number {
  const imported = (r.importedOn ?? r.issued) <= day;
  const paid = r.payments.filter((p) => p.on <= day && (imported || !p.replaced)).reduce((s, p) => s + p.minor, 0);
  return r.minor - (imported ? r.paidBefore : 0) - paid;
}


describe('balances read in bulk equal balances worked out invoice by invoice', () => {
  it('on any day, the aging summed by the ledger is the aging of every open invoice issued by then, each at its own balance that day', () => {
    const paths = { index: 0, scan: 0 };
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(...DAYS), (drawn, day) => {
        const rows = books(drawn);
        const db = write(rows);
        const expected = rows
          .filter((r) => r.status === 'open' && r.issued <= day)
          .map((r): OpenBalance => ({ customerId: r.customer, currency: r.currency, dueDate: r.due, balance: owedOn(r, day) }));
        // An invoice imported after the day owes more then than its row says now: read by a scan, not the index.
        paths[importedAfter(db, day) ? 'scan' : 'index']++;
        const read = agingByCustomer(db, day);
        expect(agingOfRows(read, day)).toEqual(ageReceivables(expected, day));
        for (const [id, name] of read) expect(name).toBe(`Customer ${id}`);
        // Without names, the same figures.
        expect(agingOfRows(agingByCustomer(db, day, undefined, false), day)).toEqual(ageReceivables(expected, day));
        db.close();
      }),
      { seed: 1712, numRuns: 80 },
    );
    // Both reads were tried, many times each.
    expect(paths.index).toBeGreaterThan(10);
    expect(paths.scan).toBeGreaterThan(10);
  });

  it('an invoice falls in the bucket of its days past due at each edge: 0 current, 1 and 30 in 1-30, 31 and 60 in 31-60, 61 and 90 in 61-90, 91 in 90+', () => {
    const day = '2026-06-30';
    // Read from the index of invoices owing, and by the scan (an invoice imported after the day).
    for (const later of [false, true]) {
      const db = handLedger(true);
      customer(db, 'A', 'Customer A');
      const late = [0, 1, 30, 31, 60, 61, 90, 91];
      late.forEach((days, k) => invoice(db, { number: `E-${k}`, customer: 'A', issued: '2026-01-01', due: addDays(day, -days), currency: 'EUR', minor: 10 ** k }));
      if (later) invoice(db, { number: 'L-1', customer: 'A', issued: '2026-01-01', due: day, currency: 'JPY', minor: 7, paidBefore: 7, importedOn: '2026-07-01' });
      expect(importedAfter(db, day)).toBe(later);
      expect(agingByCustomer(db, day)).toEqual([
        ['A', 'Customer A', 'EUR', 1, 10 + 100, 1_000 + 10_000, 100_000 + 1_000_000, 10_000_000, 0],
        ...(later ? [['A', 'Customer A', 'JPY', 7, 0, 0, 0, 0, 0]] : []),
      ]);
      db.close();
    }
  });

  it('the planner reads exactly the open invoices whose amount differs from all paid on them to date, with what was paid', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 12 }), (drawn) => {
        const rows = books(drawn);
        const db = write(rows);
        const paidToDate = (r: Row) => r.paidBefore + r.payments.reduce((s, p) => s + p.minor, 0);
        const expected = rows.filter((r) => r.status === 'open' && r.minor !== paidToDate(r)).map((r) => `${r.number} ${paidToDate(r)}`);
        const read = openInvoices(db, new Set()).map((i) => `${i.number} ${i.paid}`);
        expect(read.sort()).toEqual(expected.sort());
        db.close();
      }),
      { seed: 1713, numRuns: 50 },
    );
  });

  it("a customer's payment history reads the same whether all customers are read or that customer alone", () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(...DAYS), (drawn, day) => {
        const db = write(books(drawn));
        const all = loadHistories(db, day);
        for (const c of ['A', 'B', 'C']) expect(loadHistories(db, day, c).get(c)).toEqual(all.get(c));
        db.close();
      }),
      { seed: 1714, numRuns: 40 },
    );
  });
});
