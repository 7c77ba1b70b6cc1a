import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingReport, ceiReport, dsoReport } from '../../src/app/report.js';
import { addDays } from '../../src/domain/dates.js';
import type { Ledger } from '../../src/ledger/open.js';
import { agingByCustomer, receivablePieces } from '../../src/ledger/report-receivables.js';
import { agingOfRows, openOf } from '../../src/report/aging.js';
import { monthOf } from '../../src/report/months.js';
import { receivablesHistory } from '../../src/report/receivables.js';
import { customer, handLedger, invoice, payment } from './ledger.js';

/**
 * Three customers in three currencies with 0, 3 and 2 decimals (JPY, BHD, GBP): partial
 * payments, an export's undated "already paid" that counts only from its import's day, a dated
 * payment that replaced it, a credit note, a draft and a void invoice.
 */
function books(): Ledger {
  const db = handLedger();
  customer(db, 'kyoto', 'Kyoto Print K.K.');
  customer(db, 'manama', 'Manama Trading W.L.L.');
  customer(db, 'acme', 'Acme Ltd');
  // JPY: 150,000 due 9 Feb, 50,000 paid 20 Feb.
  invoice(db, { number: 'J-1', customer: 'kyoto', issued: '2026-01-10', due: '2026-02-09', currency: 'JPY', minor: 150000 });
  payment(db, 'J-1', '2026-02-20', 50000);
  // JPY: 80,000 the export imported on 5 March said was paid; nothing says when.
  invoice(db, { number: 'J-2', customer: 'kyoto', issued: '2026-02-01', due: '2026-03-03', currency: 'JPY', minor: 80000, paidBefore: 80000, importedOn: '2026-03-05' });
  // JPY: 30,000 said paid at the 5 March import; a bank export then dated it 20 February.
  invoice(db, { number: 'J-3', customer: 'kyoto', issued: '2026-01-20', due: '2026-02-19', currency: 'JPY', minor: 30000, paidBefore: 30000, importedOn: '2026-03-05' });
  payment(db, 'J-3', '2026-02-20', 30000, 'payment in bank.csv', 'import');
  payment(db, 'J-3', '2026-02-20', -30000, 'replaced by dated payment', 'import');
  // BHD (3 decimals): 1,234.567 due 31 Dec, 234.567 paid 15 Jan, 1,000.000 on 10 March; a credit note of 100.500.
  invoice(db, { number: 'B-1', customer: 'manama', issued: '2025-12-01', due: '2025-12-31', currency: 'BHD', minor: 1234567 });
  payment(db, 'B-1', '2026-01-15', 234567);
  payment(db, 'B-1', '2026-03-10', 1000000);
  invoice(db, { number: 'CN-1', customer: 'manama', issued: '2026-02-15', due: '2026-02-15', currency: 'BHD', minor: -100500 });
  invoice(db, { number: 'B-2', customer: 'manama', issued: '2026-01-05', due: '2026-02-04', currency: 'BHD', minor: 500000, status: 'draft' });
  invoice(db, { number: 'B-3', customer: 'manama', issued: '2026-01-06', due: '2026-02-05', currency: 'BHD', minor: 700000, status: 'void' });
  // GBP: one issued before the end of February, one after.
  invoice(db, { number: 'G-1', customer: 'acme', issued: '2026-02-25', due: '2026-03-27', currency: 'GBP', minor: 50000 });
  invoice(db, { number: 'G-2', customer: 'acme', issued: '2026-03-01', due: '2026-03-31', currency: 'GBP', minor: 20000, status: 'written-off' });
  invoice(db, { number: 'G-3', customer: 'acme', issued: '2026-03-02', due: '2026-04-01', currency: 'GBP', minor: 12345 });
  return db;
}

const amounts = (t: { currency: string; buckets: Record<string, { amount: string }>; credits: { amount: string }; open: { amount: string }; overdue: { amount: string } }) => ({
  currency: t.currency,
  ...Object.fromEntries(Object.entries(t.buckets).map(([k, v]) => [k, v.amount])),
  credits: t.credits.amount,
  open: t.open.amount,
  overdue: t.overdue.amount,
});

describe('aging at a past date, worked by hand', () => {
  it('at the end of February: the undated "already paid" of the March import does not count yet, the dated payment does; credits apart; draft and void left out', () => {
    const r = agingReport(books(), { asOf: '2026-02-28' });
    expect(r.totals.map(amounts)).toEqual([
      // Manama: 1,234.567 - 234.567 = 1,000.000, 59 days late; the credit note beside it.
      { currency: 'BHD', current: '0.000', '1-30': '0.000', '31-60': '1000.000', '61-90': '0.000', '90+': '0.000', credits: '-100.500', open: '899.500', overdue: '1000.000' },
      // Acme: 500.00 not due until 27 March; G-3 is not issued yet.
      { currency: 'GBP', current: '500.00', '1-30': '0.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00', credits: '0.00', open: '500.00', overdue: '0.00' },
      // Kyoto: J-1 100,000 19 days late; J-2 80,000 not yet due (its import is in March); J-3 paid 20 Feb.
      { currency: 'JPY', current: '80000', '1-30': '100000', '31-60': '0', '61-90': '0', '90+': '0', credits: '0', open: '180000', overdue: '100000' },
    ]);
    expect(r.customers.map((c) => [c.id, c.name, c.totals.map((t) => `${t.open.amount} ${t.currency}`)])).toEqual([
      ['acme', 'Acme Ltd', ['500.00 GBP']],
      ['kyoto', 'Kyoto Print K.K.', ['180000 JPY']],
      ['manama', 'Manama Trading W.L.L.', ['899.500 BHD']],
    ]);
  });

  it('in mid-March: the import has counted J-2 and J-3 as paid, B-1 is settled, the written-off invoice stays out', () => {
    const r = agingReport(books(), { asOf: '2026-03-15' });
    expect(r.totals.map(amounts)).toEqual([
      { currency: 'BHD', current: '0.000', '1-30': '0.000', '31-60': '0.000', '61-90': '0.000', '90+': '0.000', credits: '-100.500', open: '-100.500', overdue: '0.000' },
      { currency: 'GBP', current: '623.45', '1-30': '0.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00', credits: '0.00', open: '623.45', overdue: '0.00' },
      { currency: 'JPY', current: '0', '1-30': '0', '31-60': '100000', '61-90': '0', '90+': '0', credits: '0', open: '100000', overdue: '100000' },
    ]);
  });

  it('CEI and DSO of the yen books, month by month, match the hand computation', () => {
    const db = books();
    const req = { asOf: '2026-03-31', from: '2026-02', to: '2026-03', currency: 'JPY' };
    const c = ceiReport(db, req);
    // Feb: B 180,000, S 80,000, E 180,000, Ec 80,000 (J-2) -> 80,000 / 180,000 = 44.4%.
    // Mar: B 180,000, S 0, E 100,000, Ec 0 -> 80,000 / 180,000 = 44.4%.
    expect(c.rows.map((x) => [x.month, x.beginning.amount, x.sales.amount, x.ending.amount, x.endingCurrent.amount, x.cei])).toEqual([
      ['2026-02', '180000', '80000', '180000', '80000', 44.4],
      ['2026-03', '180000', '0', '100000', '0', 44.4],
    ]);
    // Period: (2 x 180,000 + 80,000 - 2 x 100,000) / (2 x 180,000 + 80,000 - 0) = 54.5%.
    expect(c.period).toEqual([{ currency: 'JPY', cei: 54.5, rating: 'fair' }]);
    const d = dsoReport(db, req);
    // Feb: 180,000 - 80,000 (28 d) = 100,000; / January's 180,000 x 31 = 17.2 -> 45.2; best 80,000/80,000 x 28 = 28.0.
    // Mar: no sales (31 d), February's 80,000 (28 d), then 20,000 / 180,000 x 31 = 3.4 -> 62.4; no best possible without sales.
    expect(d.rows.map((x) => [x.month, x.dso, x.bestPossibleDso, x.averageDaysDelinquent])).toEqual([
      ['2026-02', 45.2, 28, 17.2],
      ['2026-03', 62.4, null, null],
    ]);
  });
});

describe('the month-end figures and the aging agree on any day', () => {
  it('receivables read from the summed pieces equal the sum of every invoice balance, and the part not yet due equals the current bucket', () => {
    const currencies = ['JPY', 'BHD', 'EUR'];
    const day = (n: number) => addDays('2026-01-01', n);
    const inv = fc.record({
      currency: fc.constantFrom(...currencies),
      issued: fc.integer({ min: 0, max: 90 }),
      terms: fc.integer({ min: 0, max: 60 }),
      minor: fc.integer({ min: 1, max: 1_000_000 }),
      credit: fc.boolean(),
      paidBefore: fc.integer({ min: 0, max: 100 }),
      imported: fc.option(fc.integer({ min: 0, max: 120 })),
      payments: fc.array(fc.record({ on: fc.integer({ min: 0, max: 120 }), share: fc.integer({ min: 0, max: 50 }) }), { maxLength: 3 }),
      status: fc.constantFrom('open', 'open', 'open', 'draft', 'void'),
    });
    fc.assert(
      fc.property(fc.array(inv, { maxLength: 25 }), fc.integer({ min: 0, max: 130 }), (list, asOfDay) => {
        const db = handLedger(true);
        customer(db, 'c1');
        list.forEach((x, k) => {
          const amount = x.credit ? -x.minor : x.minor;
          // Paid parts never exceed what is owed, so every balance keeps its sign.
          const before = x.credit ? 0 : Math.floor((x.minor * x.paidBefore) / 200);
          invoice(db, { number: `N-${k}`, customer: 'c1', issued: day(x.issued), due: day(x.issued + x.terms), currency: x.currency, minor: amount, status: x.status, paidBefore: before, importedOn: x.imported === null ? null : day(x.imported) });
          if (!x.credit) for (const p of x.payments) payment(db, `N-${k}`, day(p.on), Math.floor((x.minor * p.share) / 200));
        });
        const asOf = day(asOfDay);
        const aging = agingOfRows(agingByCustomer(db, asOf), asOf);
        const h = receivablesHistory(receivablePieces(db), [monthOf(asOf)], asOf);
        db.close();
        for (const m of h.months) {
          const a = aging.totals.find((t) => t.currency === m.currency);
          expect([m.currency, m.ending, m.endingCurrent]).toEqual([m.currency, a ? openOf(a) : 0, a ? a.buckets.current : 0]);
        }
        for (const t of aging.totals) expect(h.months.map((m) => m.currency)).toContain(t.currency);
      }),
      { seed: 7, numRuns: 25 },
    );
  });
});
