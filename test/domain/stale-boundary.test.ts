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
});
