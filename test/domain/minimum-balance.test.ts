import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRun, type RunPlan } from '../../src/domain/plan.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// The minimum balance (config `minimumBalance`, per currency, in minor units here): a customer who
// owes less than it overdue is not chased; one who owes exactly it, is.
const AS_OF = '2026-03-02';
const TEN_DAYS_LATE = '2026-02-20';
const withMinimum = (minimumBalance: Record<string, number>): Policy => ({ ...DEFAULT_POLICY, minimumBalance });
const GBP_10 = withMinimum({ GBP: 1000 });

/** What today's run does for Acme: the letter's stage, or why it was skipped. */
function forAcme(plan: RunPlan): string {
  const letter = plan.letters.find((l) => l.customerId === 'acme');
  if (letter) return letter.stage;
  const skip = plan.skipped.find((s) => s.customerId === 'acme');
  return skip ? `skipped: ${skip.reason}` : 'nothing';
}

describe('the minimum balance', () => {
  it.each([
    ['owes exactly the minimum, 10.00 GBP', 1000, 'reminder'],
    ['owes one penny less than the minimum, 9.99 GBP', 999, 'skipped: below-minimum'],
    ['owes one penny more than the minimum, 10.01 GBP', 1001, 'reminder'],
  ])('given a customer 10 days late who %s, the run plans %s', (_, owed, expected) => {
    const late = invoice({ dueDate: TEN_DAYS_LATE, amount: owed });
    expect(forAcme(planRun([account([late])], GBP_10, AS_OF))).toBe(expected);
  });

  it('counts what is still owed after part-payment: 25.00 less 15.00 paid is exactly 10.00 and is chased; 15.01 paid is not', () => {
    const atMinimum = invoice({ dueDate: TEN_DAYS_LATE, amount: 2500, paid: 1500 });
    const below = invoice({ dueDate: TEN_DAYS_LATE, amount: 2500, paid: 1501 });
    expect(forAcme(planRun([account([atMinimum])], GBP_10, AS_OF))).toBe('reminder');
    expect(forAcme(planRun([account([below])], GBP_10, AS_OF))).toBe('skipped: below-minimum');
  });

  it('deducts credit notes first: 30.00 owed less a 20.00 credit is exactly the minimum and the letter asks for 10.00', () => {
    const owed = invoice({ number: 'I-1', dueDate: TEN_DAYS_LATE, amount: 3000 });
    const credit = invoice({ number: 'CN-1', dueDate: '2026-02-01', amount: -2000 });
    const plan = planRun([account([owed, credit])], GBP_10, AS_OF);
    expect(plan.letters.map((l) => l.total)).toEqual([[{ currency: 'GBP', minor: 1000 }]]);
    const oneMore = invoice({ number: 'CN-1', dueDate: '2026-02-01', amount: -2001 });
    expect(forAcme(planRun([account([owed, oneMore])], GBP_10, AS_OF))).toBe('skipped: below-minimum');
  });

  it('is per currency: 10.00 GBP is chased while 9.99 EUR beside it is left off the same letter', () => {
    const gbp = invoice({ number: 'G-1', dueDate: TEN_DAYS_LATE, amount: 1000 });
    const eur = invoice({ number: 'E-1', dueDate: TEN_DAYS_LATE, amount: 999, currency: 'EUR' });
    const plan = planRun([account([gbp, eur])], withMinimum({ GBP: 1000, EUR: 1000 }), AS_OF);
    expect(plan.letters).toHaveLength(1);
    expect(plan.letters[0]!.total).toEqual([{ currency: 'GBP', minor: 1000 }]);
    expect(plan.letters[0]!.lines.map((l) => l.invoice.number)).toEqual(['G-1']);
  });

  it('applies only to the currency it names: a minimum in EUR does not hold back 0.01 GBP', () => {
    const penny = invoice({ dueDate: TEN_DAYS_LATE, amount: 1 });
    expect(forAcme(planRun([account([penny])], withMinimum({ EUR: 1000 }), AS_OF))).toBe('reminder');
  });

  it('holds back no thank-you: a customer who paid a reminded invoice and owes 9.99 more is thanked', () => {
    const paid = invoice({ number: 'P-1', dueDate: '2026-02-01', amount: 5000, paid: 5000, stage: 'reminder', stageOn: '2026-02-10' });
    const small = invoice({ number: 'S-1', dueDate: TEN_DAYS_LATE, amount: 999 });
    expect(forAcme(planRun([account([paid, small])], GBP_10, AS_OF))).toBe('thank-you');
  });

  it('for any minimum and any balance owed, chases exactly when the balance reaches the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -2, max: 2 }), (minimum, offset) => {
        const owed = Math.max(1, minimum + offset);
        const late = invoice({ dueDate: TEN_DAYS_LATE, amount: owed });
        const outcome = forAcme(planRun([account([late])], withMinimum({ GBP: minimum }), AS_OF));
        expect(outcome).toBe(owed >= minimum ? 'reminder' : 'skipped: below-minimum');
      }),
      { seed: 18, numRuns: 200 },
    );
  });
});
