import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/domain/dates.js';
import { DEFAULT_POLICY, THANK_YOU } from '../../src/domain/policy.js';
import { Book } from '../app/book.js';
import { START, scenario, type Scenario } from './ladder-model.js';

/**
 * The same random books as ladder.property.test.ts, through the real ledger (import, pay, hold,
 * note, run): fewer cases, since each run writes letters. Each morning's run is followed by a
 * second run the same day, which must add nothing; and no collection letter comes within
 * minDaysBetweenContacts of the customer's previous contact.
 */
async function replayThroughLedger(s: Scenario): Promise<void> {
  const book = new Book();
  const customers = Array.from({ length: s.customers }, (_, c) => `c${c}`);
  const rows: string[] = [];
  const owed = new Map<string, number>();
  let day = START;
  const add = (customer: number, dueIn: number, amount: number) => {
    const id = customers[customer % customers.length]!;
    const number = `I-${String(rows.length + 1).padStart(3, '0')}`;
    const due = addDays(day, dueIn);
    rows.push(`${number},${id},Customer ${id},${id}@example.com,${addDays(due, -30)},${due},GBP,${(amount / 100).toFixed(2)},`);
    owed.set(number, amount);
  };
  for (const i of s.invoices) add(i.customer, i.dueIn, i.amount);
  await book.invoices(day, rows);
  const lastContact = new Map<string, string>();
  try {
    for (const a of s.actions) {
      const who = customers[('customer' in a ? a.customer : 0) % customers.length]!;
      if (a.kind === 'days') {
        day = addDays(day, a.n);
        const first = await book.run(day);
        for (const l of first.letters.filter((x) => x.stage !== THANK_YOU)) {
          const since = lastContact.get(l.customer);
          expect(since === undefined || daysBetween(since, day) >= DEFAULT_POLICY.minDaysBetweenContacts).toBe(true);
          lastContact.set(l.customer, day);
        }
        const again = await book.run(day);
        expect(again.letters).toEqual([]);
        expect(again.flagged.filter((f) => f.reason === 'handoff')).toEqual([]);
      } else if (a.kind === 'import') {
        add(a.customer, a.dueIn, a.amount);
        await book.invoices(day, rows);
      } else if (a.kind === 'pay') {
        const number = [...owed.keys()][a.invoice % owed.size]!;
        const left = owed.get(number)!;
        const amount = a.full ? left : Math.floor(left / 2);
        if (amount > 0) {
          await book.pay(day, number, (amount / 100).toFixed(2));
          owed.set(number, left - amount);
        }
      } else if (!rows.some((r) => r.split(',')[1] === who)) {
        continue; // a customer with no invoice yet is not in the ledger
      } else if (a.kind === 'hold') await book.hold(day, who, 'disputes the charge');
      else if (a.kind === 'release') await book.release(day, who);
      else {
        await book.note(day, who, 'rang them');
        lastContact.set(who, day);
      }
    }
  } finally {
    book.close();
  }
}

describe('the ladder through the real ledger (property)', () => {
  it('a second run on the same day adds nothing, and no letter comes within the contact interval', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario.map((s) => ({ ...s, actions: s.actions.slice(0, 12) })), replayThroughLedger),
      { seed: 20261201, numRuns: 6 },
    );
  });
});
