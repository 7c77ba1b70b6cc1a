import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingReport, allReports, customersReport } from '../../src/app/report.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { nothingAfter } from '../../src/ledger/report-receivables.js';
import { ageReceivables } from '../../src/report/aging.js';
import { customer, handLedger, invoice, payment } from './ledger.js';

/**
 * The customers report and the HTML page age the accounts the planner read, instead of reading
 * every invoice again, when the ledger holds nothing dated after the as-of day; otherwise they
 * read the day's balances. Either way their figures are `report aging`'s.
 */
function books() {
  const db = handLedger();
  customer(db, 'acme', 'Acme Ltd');
  customer(db, 'kyoto', 'Kyoto KK');
  invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-01', due: '2026-01-31', currency: 'GBP', minor: 120000 });
  payment(db, 'A-1', '2026-02-10', 20000);
  invoice(db, { number: 'CN-1', customer: 'acme', issued: '2026-02-01', due: '2026-02-01', currency: 'GBP', minor: -15000 });
  invoice(db, { number: 'J-1', customer: 'kyoto', issued: '2026-01-10', due: '2026-02-09', currency: 'JPY', minor: 90000, paidBefore: 30000, importedOn: '2026-02-15' });
  return db;
}

const balances = (r: ReturnType<typeof customersReport>) => r.customers.map((c) => [c.id, c.name, c.balance.map((m) => `${m.amount} ${m.currency}`), c.overdue.map((m) => `${m.amount} ${m.currency}`)]);

describe('one pass over the ledger per report run', () => {
  it('given nothing dated after the day, the customers report owes what the aging says: A-1 1000.00 less the 150.00 credit; J-1 60,000 yen after the import', () => {
    const db = books();
    const asOf = '2026-03-02';
    expect(nothingAfter(db, asOf)).toBe(true);
    const r = customersReport(db, DEFAULT_POLICY, { asOf });
    expect(balances(r)).toEqual([
      ['acme', 'Acme Ltd', ['850.00 GBP'], ['1000.00 GBP']],
      ['kyoto', 'Kyoto KK', ['60000 JPY'], ['60000 JPY']],
    ]);
    const aging = agingReport(db, { asOf });
    expect(r.customers.map((c) => c.balance)).toEqual(aging.customers.map((c) => c.totals.map((t) => t.open)));
    expect(allReports(db, DEFAULT_POLICY, { asOf }).aging).toEqual(aging);
  });

  it('given a payment and an import after the day, the customers report still owes what was owed that day, not today', () => {
    const db = books();
    const asOf = '2026-02-05';
    expect(nothingAfter(db, asOf)).toBe(false);
    const r = customersReport(db, DEFAULT_POLICY, { asOf });
    // On 5 February: A-1's payment of 10 February and J-1's import of 15 February had not happened.
    expect(balances(r)).toEqual([
      ['acme', 'Acme Ltd', ['1050.00 GBP'], ['1200.00 GBP']],
      ['kyoto', 'Kyoto KK', ['90000 JPY'], []],
    ]);
    expect(allReports(db, DEFAULT_POLICY, { asOf }).aging).toEqual(agingReport(db, { asOf }));
  });

  it('given one currency asked for, the customers report and the page keep to it', () => {
    const db = books();
    const req = { asOf: '2026-03-02', currency: 'JPY' };
    expect(balances(customersReport(db, DEFAULT_POLICY, req))).toEqual([['kyoto', 'Kyoto KK', ['60000 JPY'], ['60000 JPY']]]);
    expect(allReports(db, DEFAULT_POLICY, req).aging).toEqual(agingReport(db, req));
  });

  it('the overview lists the aging of only the customers it names, with every total', () => {
    const db = books();
    const asOf = '2026-03-02';
    const overview = allReports(db, DEFAULT_POLICY, { asOf }, 1);
    const full = agingReport(db, { asOf });
    expect(overview.aging.totals).toEqual(full.totals);
    expect(overview.customers.customers.map((c) => c.id)).toEqual(['acme']);
    expect(overview.aging.customers).toEqual(full.customers.filter((c) => c.id === 'acme'));
  });
});

describe('aging balances in any order', () => {
  it('balances grouped by customer in id order (as the planner hands them over) age exactly as the same balances shuffled', () => {
    const balance = fc.record({
      customerId: fc.constantFrom('acme', 'b-2', 'B-1', 'kyoto', 'zeta', 'é-1'),
      currency: fc.constantFrom('GBP', 'JPY', 'BHD'),
      dueDate: fc.constantFrom('2026-01-01', '2026-02-15', '2026-03-01', '2026-04-30'),
      balance: fc.integer({ min: -50_000, max: 50_000 }),
    });
    fc.assert(
      fc.property(fc.array(balance, { maxLength: 40 }), fc.infiniteStream(fc.nat()), (list, rand) => {
        const grouped = [...list].sort((x, y) => (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0));
        const shuffled = [...list].map((b) => ({ b, k: rand.next().value })).sort((x, y) => x.k - y.k).map((x) => x.b);
        const a = ageReceivables(grouped, '2026-03-02');
        expect(a).toEqual(ageReceivables(shuffled, '2026-03-02'));
        expect(a.customers.map((c) => c.id)).toEqual([...new Set(list.filter((b) => b.balance !== 0).map((b) => b.customerId))].sort());
      }),
      { seed: 1717, numRuns: 200 },
    );
  });
});
