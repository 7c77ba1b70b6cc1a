import { describe, expect, it } from 'vitest';
import { letterAt, stageOptions, suggestedStage, type DeskEntry } from '../../src/app/desk.js';
import { planAccount } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

const asOf = '2026-03-02';
const entry = (a: ReturnType<typeof account>): DeskEntry => ({ account: a, balances: [], daysLate: 0, stage: null, decision: planAccount(a, DEFAULT_POLICY, asOf) });

describe('the stages the accountant may choose', () => {
  it('given an invoice 45 days late and no contact, the suggestion is the reminder, and the final notice skips two steps', () => {
    const a = account([invoice({ dueDate: '2026-01-16' })]);
    const options = stageOptions(a, DEFAULT_POLICY, asOf);
    expect(options.map((o) => o.stage)).toEqual(['reminder', 'second-reminder', 'final-notice']);
    expect(suggestedStage(entry(a), options, DEFAULT_POLICY)).toBe('reminder');
    expect(options.find((o) => o.stage === 'reminder')!.skips).toEqual([]);
    expect(options.find((o) => o.stage === 'final-notice')!.skips).toEqual([{ invoice: 'INV-1', from: null, skipped: ['reminder', 'second-reminder'] }]);
  });

  it("the engine's own proposal is exactly the letter run would write", () => {
    const a = account([invoice({ dueDate: '2026-01-16' })]);
    const d = planAccount(a, DEFAULT_POLICY, asOf);
    expect(d !== null && 'letter' in d).toBe(true);
    expect(letterAt(a, DEFAULT_POLICY, asOf, 'reminder')).toEqual((d as { letter: unknown }).letter);
  });

  it('a courtesy note is offered only while nothing is late, and lists what falls due soon', () => {
    const soon = invoice({ number: 'SOON', dueDate: '2026-03-04' });
    expect(letterAt(account([soon]), DEFAULT_POLICY, asOf, 'courtesy')!.lines.map((l) => l.invoice.number)).toEqual(['SOON']);
    // With an invoice a month late, "nothing is late" would be untrue: no courtesy note.
    const a = account([invoice({ number: 'LATE', dueDate: '2026-02-01' }), soon]);
    expect(letterAt(a, DEFAULT_POLICY, asOf, 'courtesy')).toBeNull();
    expect(letterAt(a, DEFAULT_POLICY, asOf, 'reminder')!.lines.map((l) => l.invoice.number)).toEqual(['LATE']);
  });

  it('never offers a stage below where the account stands', () => {
    const a = account([
      invoice({ number: 'OLD', dueDate: '2026-01-16', stage: 'second-reminder', stageOn: '2026-02-20' }),
      invoice({ number: 'NEW', dueDate: '2026-02-25' }),
    ]);
    expect(stageOptions(a, DEFAULT_POLICY, asOf).map((o) => o.stage)).toEqual(['second-reminder', 'final-notice']);
    const final = letterAt(a, DEFAULT_POLICY, asOf, 'final-notice')!;
    expect(final.lines.map((l) => [l.invoice.number, l.also ?? false, l.stageAfter])).toEqual([
      ['OLD', false, 'final-notice'],
      ['NEW', true, 'reminder'],
    ]);
  });

  it('contacted three days ago, the engine waits; the desk still suggests the next step without skipping', () => {
    const a = account([invoice({ dueDate: '2026-01-16', stage: 'reminder', stageOn: '2026-02-27' })], { lastContactOn: '2026-02-27' });
    const options = stageOptions(a, DEFAULT_POLICY, asOf);
    expect(entry(a).decision).toBeNull();
    expect(suggestedStage(entry(a), options, DEFAULT_POLICY)).toBe('second-reminder');
    // A reminder again is allowed; the invoice stays where it stands.
    expect(letterAt(a, DEFAULT_POLICY, asOf, 'reminder')!.lines[0]).toMatchObject({ stageAfter: 'reminder', climbs: false });
  });

  it('a letter to a customer with credits asks for what is owed net of them, per currency, never across', () => {
    const a = account([
      invoice({ number: 'G', dueDate: '2026-02-01', amount: 50000 }),
      invoice({ number: 'CN', dueDate: '2026-02-01', amount: -10000 }),
      invoice({ number: 'U', dueDate: '2026-02-01', currency: 'USD', amount: 7000 }),
    ]);
    expect(letterAt(a, DEFAULT_POLICY, asOf, 'second-reminder')!.total).toEqual([
      { currency: 'GBP', minor: 40000 },
      { currency: 'USD', minor: 7000 },
    ]);
  });
});
