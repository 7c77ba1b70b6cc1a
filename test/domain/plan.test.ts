import { describe, expect, it } from 'vitest';
import { planAccount, planRun } from '../../src/domain/plan.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

const policy = DEFAULT_POLICY;
const AS_OF = '2026-03-02';

/** The stage of the letter planned for one account today, or what happens instead. */
function outcome(a: ReturnType<typeof account>, p: Policy = policy, asOf = AS_OF): string {
  const d = planAccount(a, p, asOf);
  if (d === null) return 'nothing';
  if ('letter' in d) return d.letter.stage;
  if ('flag' in d) return `flag:${d.flag.reason}`;
  return `skip:${d.skip.reason}`;
}

describe('the escalation ladder', () => {
  it.each([
    ['an invoice due in 5 days and no contact', 'nothing', invoice({ dueDate: '2026-03-07' })],
    ['an invoice due in 4 days and no contact (the courtesy note comes 3 days before)', 'nothing', invoice({ dueDate: '2026-03-06' })],
    ['an invoice due in 3 days and no contact', 'courtesy', invoice({ dueDate: '2026-03-05' })],
    ['an invoice due tomorrow and no contact', 'courtesy', invoice({ dueDate: '2026-03-03' })],
    ['an invoice due today and no contact (courtesy only comes before the due date)', 'nothing', invoice({ dueDate: '2026-03-02' })],
    ['an invoice 2 days late and no contact', 'nothing', invoice({ dueDate: '2026-02-28' })],
    ['an invoice 3 days late and no contact', 'reminder', invoice({ dueDate: '2026-02-27' })],
    ['an invoice 45 days late and no contact (never skip a stage)', 'reminder', invoice({ dueDate: '2026-01-16' })],
    ['an invoice 200 days late and no contact', 'reminder', invoice({ dueDate: '2025-08-14' })],
    ['an invoice 14 days late, reminded 7 days ago', 'second-reminder', invoice({ dueDate: '2026-02-16', stage: 'reminder', stageOn: '2026-02-23' })],
    ['an invoice 14 days late, reminded 6 days ago', 'nothing', invoice({ dueDate: '2026-02-16', stage: 'reminder', stageOn: '2026-02-24' })],
    ['an invoice 13 days late, reminded 10 days ago', 'nothing', invoice({ dueDate: '2026-02-17', stage: 'reminder', stageOn: '2026-02-20' })],
    ['an invoice 30 days late, second reminder 10 days ago', 'final-notice', invoice({ dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' })],
    ['an invoice 30 days late, second reminder 9 days ago', 'nothing', invoice({ dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-21' })],
    ['an invoice 60 days late, final notice 14 days ago', 'flag:handoff', invoice({ dueDate: '2026-01-01', stage: 'final-notice', stageOn: '2026-02-16' })],
    ['an invoice already handed off', 'nothing', invoice({ dueDate: '2025-10-01', stage: 'handoff', stageOn: '2026-01-01' })],
    ['a courtesy note sent 7 days ago, now 4 days late', 'reminder', invoice({ dueDate: '2026-02-26', stage: 'courtesy', stageOn: '2026-02-23' })],
    ['a courtesy note sent 6 days ago, now 3 days late', 'nothing', invoice({ dueDate: '2026-02-27', stage: 'courtesy', stageOn: '2026-02-24' })],
    ['an invoice paid in full, never reminded', 'nothing', invoice({ dueDate: '2026-01-01', paid: 100000 })],
  ])('given %s, the plan is %s', (_, expected, inv) => {
    expect(outcome(account([inv]))).toBe(expected);
  });
});

describe('rules the engine keeps', () => {
  it('writes one letter per customer, listing every open overdue invoice, at the highest stage newly reached', () => {
    const a = account([
      invoice({ number: 'A', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' }), // -> final-notice
      invoice({ number: 'B', dueDate: '2026-02-26' }), // 4 days late -> reminder
      invoice({ number: 'C', dueDate: '2026-02-28' }), // 2 days late: listed, does not climb
      invoice({ number: 'D', dueDate: '2026-03-20' }), // not due: not listed
    ]);
    const d = planAccount(a, policy, AS_OF);
    expect(d && 'letter' in d).toBe(true);
    if (!d || !('letter' in d)) return;
    expect(d.letter.stage).toBe('final-notice');
    expect(d.letter.lines.map((l) => [l.invoice.number, l.stageAfter, l.climbs])).toEqual([
      ['A', 'final-notice', true],
      ['B', 'reminder', true],
      ['C', null, false],
    ]);
    expect(d.letter.total).toEqual([{ currency: 'GBP', minor: 300000 }]);
  });

  it('gives a total per currency and never adds currencies together', () => {
    const a = account([
      invoice({ number: 'G', dueDate: '2026-02-20' }),
      invoice({ number: 'U', dueDate: '2026-02-20', currency: 'USD', amount: 5000 }),
    ]);
    const d = planAccount(a, policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.total).toEqual([
      { currency: 'GBP', minor: 100000 },
      { currency: 'USD', minor: 5000 },
    ]);
  });

  it('contacts a customer at most once per 7 days, whatever the channel', () => {
    const late = invoice({ dueDate: '2026-02-20' });
    expect(outcome(account([late], { lastContactOn: '2026-02-24' }))).toBe('skip:min-interval');
    expect(outcome(account([late], { lastContactOn: '2026-02-23' }))).toBe('reminder');
  });

  it('lets credits reduce what is owed, and chases nothing a credit covers', () => {
    const owed = invoice({ number: 'I', dueDate: '2026-02-20', amount: 50000 });
    const credit = invoice({ number: 'CN', dueDate: '2026-02-01', amount: -20000 });
    const d = planAccount(account([owed, credit]), policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.total).toEqual([{ currency: 'GBP', minor: 30000 }]);
    expect(d.letter.credits.map((c) => c.number)).toEqual(['CN']);
    const bigCredit = invoice({ number: 'CN', dueDate: '2026-02-01', amount: -60000 });
    expect(outcome(account([owed, bigCredit]))).toBe('skip:below-minimum');
  });

  it('lists credit notes as credits, not an invoice paid in full', () => {
    const owed = invoice({ number: 'I', dueDate: '2026-02-20', amount: 50000 });
    const paid = invoice({ number: 'P', dueDate: '2026-02-10', amount: 30000, paid: 30000 });
    const d = planAccount(account([owed, paid]), policy, AS_OF);
    expect(d && 'letter' in d ? { stage: d.letter.stage, credits: d.letter.credits } : d).toEqual({ stage: 'reminder', credits: [] });
  });

  it('does not chase a balance below the configured minimum for its currency', () => {
    const small = invoice({ dueDate: '2026-02-20', amount: 500 });
    expect(outcome(account([small]), { ...policy, minimumBalance: { GBP: 1000 } })).toBe('skip:below-minimum');
    expect(outcome(account([small]), { ...policy, minimumBalance: { EUR: 1000 } })).toBe('reminder');
  });

  it('sends nothing to a customer on hold, nor about an invoice on hold', () => {
    const late = invoice({ dueDate: '2026-02-20' });
    expect(outcome(account([late], { hold: true }))).toBe('skip:hold');
    expect(outcome(account([{ ...late, hold: true }]))).toBe('skip:hold');
  });

  it('has nothing to say of a customer on hold with nothing due and nothing to thank for (no skip either)', () => {
    expect(outcome(account([invoice({ dueDate: '2026-03-20' })], { hold: true }))).toBe('nothing');
  });

  it('sends no thanks either to a customer on hold who paid one reminded invoice: skipped for the hold', () => {
    const paidAfterReminder = invoice({ dueDate: '2026-01-20', paid: 100000, stage: 'reminder', stageOn: '2026-01-23' });
    expect(outcome(account([paidAfterReminder], { hold: true }))).toBe('skip:hold');
  });

  it('pauses collection while a payment plan is kept', () => {
    expect(outcome(account([invoice({ dueDate: '2026-02-20', planned: true })], { planKept: true }))).toBe('skip:plan');
  });

  it('reports a customer with no email and no address instead of skipping them silently', () => {
    const a = account([invoice({ dueDate: '2026-02-20' })]);
    a.customer = { ...a.customer, email: null, address: null };
    expect(outcome(a)).toBe('flag:no-contact-details');
  });

  it('writes a printable letter to a customer with an address but no email', () => {
    const a = account([invoice({ dueDate: '2026-02-20' })]);
    a.customer = { ...a.customer, email: null, address: '1 High Street' };
    const d = planAccount(a, policy, AS_OF);
    expect(d && 'letter' in d && d.letter.channel).toBe('letter');
  });

});

describe('thanks when a customer pays', () => {
  const paidAfterReminder = invoice({ dueDate: '2026-01-20', paid: 100000, stage: 'reminder', stageOn: '2026-01-23' });

  it('thanks the customer once an invoice that had a reminder is paid in full', () => {
    const d = planAccount(account([paidAfterReminder]), policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('thank-you');
    expect(d.letter.thanks.map((i) => i.number)).toEqual(['INV-1']);
    expect(d.letter.total).toEqual([{ currency: 'GBP', minor: 100000 }]);
  });

  it('does not thank twice, nor for an invoice that only had a courtesy note', () => {
    expect(outcome(account([{ ...paidAfterReminder, thanked: true }]))).toBe('nothing');
    expect(outcome(account([{ ...paidAfterReminder, stage: 'courtesy' }]))).toBe('nothing');
  });

  it('is not held back by the contact interval', () => {
    expect(outcome(account([paidAfterReminder], { lastContactOn: '2026-03-01' }))).toBe('thank-you');
  });

  it('can be switched off', () => {
    expect(outcome(account([paidAfterReminder]), { ...policy, thankYou: false })).toBe('nothing');
  });

  it('thanks after the first step of a ladder without a courtesy note: that step chased the invoice', () => {
    expect(outcome(account([paidAfterReminder]), { ...policy, stages: policy.stages.slice(1) })).toBe('thank-you');
  });

  it('does not thank for an invoice with a penny still owed: its letter chases the penny', () => {
    const d = planAccount(account([{ ...paidAfterReminder, paid: 99999, balance: 1 }]), policy, AS_OF);
    expect(d && 'letter' in d ? { stage: d.letter.stage, thanks: d.letter.thanks } : d).toEqual({ stage: 'second-reminder', thanks: [] });
  });

  it('thanks for an invoice of a single penny paid after its reminder', () => {
    expect(outcome(account([{ ...paidAfterReminder, amount: 1, paid: 1, balance: 0 }]))).toBe('thank-you');
  });

  it('does not thank for a reminded invoice corrected to nothing (amount 0): nothing was paid', () => {
    expect(outcome(account([{ ...paidAfterReminder, amount: 0, paid: 0, balance: 0 }]))).toBe('nothing');
  });

  it('folds the thanks into a collection letter going out the same day', () => {
    const open = invoice({ number: 'INV-2', dueDate: '2026-02-20' });
    const d = planAccount(account([paidAfterReminder, open]), policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('reminder');
    expect(d.letter.thanks.map((i) => i.number)).toEqual(['INV-1']);
  });
});

describe('a run', () => {
  it('collects letters, flags and skips across accounts', () => {
    const plan = planRun(
      [
        account([invoice({ dueDate: '2026-02-20' })]),
        { ...account([invoice({ number: 'X', customerId: 'b', dueDate: '2026-02-20' })], { hold: true }), customer: { ...account([]).customer, id: 'b' } },
      ],
      policy,
      AS_OF,
    );
    expect(plan.letters.map((l) => [l.customerId, l.stage])).toEqual([['acme', 'reminder']]);
    expect(plan.skipped).toEqual([{ customerId: 'b', reason: 'hold' }]);
    expect(plan.asOf).toBe(AS_OF);
  });
});

describe('plans, segments and fees in the plan', () => {
  it('chases a new invoice the payment plan does not cover, and lists only that one', () => {
    const covered = invoice({ number: 'OLD', dueDate: '2026-01-01', stage: 'reminder', stageOn: '2026-01-10', planned: true });
    const fresh = invoice({ number: 'NEW', dueDate: '2026-02-25' });
    const d = planAccount(account([covered, fresh], { planKept: true }), policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('reminder');
    expect(d.letter.lines.map((l) => l.invoice.number)).toEqual(['NEW']);
  });

  it('says in the first letter after a missed plan that the plan was missed, and not after', () => {
    const inv = invoice({ number: 'P-1', dueDate: '2026-01-01', stage: 'reminder', stageOn: '2026-01-10' });
    const standing = {
      arrangement: { id: 1, customerId: 'acme', currency: 'GBP', createdOn: '2026-01-12', graceDays: 3, status: 'missed' as const, closedOn: '2026-02-20', installments: [], invoices: ['P-1'] },
      state: 'missed' as const,
      paid: 0,
      schedule: [{ seq: 1, dueOn: '2026-02-16', amount: 100000, paid: false }],
      missedOn: '2026-02-20',
      completedOn: null,
    };
    const d = planAccount(account([inv], { arrangement: standing }), policy, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('second-reminder');
    expect(d.letter.arrangement).toEqual({ installments: [{ seq: 1, dueOn: '2026-02-16', currency: 'GBP', minor: 100000, paid: false }], missed: true });
    // A letter sent the day the plan was missed already told them: no notice again.
    const sameDay = planAccount(account([inv], { arrangement: standing, lastContactOn: '2026-02-20' }), policy, AS_OF);
    expect(sameDay && 'letter' in sameDay ? sameDay.letter.arrangement : 'no letter').toBeNull();
    // Last heard from us before the plan was missed: the notice still goes.
    const heardBefore = planAccount(account([inv], { arrangement: standing, lastContactOn: '2026-01-10' }), policy, AS_OF);
    expect(heardBefore && 'letter' in heardBefore ? heardBefore.letter.arrangement?.missed : 'no letter').toBe(true);
    const after = planAccount(account([inv], { arrangement: standing, lastContactOn: '2026-02-21' }), policy, '2026-03-05');
    expect(after && 'letter' in after ? after.letter.arrangement : 'no letter').toBeNull();
  });

  it("gives a reliable payer's segment its extra grace and its own ladder", () => {
    const gentle: Policy = {
      ...policy,
      segments: [
        {
          id: 'reliable',
          minPaidInvoices: 3,
          minOnTimePercent: 90,
          maxAverageDaysLate: null,
          extraGraceDays: 7,
          stages: policy.stages.map((s) => (s.id === 'reminder' ? { ...s, template: 'gentle-reminder' } : s)),
        },
      ],
    };
    const late = invoice({ dueDate: '2026-02-25' }); // 5 days late
    const history = { paidInvoices: 10, onTime: 10, daysLateTotal: 0 };
    expect(outcome(account([late], { history }), gentle)).toBe('nothing'); // reminder waits until 10 days late
    const tenDays = planAccount(account([late], { history }), gentle, '2026-03-07');
    expect(tenDays && 'letter' in tenDays && tenDays.letter.template).toBe('gentle-reminder');
    expect(outcome(account([late], { history: { paidInvoices: 10, onTime: 5, daysLateTotal: 50 } }), gentle)).toBe('reminder');
  });

  it('itemises fees on the letter: earlier charges on listed invoices and those this stage adds', () => {
    const withFees: Policy = { ...policy, fees: { stages: { 'final-notice': { fixed: { GBP: 2500 }, percentBp: null } }, statutory: null } };
    const inv = invoice({ number: 'F-1', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' });
    const earlier = [{ invoiceNumber: 'F-1', stage: 'second-reminder', kind: 'fee' as const, currency: 'GBP', minor: 1000, description: 'x', chargedOn: '2026-02-20', through: null }];
    const d = planAccount(account([inv], { fees: earlier }), withFees, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.fees!.map((f) => [f.stage, f.minor])).toEqual([
      ['second-reminder', 1000],
      ['final-notice', 2500],
    ]);
    expect(planAccount(account([inv]), policy, AS_OF)).toMatchObject({ letter: { fees: [] } });
  });
});

describe('statutory interest in the plan', () => {
  const statutory: Policy = { ...policy, fees: { stages: {}, statutory: { regime: 'uk', referenceRateBp: 400, fromStage: 'final-notice', compensation: true } } };

  it('is first charged with the letter of its own fromStage, not the stage after it', () => {
    // 30 days late, a second reminder 10 days ago: today's letter is the final notice.
    const inv = invoice({ number: 'F-1', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20', amount: 200000 });
    const d = planAccount(account([inv]), statutory, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('final-notice');
    expect(d.letter.fees!.map((f) => f.kind).sort()).toEqual(['compensation', 'interest']);
  });

  it('from the first step of a ladder without a courtesy note, is charged with the very first letter', () => {
    const noCourtesy: Policy = {
      ...policy,
      stages: policy.stages.slice(1),
      fees: { stages: {}, statutory: { regime: 'uk', referenceRateBp: 400, fromStage: 'reminder', compensation: true } },
    };
    const inv = invoice({ number: 'R-1', dueDate: '2026-02-20', amount: 200000 });
    const d = planAccount(account([inv]), noCourtesy, AS_OF);
    expect(d && 'letter' in d ? { stage: d.letter.stage, fees: d.letter.fees!.map((f) => f.kind).sort() } : d).toEqual({ stage: 'reminder', fees: ['compensation', 'interest'] });
  });

  it('is not charged with the stage before its fromStage', () => {
    const inv = invoice({ number: 'F-1', dueDate: '2026-02-14', stage: 'reminder', stageOn: '2026-02-20', amount: 200000 });
    const d = planAccount(account([inv]), statutory, AS_OF);
    if (!d || !('letter' in d)) throw new Error('expected a letter');
    expect(d.letter.stage).toBe('second-reminder');
    expect(d.letter.fees).toEqual([]);
  });
});

describe('fees with a letter', () => {
  it('charges nothing to an invoice listed as also open: a fee configured after its reminder is not charged back with another invoice\'s letter', () => {
    const withReminderFee: Policy = { ...policy, fees: { stages: { reminder: { fixed: { GBP: 1000 }, percentBp: null } }, statutory: null } };
    const subject = invoice({ number: 'A-1', dueDate: '2026-01-20', stage: 'second-reminder', stageOn: '2026-02-15' });
    const alsoOpen = invoice({ number: 'B-2', dueDate: '2026-02-20', stage: 'reminder', stageOn: '2026-02-23' });
    const d = planAccount(account([subject, alsoOpen], { lastContactOn: '2026-02-23' }), withReminderFee, AS_OF);
    expect(d && 'letter' in d ? { stage: d.letter.stage, lines: d.letter.lines.map((l) => [l.invoice.number, l.climbs]), fees: d.letter.fees } : d).toEqual({
      stage: 'final-notice',
      lines: [
        ['A-1', true],
        ['B-2', false],
      ],
      fees: [],
    });
  });
});

describe('the channel of a letter', () => {
  it('follows the stage: a final notice configured for the post goes on paper even to a customer with email', () => {
    const byPost: Policy = { ...policy, stages: policy.stages.map((s) => (s.id === 'final-notice' ? { ...s, channel: 'letter' as const } : s)) };
    const due = invoice({ dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' });
    expect(planAccount(account([due]), byPost, AS_OF)).toMatchObject({ letter: { stage: 'final-notice', channel: 'letter' } });
    expect(planAccount(account([invoice({ dueDate: '2026-02-20' })]), byPost, AS_OF)).toMatchObject({ letter: { stage: 'reminder', channel: 'email' } });
  });

  it('a stage asking for email still writes on paper to a customer without an address for it', () => {
    const byEmail: Policy = { ...policy, letterFormat: 'html', stages: policy.stages.map((s) => ({ ...s, channel: 'email' as const })) };
    expect(planAccount(account([invoice({ dueDate: '2026-02-20' })]), byEmail, AS_OF)).toMatchObject({ letter: { channel: 'email' } });
    const paperOnly = account([invoice({ dueDate: '2026-02-20' })]);
    paperOnly.customer = { ...paperOnly.customer, email: null, address: '1 High Street' };
    expect(planAccount(paperOnly, byEmail, AS_OF)).toMatchObject({ letter: { channel: 'letter' } });
  });
});
