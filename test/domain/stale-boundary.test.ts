import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// The default staleAfterDays (365) at its boundary: found untested by the mutation run.
describe('a debt already old when first imported, under the default policy', () => {
  const firstImported = (daysOverdue: number) => {
    const due = new Date(Date.UTC(2026, 2, 2) - daysOverdue * 86_400_000).toISOString().slice(0, 10);
    return invoice({ dueDate: due, importedOn: '2026-03-02' });
  };
  const flaggedStale = (daysOverdue: number) =>
    planRun([account([firstImported(daysOverdue)])], DEFAULT_POLICY, '2026-03-02').flagged.some((f) => f.reason === 'stale');

  it('exactly 365 days overdue when imported is still chased; 366 days is flagged stale for the owner', () => {
    expect(flaggedStale(365)).toBe(false);
    expect(flaggedStale(366)).toBe(true);
  });

  it('the stale flag lists the invoice where it stands on the ladder: nowhere, and not climbing', () => {
    const old = firstImported(400);
    expect(planRun([account([old])], DEFAULT_POLICY, '2026-03-02').flagged).toEqual([{ customerId: 'acme', reason: 'stale', lines: [{ invoice: old, stageAfter: null, climbs: false }] }]);
  });

  it('a debt imported 400 days overdue with a penny still owed is flagged stale like any other', () => {
    const penny = { ...firstImported(400), paid: 99999, balance: 1 };
    expect(planRun([account([penny])], DEFAULT_POLICY, '2026-03-02').flagged.map((f) => f.reason)).toEqual(['stale']);
  });

  it('an invoice imported 400 days overdue but already paid in full is not flagged stale: nothing is owed', () => {
    const paid = { ...firstImported(400), paid: 100000, balance: 0 };
    expect(planRun([account([paid])], DEFAULT_POLICY, '2026-03-02').flagged).toEqual([]);
  });
});
