import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancesOn, customerNames } from '../../src/ledger/report-receivables.js';
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
  issued: fc.constantFrom(...DAYS.slice(0, 4)),
  currency: fc.constantFrom('EUR', 'JPY'),
  minor: fc.oneof(fc.integer({ min: 1, max: 90_000 }), fc.integer({ min: -5_000, max: -1 })),
  paidBefore: fc.constantFrom(0, 0, 'all', 'half'),
  importedOn: fc.constantFrom(null, ...DAYS),
  status: fc.constantFrom('open', 'open', 'open', 'void', 'draft'),
  payments: fc.array(fc.record({ on: fc.constantFrom(...DAYS), part: fc.constantFrom(1, 2, 3), replaced: fc.boolean() }), { maxLength: 3 }),
});

type Drawn = fc.RecordValue<typeof invoiceArb>;

interface Row { number: string; customer: string; issued: string; currency: string; minor: number; paidBefore: number; importedOn: string | null; status: string; payments: { on: string; minor: number; replaced: boolean }[] }

function books(drawn: Drawn[]): Row[] {
  return drawn.map((d, k) => {
    const paidBefore = d.minor < 0 ? 0 : d.paidBefore === 'all' ? d.minor : d.paidBefore === 'half' ? Math.floor(d.minor / 2) : 0;
    return {
      number: `INV-${k}`, customer: d.customer, issued: d.issued, currency: d.currency, minor: d.minor, paidBefore,
      importedOn: d.importedOn, status: d.status,
      payments: d.minor < 0 ? [] : d.payments.map((p) => ({ on: p.on, minor: Math.max(1, Math.floor(d.minor / p.part)), replaced: p.replaced })),
    };
  });
}

function write(rows: Row[]) {
  const db = handLedger(true);
  for (const c of ['A', 'B', 'C']) customer(db, c, `Customer ${c}`);
  for (const r of rows) {
    invoice(db, { number: r.number, customer: r.customer, issued: r.issued, due: r.issued, currency: r.currency, minor: r.minor, status: r.status, paidBefore: r.paidBefore, importedOn: r.importedOn });
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

const key = (b: { customerId: string; currency: string; balance: number }) => `${b.customerId} ${b.currency} ${b.balance}`;

describe('balances read in bulk equal balances worked out invoice by invoice', () => {
  it('on any day, the aging reads exactly the open invoices issued by then that owe or are owed something, with their balance', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(...DAYS), (drawn, day) => {
        const rows = books(drawn);
        const db = write(rows);
        const expected = rows.filter((r) => r.status === 'open' && r.issued <= day).map((r) => ({ customerId: r.customer, currency: r.currency, balance: owedOn(r, day) })).filter((b) => b.balance !== 0);
        // Each balance is read as it comes: the same object is refilled for the next.
        const read = Array.from(balancesOn(db, day), key);
        expect(read.sort()).toEqual(expected.map(key).sort());
        const owing = [...new Set(expected.map((b) => b.customerId))];
        expect([...customerNames(db, owing)].sort()).toEqual(owing.sort().map((c) => [c, `Customer ${c}`]));
        db.close();
      }),
      { seed: 1712, numRuns: 50 },
    );
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
