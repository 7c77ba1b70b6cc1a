import { describe, expect, it } from 'vitest';
import { planAccount } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// "Skipped: on hold" means a letter waits for the hold to lift. Found untested by the mutation
// run (docs/testing.md): a hold with nothing behind it must not be reported as one.
const outcome = (d: ReturnType<typeof planAccount>) => (d === null ? 'nothing' : 'skip' in d ? `skip:${d.skip.reason}` : 'letter' in d ? d.letter.stage : `flag:${d.flag.reason}`);

describe('an invoice on hold with no letter waiting behind it', () => {
  it('given an invoice 20 days late on hold, the plan skips the customer for the hold (the reminder waits)', () => {
    const held = invoice({ dueDate: '2026-02-10', hold: true });
    expect(outcome(planAccount(account([held]), DEFAULT_POLICY, '2026-03-02'))).toBe('skip:hold');
  });

  it('given an invoice on hold with a penny still owed, the plan skips the customer for the hold', () => {
    const penny = invoice({ dueDate: '2026-02-10', hold: true, paid: 99999 });
    expect(outcome(planAccount(account([penny]), DEFAULT_POLICY, '2026-03-02'))).toBe('skip:hold');
  });

  it('given an invoice on hold that was since paid in full, never chased, the plan has nothing for the customer', () => {
    const paidWhileHeld = invoice({ dueDate: '2026-02-10', hold: true, paid: 100000 });
    expect(outcome(planAccount(account([paidWhileHeld]), DEFAULT_POLICY, '2026-03-02'))).toBe('nothing');
  });

  it('given an invoice handed off (the last step) and then put on hold, the plan has nothing for the customer: no step is left to wait for', () => {
    const handedOff = invoice({ dueDate: '2025-12-01', hold: true, stage: 'handoff', stageOn: '2026-02-01' });
    expect(outcome(planAccount(account([handedOff], { lastContactOn: '2026-02-01' }), DEFAULT_POLICY, '2026-03-02'))).toBe('nothing');
  });
});
