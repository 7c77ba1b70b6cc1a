import { describe, expect, it } from 'vitest';
import { stagesReport } from '../../src/app/report.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import type { Ledger } from '../../src/ledger/open.js';
import { customer, handLedger, invoice, letter, payment } from './ledger.js';

/**
 * Four customers' letters and payments, in yen, dinars (3 decimals) and pounds, worked by hand
 * against the default ladder: courtesy, reminder, second-reminder, final-notice, handoff.
 */
function books(): Ledger {
  const db = handLedger();
  for (const c of ['kyoto', 'manama', 'acme', 'bolt']) customer(db, c);
  // Kyoto pays the reminder's invoice 7 days after it; the courtesy note's invoice is said paid
  // by the export imported on 1 March (12 days after the note).
  invoice(db, { number: 'K-1', customer: 'kyoto', issued: '2026-01-01', due: '2026-01-31', currency: 'JPY', minor: 100000 });
  invoice(db, { number: 'K-2', customer: 'kyoto', issued: '2026-01-21', due: '2026-02-20', currency: 'JPY', minor: 50000, paidBefore: 50000, importedOn: '2026-03-01' });
  letter(db, 'kyoto', '2026-02-03', 'reminder', ['K-1']);
  letter(db, 'kyoto', '2026-02-17', 'courtesy', ['K-2']);
  payment(db, 'K-1', '2026-02-10', 100000);
  // Manama pays 500.000 after the reminder and the remaining 1,500.000 nine days after the second reminder.
  invoice(db, { number: 'M-1', customer: 'manama', issued: '2025-12-11', due: '2026-01-10', currency: 'BHD', minor: 2000000 });
  letter(db, 'manama', '2026-01-13', 'reminder', ['M-1']);
  payment(db, 'M-1', '2026-01-20', 500000);
  letter(db, 'manama', '2026-01-27', 'second-reminder', ['M-1']);
  payment(db, 'M-1', '2026-02-05', 1500000);
  // Acme never pays and is handed off.
  invoice(db, { number: 'A-1', customer: 'acme', issued: '2025-12-06', due: '2026-01-05', currency: 'GBP', minor: 30000 });
  letter(db, 'acme', '2026-01-08', 'reminder', ['A-1']);
  letter(db, 'acme', '2026-01-22', 'second-reminder', ['A-1']);
  letter(db, 'acme', '2026-02-05', 'final-notice', ['A-1']);
  letter(db, 'acme', '2026-02-20', 'handoff', ['A-1'], 'flag');
  // Bolt pays the day of the reminder, and is thanked (a thank-you is no stage of collection).
  invoice(db, { number: 'B-1', customer: 'bolt', issued: '2026-01-02', due: '2026-02-01', currency: 'GBP', minor: 20000 });
  letter(db, 'bolt', '2026-02-04', 'reminder', ['B-1']);
  payment(db, 'B-1', '2026-02-04', 20000);
  letter(db, 'bolt', '2026-02-06', 'thank-you', ['B-1'], 'thank-you');
  return db;
}

const money = (list: { amount: string; currency: string }[]) => list.map((m) => `${m.amount} ${m.currency}`);
const rows = (r: ReturnType<typeof stagesReport>) =>
  r.stages.map((s) => [s.stage, s.letters, s.invoices, s.paidWithin14Days.count, money(s.paidWithin14Days.amount), s.paidBeforeNextStage.count, money(s.paidBeforeNextStage.amount), s.medianDaysToPay]);

describe('what each letter collects, worked by hand', () => {
  it('at the end of March: counts, amounts per currency (the balance each letter found), median days, and the accounts cured before hand-off', () => {
    const r = stagesReport(books(), DEFAULT_POLICY, { asOf: '2026-03-31' });
    expect(rows(r)).toEqual([
      ['courtesy', 1, 1, 1, ['50000 JPY'], 1, ['50000 JPY'], 12],
      // Kyoto 7 days, Bolt 0 days; Manama paid 23 days after, after the second reminder came.
      ['reminder', 4, 4, 2, ['200.00 GBP', '100000 JPY'], 2, ['200.00 GBP', '100000 JPY'], 7],
      // Manama: 9 days, and the letter found 1,500.000 still owed.
      ['second-reminder', 2, 2, 1, ['1500.000 BHD'], 1, ['1500.000 BHD'], 9],
      ['final-notice', 1, 1, 0, [], 0, [], null],
      ['handoff', 1, 1, 0, [], 0, [], null],
    ]);
    expect(r.accounts).toEqual({ lettered: 4, cured: 3, handedOff: 1, curedShare: 75 });
  });

  it('at 8 February: only the letters and payments made by then (Kyoto has not paid yet; no courtesy note or hand-off yet)', () => {
    const r = stagesReport(books(), DEFAULT_POLICY, { asOf: '2026-02-08' });
    expect(rows(r)).toEqual([
      ['reminder', 4, 4, 1, ['200.00 GBP'], 1, ['200.00 GBP'], 11.5],
      ['second-reminder', 2, 2, 1, ['1500.000 BHD'], 1, ['1500.000 BHD'], 9],
      ['final-notice', 1, 1, 0, [], 0, [], null],
    ]);
    expect(r.accounts).toEqual({ lettered: 4, cured: 2, handedOff: 0, curedShare: 50 });
  });
});
