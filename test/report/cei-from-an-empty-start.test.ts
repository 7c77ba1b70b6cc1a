import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { ceiReport } from '../../src/app/report.js';
import { ceiView } from '../../src/cli/report-view.js';
import { customer, handLedger, invoice, payment } from './ledger.js';

/**
 * A period's CEI weighs the receivables at its start plus one month's average sales against
 * what is owed at its end. A ledger that begins in the period's first month owed nothing at its
 * start: the figure then reads as weak, or below zero, whatever customers do, and no rating is
 * true of it.
 */
function books() {
  const db = handLedger();
  customer(db, 'cafe', 'Corner Café');
  // January's 1,000.00 paid on 19 February; February's 1,000.00 and March's 500.00 still owed on 31 March.
  invoice(db, { number: 'A-1', customer: 'cafe', issued: '2026-01-05', due: '2026-02-04', currency: 'GBP', minor: 100000 });
  payment(db, 'A-1', '2026-02-19', 100000);
  invoice(db, { number: 'A-2', customer: 'cafe', issued: '2026-02-05', due: '2026-03-07', currency: 'GBP', minor: 100000 });
  invoice(db, { number: 'A-3', customer: 'cafe', issued: '2026-03-05', due: '2026-04-04', currency: 'GBP', minor: 50000 });
  return db;
}

// Colour off, as on a pipe.
const plain = new Chalk({ level: 0 });

describe('the CEI of a period that begins with the ledger', () => {
  it('given January to March from a ledger that starts in January, has its value but no rating, and the terminal says why', () => {
    const db = books();
    const r = ceiReport(db, { asOf: '2026-03-31', from: '2026-01', to: '2026-03' });
    // Jan: B 0, S 1,000, E 1,000, Ec 1,000: nothing to collect. Feb: B 1,000, S 1,000, E 1,000,
    // Ec 1,000: 1,000 / 1,000 = 100%. Mar: B 1,000, S 500, E 1,500, Ec 500: 0 / 1,000 = 0%.
    expect(r.rows.map((x) => [x.month, x.beginning.amount, x.cei])).toEqual([
      ['2026-01', '0.00', null],
      ['2026-02', '1000.00', 100],
      ['2026-03', '1000.00', 0],
    ]);
    // Period: (3 x 0 + 2,500 - 3 x 1,500) / (3 x 0 + 2,500 - 3 x 500) = -2,000 / 1,000 = -200%.
    expect(r.period).toEqual([{ currency: 'GBP', cei: -200, rating: null }]);
    const text = ceiView(r, plain);
    expect(text).toContain('Period 2026-01..2026-03 GBP: CEI -200.0% (not rated: nothing was owed at the start of 2026-01');
    expect(text).not.toMatch(/Period .*\((weak|fair|strong)\)/);
    db.close();
  });

  it('given February to March, with January\'s invoice owed at the start, rates it against the reference points', () => {
    const db = books();
    const r = ceiReport(db, { asOf: '2026-03-31', from: '2026-02', to: '2026-03' });
    // (2 x 1,000 + 1,500 - 2 x 1,500) / (2 x 1,000 + 1,500 - 2 x 500) = 500 / 2,500 = 20%.
    expect(r.period).toEqual([{ currency: 'GBP', cei: 20, rating: 'weak' }]);
    expect(ceiView(r, plain)).toContain('Period 2026-02..2026-03 GBP: CEI 20.0% (weak)');
    db.close();
  });
});
