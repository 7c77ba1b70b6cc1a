import { describe, expect, it } from 'vitest';
import { addMonths, arrangementStanding, DEFAULT_ARRANGEMENT_GRACE_DAYS, scheduleInstallments, type Arrangement } from '../../src/domain/arrangement.js';

const plan = (over: Partial<Arrangement> = {}): Arrangement => ({
  id: 1,
  customerId: 'acme',
  currency: 'GBP',
  createdOn: '2026-03-01',
  graceDays: 3,
  status: 'active',
  closedOn: null,
  installments: scheduleInstallments(90000, 3, 'week', '2026-03-06'),
  invoices: ['A-1'],
  ...over,
});

describe('a payment plan schedule', () => {
  it('splits the total into equal installments, the last taking what does not divide evenly', () => {
    expect(scheduleInstallments(100000, 3, 'month', '2026-01-31')).toEqual([
      { seq: 1, dueOn: '2026-01-31', amount: 33333 },
      { seq: 2, dueOn: '2026-02-28', amount: 33333 }, // the month's last day, not 3 March
      { seq: 3, dueOn: '2026-03-31', amount: 33334 },
    ]);
    expect(scheduleInstallments(1000, 2, 'fortnight', '2026-03-06').map((i) => i.dueOn)).toEqual(['2026-03-06', '2026-03-20']);
  });

  it('adds months across a year end and a leap day', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2028-01-29', 1)).toBe('2028-02-29');
    expect(addMonths('2025-12-31', 1)).toBe('2026-01-31');
  });
});

describe('where a plan stands', () => {
  it.each([
    ['nothing paid, first installment not yet due', 'kept', [], 90000, '2026-03-05'],
    ['nothing paid, first installment due 3 days ago (inside the grace)', 'kept', [], 90000, '2026-03-09'],
    ['nothing paid, first installment due 4 days ago (grace run out)', 'missed', [], 90000, '2026-03-10'],
    ['first installment paid, second inside its grace', 'kept', [{ on: '2026-03-06', amount: 30000 }], 60000, '2026-03-16'],
    ['a late first installment caught up before anyone looked', 'kept', [{ on: '2026-03-11', amount: 30000 }], 60000, '2026-03-12'],
    ['every installment paid', 'completed', [{ on: '2026-03-06', amount: 90000 }], 0, '2026-03-07'],
    ['every installment paid, the invoices still owing more than the plan covered', 'completed', [{ on: '2026-03-06', amount: 90000 }], 5000, '2026-03-07'],
    ['the covered invoices settled another way (a credit note)', 'completed', [], 0, '2026-03-07'],
    ['a payment made before the plan was arranged does not count', 'missed', [{ on: '2026-02-27', amount: 30000 }], 90000, '2026-03-10'],
    ['a payment made the day the plan was arranged counts', 'kept', [{ on: '2026-03-01', amount: 30000 }], 60000, '2026-03-10'],
    ['the first installment paid but for a penny, its grace run out', 'missed', [{ on: '2026-03-06', amount: 29999 }], 60001, '2026-03-10'],
    ['the first installment paid today, the last day of its grace', 'kept', [{ on: '2026-03-09', amount: 30000 }], 60000, '2026-03-09'],
    ['the first installment paid today, a day after its grace ran out', 'kept', [{ on: '2026-03-10', amount: 30000 }], 60000, '2026-03-10'],
    ['a penny still owed on the covered invoices, first installment not yet due', 'kept', [], 1, '2026-03-05'],
  ])('given %s, the plan is %s', (_, state, payments, balance, asOf) => {
    expect(arrangementStanding(plan(), payments, balance, asOf).state).toBe(state);
  });

  it('with the default grace (3 days, README), an installment unpaid 3 days after its due date is kept, 4 days missed', () => {
    const byDefault = plan({ graceDays: DEFAULT_ARRANGEMENT_GRACE_DAYS });
    expect(arrangementStanding(byDefault, [], 90000, '2026-03-09').state).toBe('kept');
    expect(arrangementStanding(byDefault, [], 90000, '2026-03-10').state).toBe('missed');
  });

  it('knows the day it was missed and which installments were paid', () => {
    const s = arrangementStanding(plan(), [{ on: '2026-03-06', amount: 30000 }], 60000, '2026-04-01');
    expect(s.missedOn).toBe('2026-03-17'); // second installment due 03-13, + 3 days' grace, + 1
    expect(s.schedule.map((i) => i.paid)).toEqual([true, false, false]);
  });

  it('is completed on the day the last installment was paid, not on a later payment', () => {
    const payments = [
      { on: '2026-03-06', amount: 30000 },
      { on: '2026-03-13', amount: 60000 },
      { on: '2026-03-20', amount: 5000 },
    ];
    expect(arrangementStanding(plan(), payments, 0, '2026-03-25')).toMatchObject({ state: 'completed', completedOn: '2026-03-13' });
  });

  it('is completed on the day its last penny was paid', () => {
    const payments = [
      { on: '2026-03-06', amount: 89999 },
      { on: '2026-03-13', amount: 1 },
    ];
    expect(arrangementStanding(plan(), payments, 0, '2026-03-25')).toMatchObject({ state: 'completed', completedOn: '2026-03-13' });
  });

  it('settled another way after one installment, is completed as of its last payment (the credit note\'s day is not known here)', () => {
    expect(arrangementStanding(plan(), [{ on: '2026-03-06', amount: 30000 }], 0, '2026-03-25')).toMatchObject({ state: 'completed', completedOn: '2026-03-06' });
  });

  it('keeps the state the ledger recorded once a plan is closed', () => {
    expect(arrangementStanding(plan({ status: 'missed', closedOn: '2026-03-10' }), [{ on: '2026-03-20', amount: 90000 }], 0, '2026-03-21')).toMatchObject({
      state: 'missed',
      missedOn: '2026-03-10',
    });
  });
});
