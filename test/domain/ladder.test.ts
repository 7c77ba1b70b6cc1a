import { describe, expect, it } from 'vitest';
import type { InvoiceState } from '../../src/domain/account.js';
import { keepReviewDecisions, planAccount, planRun } from '../../src/domain/plan.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { account, invoice } from '../helpers.js';

const AS_OF = '2026-03-02';

/** The letter today, as `stage: subject invoices | also open`, or what happens instead. */
function letterToday(invoices: InvoiceState[], lastContactOn: string | null = null): string {
  const d = planAccount(account(invoices, { lastContactOn }), DEFAULT_POLICY, AS_OF);
  if (d === null) return 'nothing';
  if ('skip' in d) return `skip:${d.skip.reason}`;
  if ('flag' in d) return `flag:${d.flag.reason}: ${d.flag.lines.map((l) => l.invoice.number).join(' ')}`;
  const about = d.letter.lines.filter((l) => !l.also).map((l) => l.invoice.number);
  const also = d.letter.lines.filter((l) => l.also).map((l) => l.invoice.number);
  return `${d.letter.stage}: ${about.join(' ')}${also.length > 0 ? ` | also open: ${also.join(' ')}` : ''}`;
}

// The account climbs one ladder: where it stands is the highest stage any chased invoice reached.
describe('one ladder per account', () => {
  it.each([
    [
      'an invoice at the final notice (not yet due for hand-off) and a new one 4 days late: the new one waits, no reminder goes back down',
      [invoice({ number: 'OLD', dueDate: '2026-01-10', stage: 'final-notice', stageOn: '2026-02-20' }), invoice({ number: 'NEW', dueDate: '2026-02-26' })],
      'nothing',
    ],
    [
      'two reminders sent, and a new invoice falls due: no gentle "may have slipped through"; the next step waits for the old invoice',
      [invoice({ number: 'OLD', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-21' }), invoice({ number: 'NEW', dueDate: '2026-02-26' })],
      'nothing',
    ],
    [
      'the second reminder 10 days ago, and a new invoice 3 days late: a final notice about the old one, the new one "also open"',
      [invoice({ number: 'OLD', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' }), invoice({ number: 'NEW', dueDate: '2026-02-27' })],
      'final-notice: OLD | also open: NEW',
    ],
    [
      'an invoice 27 days late and past two letters, and another falling due in 3 days: no courtesy note saying nothing is late',
      [invoice({ number: 'LATE', dueDate: '2026-02-03', stage: 'second-reminder', stageOn: '2026-02-21' }), invoice({ number: 'SOON', dueDate: '2026-03-05' })],
      'nothing',
    ],
    [
      'an invoice 1 day late and another due in 3 days, no letters yet: no courtesy note while something is late',
      [invoice({ number: 'LATE', dueDate: '2026-03-01' }), invoice({ number: 'SOON', dueDate: '2026-03-05' })],
      'nothing',
    ],
    [
      'nothing late and one invoice due in 3 days: the courtesy note',
      [invoice({ number: 'SOON', dueDate: '2026-03-05' }), invoice({ number: 'LATER', dueDate: '2026-03-30' })],
      'courtesy: SOON',
    ],
    [
      'the final notice 14 days ago and the account 60 days late: the hand-off flag names the invoice that had every letter',
      [invoice({ number: 'OLD', dueDate: '2026-01-01', stage: 'final-notice', stageOn: '2026-02-16' }), invoice({ number: 'NEW', dueDate: '2026-02-20' })],
      'flag:handoff: OLD',
    ],
    [
      'handed off, and a newer invoice goes unpaid: nothing more is written, the ladder is not restarted',
      [invoice({ number: 'OLD', dueDate: '2025-12-01', stage: 'handoff', stageOn: '2026-02-01' }), invoice({ number: 'NEW', dueDate: '2026-02-01' })],
      'nothing',
    ],
    [
      'the old invoice paid, the newer one listed in two letters: it goes on from its own step, not from the reminder',
      [invoice({ number: 'NEW', dueDate: '2026-01-25', stage: 'second-reminder', stageOn: '2026-02-20' })],
      'final-notice: NEW',
    ],
    [
      'two invoices reminded together, one now due for the second reminder: the other rides along, also open',
      [
        invoice({ number: 'A', dueDate: '2026-01-20', stage: 'reminder', stageOn: '2026-02-20' }),
        invoice({ number: 'B', dueDate: '2026-02-17', stage: 'reminder', stageOn: '2026-02-20' }),
      ],
      'second-reminder: A | also open: B',
    ],
    [
      'first contact with two late invoices, 45 and 10 days: one reminder about both',
      [invoice({ number: 'A', dueDate: '2026-01-16' }), invoice({ number: 'B', dueDate: '2026-02-20' })],
      'reminder: A B',
    ],
  ])('given %s', (_, invoices, expected) => {
    expect(letterToday(invoices)).toBe(expected);
  });

  it('a newer invoice listed as also open takes its own next step, never the letter\'s', () => {
    const d = planAccount(
      account([
        invoice({ number: 'OLD', dueDate: '2026-01-31', stage: 'second-reminder', stageOn: '2026-02-20' }),
        invoice({ number: 'NEW', dueDate: '2026-02-20', stage: 'reminder', stageOn: '2026-02-20' }),
        invoice({ number: 'NEWEST', dueDate: '2026-02-28' }),
      ]),
      DEFAULT_POLICY,
      AS_OF,
    );
    expect(d && 'letter' in d && d.letter.lines.map((l) => [l.invoice.number, l.stageAfter, l.climbs, l.also ?? false])).toEqual([
      ['OLD', 'final-notice', true, false],
      ['NEW', 'reminder', false, true], // 10 days late: not yet due for its second reminder
      ['NEWEST', null, false, true], // 2 days late: listed, no step yet
    ]);
  });
});

describe('stale debts', () => {
  const old = (over: Partial<InvoiceState> = {}) => invoice({ number: 'OLD', dueDate: '2025-01-31', importedOn: '2026-03-01', ...over }); // 394 days late when imported

  it.each([
    ['more than a year overdue when first imported: flagged stale, no "may have slipped through" reminder', old(), 'flag:stale OLD', 'nothing'],
    ['released by the owner: dunned from the reminder', old({ staleReleased: true }), '', 'reminder: OLD'],
    ['a year overdue to the day when imported: not stale', old({ dueDate: '2025-03-01' }), '', 'reminder: OLD'],
    ['imported young and grown old in the ledger: not stale', old({ importedOn: '2025-02-05' }), '', 'reminder: OLD'],
    ['already written to: never stale', old({ stage: 'reminder', stageOn: '2026-02-20' }), '', 'second-reminder: OLD'],
  ])('given a debt %s', (_, inv, flag, letter) => {
    const plan = planRun([account([inv])], DEFAULT_POLICY, AS_OF);
    expect(plan.flagged.map((f) => `flag:${f.reason} ${f.lines.map((l) => l.invoice.number).join(' ')}`).join('')).toBe(flag);
    expect(letterToday([inv])).toBe(letter);
  });

  it('a customer skipped in review today still shows its stale debt for the owner\'s decision', () => {
    const plan = keepReviewDecisions(planRun([account([old(), invoice({ number: 'NEW', dueDate: '2026-02-20' })])], DEFAULT_POLICY, AS_OF), new Set(['acme']));
    expect(plan.letters).toEqual([]);
    expect(plan.flagged.map((f) => f.reason)).toEqual(['stale']);
    expect(plan.skipped).toEqual([{ customerId: 'acme', reason: 'reviewed' }]);
  });

  it('a stale debt stands aside: the customer\'s other invoices are chased as usual, and it is not listed', () => {
    const plan = planRun([account([old(), invoice({ number: 'NEW', dueDate: '2026-02-20' })])], DEFAULT_POLICY, AS_OF);
    expect(plan.flagged.map((f) => f.reason)).toEqual(['stale']);
    expect(plan.letters.map((l) => [l.stage, l.lines.map((x) => x.invoice.number)])).toEqual([['reminder', ['NEW']]]);
  });
});
