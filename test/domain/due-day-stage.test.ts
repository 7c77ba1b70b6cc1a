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

  it('given an invoice paid in full after its due-date letter, the plan thanks the customer: that letter chased it', () => {
    const paid = invoice({ dueDate: '2026-02-20', paid: 100000, stage: 'due-today', stageOn: '2026-02-21' });
    expect(stageOf(planAccount(account([paid], { lastContactOn: '2026-02-21' }), policy, '2026-03-02'))).toBe('thank-you');
  });

  it('given one invoice 4 days late after its courtesy note and another falling due today never contacted, the due-date letter takes both to that step', () => {
    const x = invoice({ number: 'X-1', dueDate: '2026-02-26', stage: 'courtesy', stageOn: '2026-02-23' });
    const y = invoice({ number: 'Y-2', dueDate: '2026-03-02' });
    const d = planAccount(account([x, y], { lastContactOn: '2026-02-23' }), policy, '2026-03-02');
    expect(d && 'letter' in d ? { stage: d.letter.stage, lines: d.letter.lines.map((l) => [l.invoice.number, l.stageAfter, l.climbs]) } : d).toEqual({
      stage: 'due-today',
      lines: [
        ['X-1', 'due-today', true],
        ['Y-2', 'due-today', true],
      ],
    });
  });

  it('given an invoice due in two days, the plan is the courtesy note before it', () => {
    expect(stageOf(planAccount(account([invoice({ dueDate: '2026-03-04' })]), policy, '2026-03-02'))).toBe('courtesy');
  });
});

describe('the letter of a step on the due date', () => {
  // A customer who has always paid on time is given 5 more days before each overdue step.
  const GOOD_PAYERS = { id: 'good-payers', minPaidInvoices: 3, minOnTimePercent: 100, maxAverageDaysLate: null, extraGraceDays: 5, stages: null };
  const withGrace: Policy = { ...policy, segments: [GOOD_PAYERS] };
  const goodPayer = { paidInvoices: 4, onTime: 4, daysLateTotal: 0 };

  it('given a good payer with one invoice 6 days late (its step due) and another 2 days late (not yet), the letter lists both, the second as also open', () => {
    const due = invoice({ number: 'A-1', dueDate: '2026-02-24' });
    const notYet = invoice({ number: 'B-2', dueDate: '2026-02-28' });
    const d = planAccount(account([due, notYet], { history: goodPayer }), withGrace, '2026-03-02');
    expect(d && 'letter' in d ? { stage: d.letter.stage, lines: d.letter.lines.map((l) => [l.invoice.number, l.stageAfter, Boolean(l.also)]) } : d).toEqual({
      stage: 'due-today',
      lines: [
        ['A-1', 'due-today', false],
        ['B-2', null, true],
      ],
    });
  });

  it('given the same invoices and an invoice falling due in two days, the letter does not list the one not yet due', () => {
    const due = invoice({ number: 'A-1', dueDate: '2026-02-24' });
    const notYet = invoice({ number: 'B-2', dueDate: '2026-02-28' });
    const soon = invoice({ number: 'C-3', dueDate: '2026-03-04' });
    const d = planAccount(account([soon, due, notYet], { history: goodPayer }), withGrace, '2026-03-02');
    expect(d && 'letter' in d ? d.letter.lines.map((l) => l.invoice.number) : d).toEqual(['A-1', 'B-2']);
  });
});
