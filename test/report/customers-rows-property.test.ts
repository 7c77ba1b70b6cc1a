import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customersPart } from '../../src/app/report-customers.js';
import { addDays } from '../../src/domain/dates.js';
import { moneyJson } from '../../src/domain/money.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { agingByCustomer } from '../../src/ledger/report-receivables.js';
import { agingOfRows, openOf, overdueOf } from '../../src/report/aging.js';
import { customer, handLedger, invoice, letter, payment } from './ledger.js';

/**
 * The customers report makes its rows straight from the planner's accounts, and the page ages
 * the same accounts; the aging report sums the ledger inside SQLite. Whatever the books hold
 * (credits, part payments, overpayments, several currencies, letters at any stage), on a day
 * the ledger has not moved on from all three say the same of every customer.
 */
const AS_OF = '2026-03-02';
const CUSTOMERS = ['acme', 'brill', 'cobalt', 'delta'];

const invoiceArb = fc.record({
  customer: fc.constantFrom(...CUSTOMERS),
  currency: fc.constantFrom('EUR', 'JPY', 'BHD'),
  issuedDaysAgo: fc.integer({ min: 0, max: 200 }),
  terms: fc.constantFrom(0, 14, 30, 60),
  minor: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: -20_000, max: -1 })),
  paidBefore: fc.constantFrom(0, 0, 'all', 'some'),
  payments: fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 2 }),
  letter: fc.constantFrom(null, null, 'reminder', 'second-reminder', 'final-notice'),
});

describe('the customers report, the page and the aging agree', () => {
  it('given any books, each row owes per currency what the aging says (credits less), past due what its buckets after current hold, and the aging is the ledger\'s own, in every currency or one', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 14 }), fc.constantFrom(undefined, 'EUR', 'JPY'), (drawn, currency) => {
        const db = handLedger(true);
        for (const c of CUSTOMERS) {
          customer(db, c, `Customer ${c}`);
          db.prepare('UPDATE customers SET email = ? WHERE id = ?').run(`ap@${c}.example`, c);
        }
        drawn.forEach((d, k) => {
          const number = `N-${k}`;
          const issued = addDays(AS_OF, -d.issuedDaysAgo);
          const paidBefore = d.minor < 0 || d.paidBefore === 0 ? 0 : d.paidBefore === 'all' ? d.minor : Math.floor(d.minor / 3);
          invoice(db, { number, customer: d.customer, issued, due: addDays(issued, d.terms), currency: d.currency, minor: d.minor, paidBefore, importedOn: issued });
          if (d.minor > 0) for (const p of d.payments) payment(db, number, issued, p);
          if (d.letter !== null) letter(db, d.customer, issued, d.letter, [number]);
        });
        const req = { asOf: AS_OF, currency };
        const page = customersPart(db, DEFAULT_POLICY, req, undefined, 'each');
        // The planner's balances, aged, are the ledger's aging summed by SQLite.
        expect(page.aging).toEqual(agingOfRows(agingByCustomer(db, AS_OF, currency), AS_OF));
        const fromAging = page.aging.customers.map((c) => ({
          id: c.id,
          balance: c.totals.map((t) => moneyJson(openOf(t), t.currency)),
          overdue: c.totals.filter((t) => overdueOf(t) !== 0).map((t) => moneyJson(overdueOf(t), t.currency)),
        }));
        expect(page.rows.map((r) => ({ id: r.id, balance: r.balance, overdue: r.overdue }))).toEqual(fromAging);
        expect(page.names).toEqual(page.rows.map((r) => [r.id, r.name]));
        // The customers report alone: the same rows.
        expect(customersPart(db, DEFAULT_POLICY, req, undefined, 'none').rows).toEqual(page.rows);
        const totals = customersPart(db, DEFAULT_POLICY, req, undefined, 'totals');
        expect([totals.rows, totals.aging.totals, totals.aging.customers]).toEqual([page.rows, page.aging.totals, []]);
        db.close();
      }),
      { seed: 1201, numRuns: 120 },
    );
  });
});
