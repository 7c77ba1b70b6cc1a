import { screen } from '@inquirer/testing/vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewFlow } from '../../src/cli/review-flow.js';
import { dunning } from '../helpers.js';
import { AS_OF, deskLedger, deskSession, eventsOf, query } from './desk-fixtures.js';
import { firstPrompt } from './desk-screen.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function review(dir: string, opts: { yes?: boolean } = {}) {
  const s = await deskSession(dir, opts);
  close = s.close;
  return { done: reviewFlow(s.session), printed: s.printed };
}

/** Picks the n-th action of the menu (approve, paragraph, read, skip, hold, stop for a letter). */
function pick(n: number) {
  for (let i = 0; i < n; i++) screen.keypress('down');
  screen.keypress('enter');
}

describe('dunning review, at the terminal', () => {
  it('walks the plan: approve with a paragraph, skip with a reason, hold with a reason; writes it all at the end, and run drafts none of it again', async () => {
    const dir = deskLedger();
    const { done, printed } = await review(dir);
    // Today's plan, by customer: acme, bakery, kestrel, each a reminder.
    await firstPrompt('Acme Ltd:');
    expect(printed.data[0]).toContain('[1/3] Acme Ltd (acme): reminder letter by email: A-1 (10 days late), A-2 (3 days late); 1200.00 GBP, 300.00 USD');
    pick(1); // add a personal paragraph
    await screen.next();
    screen.type('Good to hear the new shop is open.');
    screen.keypress('enter');
    await screen.next();
    pick(2); // read the letter
    await screen.next();
    expect(printed.data.at(-1)).toContain('Good to hear the new shop is open.');
    expect(screen.getScreen()).toContain('Approve (with your paragraph)');
    pick(0);
    await screen.next();
    expect(screen.getScreen()).toContain('The Corner Bakery:');
    pick(3); // skip
    await screen.next();
    screen.keypress('enter'); // a skip needs a reason
    await screen.next();
    expect(screen.getScreen()).toContain('please give a reason');
    screen.type('Owner will phone them first');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Kestrel Events:');
    pick(4); // hold
    await screen.next();
    screen.type('Disputes the delivery date');
    screen.keypress('enter');
    await screen.next();
    screen.type('2026-03-20');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Write it now (1 approved, 1 skipped, 1 held)?');
    expect(existsSync(join(dir, 'outbox'))).toBe(false); // nothing until the end
    screen.keypress('enter');
    const report = (await done)!;

    expect(report.letters.map((l) => l.customer)).toEqual(['acme']);
    expect(readdirSync(join(dir, 'outbox', AS_OF))).toHaveLength(1);
    expect(readFileSync(report.letters[0]!.file, 'utf8')).toContain('Good to hear the new shop is open.');
    expect(eventsOf(dir, 'skip')).toMatchObject([{ customer_id: 'bakery', data: { reason: 'Owner will phone them first', stage: 'reminder', asOf: AS_OF } }]);
    expect(query(dir, 'SELECT customer_id, reason, until FROM holds')).toEqual([{ customer_id: 'kestrel', reason: 'Disputes the delivery date', until: '2026-03-20' }]);
    expect(eventsOf(dir, 'hold')).toHaveLength(1);
    expect(eventsOf(dir, 'review')[0]!.data).toMatchObject({ asOf: AS_OF, letters: [{ customer: 'acme', stage: 'reminder' }] });

    // run and review share one plan: what was approved, held or skipped is not drafted today.
    const next = JSON.parse(dunning(dir, ['status', '--as-of', AS_OF, '--json']).stdout).next;
    expect(next.letters).toEqual([]);
    expect(next.skipped).toContainEqual(expect.objectContaining({ customer: 'bakery', reason: 'reviewed' }));
    const run = JSON.parse(dunning(dir, ['run', '--as-of', AS_OF, '--json']).stdout);
    expect(run.letters).toEqual([]);
    expect(run.skipped).toContainEqual(expect.objectContaining({ customer: 'kestrel', reason: 'hold' }));
    expect(run.skipped).toContainEqual(expect.objectContaining({ customer: 'bakery', reason: 'reviewed' }));
    // The skip holds for the day it was made only: tomorrow the bakery's reminder goes.
    const tomorrow = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-03', '--json']).stdout);
    expect(tomorrow.letters.map((l: { customer: string }) => l.customer)).toEqual(['bakery']);
    expect(eventsOf(dir, 'letter').filter((e) => e.customer_id === 'acme')).toHaveLength(1);
  });

  it('stopping at the first account, or declining at the end, writes nothing', async () => {
    const dir = deskLedger();
    const before = query(dir, 'SELECT COUNT(*) AS n FROM events');
    const first = await review(dir);
    await firstPrompt('Acme Ltd:');
    pick(5); // stop
    expect(await first.done).toBeNull();
    expect(first.printed.info.at(-1)).toBe('Nothing decided: nothing was written.');
    close?.();

    const second = await review(dir);
    await firstPrompt('Acme Ltd:');
    pick(0);
    await screen.next();
    pick(5); // stop at the bakery: one approval so far
    await screen.next();
    screen.type('n');
    screen.keypress('enter');
    expect(await second.done).toBeNull();
    expect(query(dir, 'SELECT COUNT(*) AS n FROM events')).toEqual(before);
    expect(existsSync(join(dir, 'outbox'))).toBe(false);
  });

  it('with --yes, writes what was approved before stopping without asking', async () => {
    const dir = deskLedger();
    const { done } = await review(dir, { yes: true });
    await firstPrompt('Acme Ltd:');
    pick(0);
    await screen.next();
    pick(0);
    await screen.next();
    pick(5);
    const report = (await done)!;
    expect(report.letters.map((l) => l.customer)).toEqual(['acme', 'bakery']);
    expect(JSON.parse(dunning(dir, ['run', '--as-of', AS_OF, '--json']).stdout).letters.map((l: { customer: string }) => l.customer)).toEqual(['kestrel']);
  });

  it('says there is nothing to review once run has drafted the day', async () => {
    const dir = deskLedger();
    dunning(dir, ['run', '--as-of', AS_OF]);
    const { done, printed } = await review(dir);
    expect(await done).toBeNull();
    expect(printed.info[0]).toContain('nothing to review');
  });
});
