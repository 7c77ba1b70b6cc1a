import { screen } from '@inquirer/testing/vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { draftFlow } from '../../src/cli/draft-flow.js';
import { dunning } from '../helpers.js';
import { AS_OF, deskLedger, deskSession, eventsOf, query } from './desk-fixtures.js';
import { firstPrompt } from './desk-screen.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function draft(dir: string, customer?: string, opts: { yes?: boolean } = {}) {
  const s = await deskSession(dir, opts);
  close = s.close;
  return { done: draftFlow(s.session, customer), printed: s.printed };
}

const outboxFiles = (dir: string) => (existsSync(join(dir, 'outbox', AS_OF)) ? readdirSync(join(dir, 'outbox', AS_OF)) : []);

describe('dunning draft, at the terminal', () => {
  it('given a customer 10 days late, suggests the reminder, previews it with the personal paragraph, and confirming writes it as run would', async () => {
    const dir = deskLedger();
    const { done, printed } = await draft(dir, 'acme');
    await firstPrompt('Stage of the letter');
    expect(screen.getScreen()).toContain('❯ reminder  (suggested)');
    expect(printed.data.join('\n')).toMatch(/A-1\s+2026-02-20\s+10\s+1200.00 GBP/);
    screen.keypress('enter');
    await screen.next();
    screen.type('Lovely to see you at the trade fair.');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Write this letter?');
    const preview = printed.data.at(-1)!;
    expect(preview).toContain('Subject: A quick reminder about invoices A-1, A-2');
    expect(preview).toContain('Lovely to see you at the trade fair.');
    expect(outboxFiles(dir)).toEqual([]); // nothing before the confirmation
    screen.keypress('enter');
    const drafted = (await done)!;

    expect(readFileSync(drafted.path, 'utf8')).toContain('Lovely to see you at the trade fair.');
    const [letter] = eventsOf(dir, 'letter');
    expect(letter!.customer_id).toBe('acme');
    expect(letter!.actor).toBe('accountant');
    expect(letter!.data).toMatchObject({ stage: 'reminder', run: null, personalNote: 'Lovely to see you at the trade fair.', files: [{ sha256: drafted.sha256 }] });
    expect(query(dir, "SELECT kind, stage, contacted_on FROM contacts WHERE customer_id = 'acme'")).toEqual([{ kind: 'letter', stage: 'reminder', contacted_on: AS_OF }]);
    // The letter counts as today's contact: run drafts nothing more for Acme today.
    const run = JSON.parse(dunning(dir, ['run', '--as-of', AS_OF, '--json']).stdout);
    expect(run.letters.map((l: { customer: string }) => l.customer)).not.toContain('acme');
    expect(eventsOf(dir, 'letter').filter((e) => e.customer_id === 'acme')).toHaveLength(1);
  });

  it('lists customers the most overdue first, narrows by what is typed, and shows balance, days late and stage', async () => {
    const dir = deskLedger();
    const { done } = await draft(dir);
    await firstPrompt('Customer');
    const lines = screen.getScreen().split('\n');
    expect(lines[1]).toContain('Kestrel Events  ·  950.00 GBP  ·  121 days late  ·  no letter yet');
    expect(lines[2]).toContain('The Corner Bakery');
    expect(lines[3]).toContain('Acme Ltd  ·  1200.00 GBP, 300.00 USD  ·  10 days late');
    screen.type('corner');
    await screen.next();
    expect(screen.getScreen()).not.toContain('Kestrel');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Stage of the letter');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    const drafted = (await done)!;
    expect(drafted.customerId).toBe('bakery');
    expect(drafted.path.endsWith('-the-corner-bakery-reminder.html')).toBe(true); // no email: a printable page
  });

  it('cancelling after the preview writes nothing at all', async () => {
    const dir = deskLedger();
    const before = query(dir, 'SELECT COUNT(*) AS n FROM events');
    const { done, printed } = await draft(dir, 'kestrel');
    await firstPrompt('Stage of the letter');
    screen.keypress('enter');
    await screen.next();
    screen.type('A note that will never be sent.');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    expect(await done).toBeNull();
    expect(printed.info).toContain('Cancelled: nothing was written.');
    expect(outboxFiles(dir)).toEqual([]);
    expect(query(dir, 'SELECT COUNT(*) AS n FROM events')).toEqual(before);
    expect(query(dir, 'SELECT * FROM contacts')).toEqual([]);
  });

  it('editing again changes the stage and the paragraph, warns when the stage skips a step, and writes only the final version', async () => {
    const dir = deskLedger();
    const { done, printed } = await draft(dir, 'kestrel');
    await firstPrompt('Stage of the letter');
    screen.keypress('enter'); // reminder, as suggested
    await screen.next();
    screen.type('First thoughts.');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('down'); // Edit again
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('❯ reminder  (suggested)'); // the previous choice, kept
    screen.keypress('down');
    screen.keypress('down'); // final-notice
    screen.keypress('enter');
    await screen.next();
    expect(printed.warn).toEqual(['final-notice skips reminder, second-reminder for K-1; `run` climbs one step at a time']);
    screen.type(' Second thoughts.'); // the paragraph so far is offered for editing
    screen.keypress('enter');
    await screen.next();
    expect(printed.data.at(-1)).toContain('Subject: Final notice');
    screen.keypress('enter');
    const drafted = (await done)!;

    expect(outboxFiles(dir)).toEqual([drafted.path.split('/').at(-1)]);
    const [letter] = eventsOf(dir, 'letter');
    expect(letter!.data).toMatchObject({ stage: 'final-notice', personalNote: 'First thoughts. Second thoughts.' });
    expect(query(dir, 'SELECT invoice_number, stage, climbed FROM contact_invoices')).toEqual([{ invoice_number: 'K-1', stage: 'final-notice', climbed: 1 }]);
  });

  it('with --yes, writes the previewed letter without asking to confirm', async () => {
    const dir = deskLedger();
    const { done } = await draft(dir, 'acme', { yes: true });
    await firstPrompt('Stage of the letter');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    expect((await done)!.path).toMatch(/acme-ltd-reminder\.eml$/);
  });

  it('refuses an unknown customer as a usage error', async () => {
    const dir = deskLedger();
    const { done } = await draft(dir, 'nobody');
    await expect(done).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('nobody: no such customer') });
  });
});

describe('draft and review without a terminal', () => {
  it.each([
    ['draft', []],
    ['draft', ['acme', '--no-input']],
    ['review', []],
    ['review', ['--no-input']],
  ])('dunning %s %j exits 2 and points to run, writing nothing', (cmd, args) => {
    const dir = deskLedger();
    const r = dunning(dir, [cmd, ...args, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use `dunning run`');
    expect(existsSync(join(dir, 'outbox'))).toBe(false);
  });
});
