import { describe, expect, it } from 'vitest';
import { planAccount } from '../../src/domain/plan.js';
import { DEFAULT_STAGES, DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// A ladder with a step on the due date itself (daysFromDue 0), which the default ladder lacks:
// found untested by the mutation run (docs/testing.md).
const ON_THE_DAY = { id: 'due-today', daysFromDue: 0, minDaysSinceLastContact: 7, template: 'reminder', action: 'letter' as const };
const policy: Policy = { ...DEFAULT_POLICY, stages: [DEFAULT_STAGES[0]!, ON_THE_DAY, ...DEFAULT_STAGES.slice(1)] };
const stageOf = (d: ReturnType<typeof planAccount>) => (d && 'letter' in d ? d.letter.stage : d && 'skip' in d ? `skip:${d.skip.reason}` : 'nothing');

describe('a ladder with a step on the due date', () => {
  it('given an invoice a day late and no contact, the plan is the due-date letter, not a later step', () => {
    expect(stageOf(planAccount(account([invoice({ dueDate: '2026-03-01' })]), policy, '2026-03-02'))).toBe('due-today');
  });

  it('given an invoice due in two days, the plan is the courtesy note before it', () => {
    expect(stageOf(planAccount(account([invoice({ dueDate: '2026-03-04' })]), policy, '2026-03-02'))).toBe('courtesy');
  });
});
