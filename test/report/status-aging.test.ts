import { describe, expect, it } from 'vitest';
import { agingReport } from '../../src/app/report.js';
import { receivablesStatus } from '../../src/app/status.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { customer, handLedger, invoice, payment } from './ledger.js';

describe('status ages receivables with the report\'s computation', () => {
  it('given an overdue invoice and a larger credit note, status shows the credit in its own column, current stays zero, and its totals are the aging report\'s', () => {
    const db = handLedger();
    customer(db, 'acme', 'Acme Ltd');
    invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-01', due: '2026-02-20', currency: 'GBP', minor: 120000 });
    payment(db, 'A-1', '2026-02-25', 20000);
    invoice(db, { number: 'A-2', customer: 'acme', issued: '2026-01-05', due: '2026-02-04', currency: 'JPY', minor: 9000 });
    invoice(db, { number: 'CN-1', customer: 'acme', issued: '2026-02-01', due: '2026-02-01', currency: 'GBP', minor: -150000 });
    const asOf = '2026-03-02';
    const status = receivablesStatus(db, DEFAULT_POLICY, asOf);
    const report = agingReport(db, { asOf });
    expect(status.totals).toEqual(report.totals);
    const gbp = status.totals.find((t) => t.currency === 'GBP')!;
    expect([gbp.buckets.current.amount, gbp.buckets['1-30'].amount, gbp.credits.amount, gbp.open.amount, gbp.overdue.amount]).toEqual(['0.00', '1000.00', '-1500.00', '-500.00', '1000.00']);
    expect(status.customers[0]!.open).toEqual(report.customers[0]!.totals.map((t) => t.open));
  });
});
