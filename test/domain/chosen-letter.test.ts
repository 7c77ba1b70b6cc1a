import { describe, expect, it } from 'vitest';
import { letterAt, stageOptions } from '../../src/domain/chosen-letter.js';
import { DEFAULT_POLICY, DEFAULT_STAGES } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

// The desk's letters at a stage the accountant chooses (`dunning draft`), at its edges: what the
// mutation run (docs/testing.md) found untested.
const AS_OF = '2026-03-02';

describe('a letter the accountant chooses at the desk', () => {
  it('is not offered for a customer who owes less than the minimum, whatever the stage chosen', () => {
    const small = invoice({ dueDate: '2026-02-20', amount: 999 });
    const policy = { ...DEFAULT_POLICY, minimumBalance: { GBP: 1000 } };
    expect(letterAt(account([small]), policy, AS_OF, 'second-reminder')).toBeNull();
    expect(letterAt(account([invoice({ dueDate: '2026-02-20', amount: 1000 })]), policy, AS_OF, 'second-reminder')?.stage).toBe('second-reminder');
  });

  it('offers no thank-you letter when nothing was paid since a reminder', () => {
    const late = invoice({ dueDate: '2026-02-01', stage: 'reminder', stageOn: '2026-02-10' });
    expect(letterAt(account([late], { lastContactOn: '2026-02-10' }), DEFAULT_POLICY, AS_OF, 'thank-you')).toBeNull();
  });

  it('can thank a customer on hold, by hand, for the one reminded invoice they paid', () => {
    const paid = invoice({ dueDate: '2026-02-01', amount: 5000, paid: 5000, stage: 'reminder', stageOn: '2026-02-10' });
    const letter = letterAt(account([paid], { hold: true }), DEFAULT_POLICY, AS_OF, 'thank-you');
    expect(letter?.stage).toBe('thank-you');
    expect(letter?.thanks.map((i) => i.number)).toEqual(['INV-1']);
  });

  it('can be a courtesy note about the one invoice falling due, even within the contact interval that holds run back', () => {
    const soon = invoice({ dueDate: '2026-03-04' });
    const letter = letterAt(account([soon], { lastContactOn: '2026-02-27' }), DEFAULT_POLICY, AS_OF, 'courtesy');
    expect(letter?.lines.map((l) => l.invoice.number)).toEqual(['INV-1']);
  });
});

describe('the stages offered at the desk, at their edges', () => {
  // A ladder with a step on the due date itself (daysFromDue 0).
  const ON_THE_DAY = { id: 'due-today', daysFromDue: 0, minDaysSinceLastContact: 7, template: 'reminder', action: 'letter' as const };
  const withDueDayStep = { ...DEFAULT_POLICY, stages: [DEFAULT_STAGES[0]!, ON_THE_DAY, ...DEFAULT_STAGES.slice(1)] };

  it("given a step on the due date, the accountant can choose that step's letter for an invoice already late (the customer was phoned two days ago, so run waits)", () => {
    const late = invoice({ dueDate: '2026-02-26', stage: 'courtesy', stageOn: '2026-02-23' });
    const letter = letterAt(account([late], { lastContactOn: '2026-02-28' }), withDueDayStep, AS_OF, 'due-today');
    expect(letter?.lines.map((l) => [l.invoice.number, l.stageAfter])).toEqual([['INV-1', 'due-today']]);
  });

  it('offers no letter at a stage the ladder does not have, nor at the hand-off (a flag for the owner, not a letter)', () => {
    const late = invoice({ dueDate: '2026-01-02', stage: 'final-notice', stageOn: '2026-02-01' });
    expect(letterAt(account([late], { lastContactOn: '2026-02-01' }), DEFAULT_POLICY, AS_OF, 'no-such-stage')).toBeNull();
    expect(letterAt(account([late], { lastContactOn: '2026-02-01' }), DEFAULT_POLICY, AS_OF, 'handoff')).toBeNull();
  });

  it('a courtesy note chosen at the desk leaves out an invoice that already had its courtesy note', () => {
    const noted = invoice({ number: 'N-1', dueDate: '2026-03-04', stage: 'courtesy', stageOn: '2026-03-01' });
    const fresh = invoice({ number: 'F-2', dueDate: '2026-03-05' });
    const letter = letterAt(account([noted, fresh], { lastContactOn: '2026-03-01' }), DEFAULT_POLICY, AS_OF, 'courtesy');
    expect(letter?.lines.map((l) => l.invoice.number)).toEqual(['F-2']);
  });

  it('a courtesy note chosen at the desk (within the contact interval) is about what falls due soon, not an invoice due today', () => {
    const dueToday = invoice({ number: 'T-1', dueDate: AS_OF });
    const soon = invoice({ number: 'S-2', dueDate: '2026-03-04' });
    const letter = letterAt(account([dueToday, soon], { lastContactOn: '2026-02-27' }), DEFAULT_POLICY, AS_OF, 'courtesy');
    expect(letter?.lines.map((l) => l.invoice.number)).toEqual(['S-2']);
  });

  it('choosing the final notice for an invoice at its first reminder says it skips the second; an invoice a day late listed beside it skips nothing', () => {
    const reminded = invoice({ number: 'A-1', dueDate: '2026-01-31', stage: 'reminder', stageOn: '2026-02-10' });
    const dayLate = invoice({ number: 'B-2', dueDate: '2026-03-01' });
    const option = stageOptions(account([reminded, dayLate], { lastContactOn: '2026-02-10' }), DEFAULT_POLICY, AS_OF).find((o) => o.stage === 'final-notice');
    expect(option?.letter.lines.map((l) => [l.invoice.number, Boolean(l.also)])).toEqual([
      ['A-1', false],
      ['B-2', true],
    ]);
    expect(option?.skips).toEqual([{ invoice: 'A-1', from: 'reminder', skipped: ['second-reminder'] }]);
  });

  it("the engine's own next step, the second reminder, skips nothing", () => {
    const reminded = invoice({ number: 'A-1', dueDate: '2026-01-31', stage: 'reminder', stageOn: '2026-02-10' });
    const dayLate = invoice({ number: 'B-2', dueDate: '2026-03-01' });
    const option = stageOptions(account([reminded, dayLate], { lastContactOn: '2026-02-10' }), DEFAULT_POLICY, AS_OF).find((o) => o.stage === 'second-reminder');
    expect(option?.letter.lines.map((l) => [l.invoice.number, l.climbs])).toEqual([
      ['A-1', true],
      ['B-2', false],
    ]);
    expect(option?.skips).toEqual([]);
  });
});

describe('a letter repeated at the desk at the stage where the account stands', () => {
  it('lifts no other invoice to that stage: an invoice a stage below, due its own next step, stays where it is', () => {
    const atSecond = invoice({ number: 'A-1', dueDate: '2026-01-20', stage: 'second-reminder', stageOn: '2026-02-20' });
    const atFirst = invoice({ number: 'B-2', dueDate: '2026-02-10', stage: 'reminder', stageOn: '2026-02-20' });
    const letter = letterAt(account([atSecond, atFirst], { lastContactOn: '2026-02-20' }), DEFAULT_POLICY, AS_OF, 'second-reminder');
    expect(letter?.lines.map((l) => [l.invoice.number, l.stageAfter, l.climbs, Boolean(l.also)])).toEqual([
      ['A-1', 'second-reminder', false, false],
      ['B-2', 'reminder', false, true],
    ]);
  });
});
