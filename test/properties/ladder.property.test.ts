import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageIndex, DEFAULT_POLICY, THANK_YOU, type Policy } from '../../src/domain/policy.js';
import { ModelBook, scenario, type Scenario } from './ladder-model.js';

/**
 * The rules of the ladder over random books: invoices falling due, payments, imports, holds and
 * phone calls between morning runs. Each property replays the scenario through the real planner
 * and checks every run; a fixed seed keeps the cases the same on every machine.
 */
const RUNS = { seed: 20260302, numRuns: 600 };

/** Replays a scenario, calling `check` with the book as it stood and the plan of each run. */
function replay(policy: Policy, s: Scenario, check: (book: ModelBook, plan: ReturnType<ModelBook['plan']>) => void): void {
  const book = new ModelBook(policy, s);
  for (const a of s.actions) {
    book.act(a);
    if (a.kind !== 'days') continue;
    const plan = book.plan();
    check(book, plan);
    book.apply(plan);
  }
}

const collection = (plan: ReturnType<ModelBook['plan']>) => plan.letters.filter((l) => l.stage !== THANK_YOU);

describe('the ladder over random books (properties)', () => {
  it('a second run on the same day adds nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const book = new ModelBook(DEFAULT_POLICY, s);
        for (const a of s.actions) {
          book.act(a);
          if (a.kind !== 'days') continue;
          book.apply(book.plan());
          const again = book.plan();
          expect(again.letters).toEqual([]);
          expect(again.flagged.filter((f) => f.reason === 'handoff')).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it(`no collection letter comes within minDaysBetweenContacts (${DEFAULT_POLICY.minDaysBetweenContacts}) of the previous contact`, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        replay(DEFAULT_POLICY, s, (book, plan) => {
          for (const l of collection(plan)) {
            const since = book.daysSinceContact(l.customerId);
            expect(since === null || since >= DEFAULT_POLICY.minDaysBetweenContacts).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('letters never go down the ladder while an invoice an earlier letter was about is still owed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        replay(DEFAULT_POLICY, s, (book, plan) => {
          for (const l of collection(plan)) expect(stageIndex(DEFAULT_POLICY, l.stage)).toBeGreaterThanOrEqual(book.standingOf(l.customerId));
          for (const f of plan.flagged.filter((x) => x.reason === 'handoff')) {
            expect(stageIndex(DEFAULT_POLICY, 'handoff')).toBeGreaterThanOrEqual(book.standingOf(f.customerId));
          }
        });
      }),
      RUNS,
    );
  });

  it('no letter goes to a zero balance, and every open overdue invoice of the customer is in its letter', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        replay(DEFAULT_POLICY, s, (book, plan) => {
          for (const l of collection(plan)) {
            expect(l.total.every((t) => t.minor > 0)).toBe(true);
            expect(l.lines.every((x) => x.invoice.balance > 0)).toBe(true);
            const listed = new Set(l.lines.map((x) => x.invoice.number));
            expect(book.lateOwed(l.customerId).filter((n) => !listed.has(n))).toEqual([]);
          }
        });
      }),
      RUNS,
    );
  });
});
