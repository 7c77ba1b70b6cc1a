import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendBook } from './send-book.js';
import type { TestServer } from './smtp-fixture.js';

/**
 * End to end against a real Debian MTA: Postfix on this machine (.ci/run installs it, "Local
 * only"), delivering to root's mailbox, which the test reads back. Skipped, saying why, where
 * Postfix is not installed or the test cannot start it (it must run as root).
 */
const POSTFIX = '/usr/sbin/postfix';
const MAILBOX = '/var/mail/root';
const why = !existsSync(POSTFIX) ? 'Postfix is not installed (apt-get install postfix)' : process.getuid?.() !== 0 ? 'starting Postfix needs root' : null;

const listening = () =>
  new Promise<boolean>((resolve) => {
    const s = connect(25, '127.0.0.1', () => s.end(() => resolve(true))).on('error', () => resolve(false));
  });

let startedHere = false;
beforeAll(async () => {
  if (why) return;
  if (spawnSync(POSTFIX, ['status']).status !== 0) {
    execFileSync(POSTFIX, ['start'], { stdio: 'ignore' });
    startedHere = true;
  }
  for (let k = 0; k < 100 && !(await listening()); k++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(() => {
  if (startedHere) spawnSync(POSTFIX, ['stop']);
});

describe('dunning send to a real MTA', () => {
  it.skipIf(why !== null)(`delivers a reminder through Postfix on 127.0.0.1:25 into a local mailbox, once${why ? ` (skipped: ${why})` : ''}`, async () => {
    // A name of its own, so this run's letter (and its Message-ID) is told apart from earlier runs' in the mailbox.
    const token = randomBytes(4).toString('hex');
    const book = new SendBook({ port: 25 } as TestServer, { smtp: { host: '127.0.0.1', port: 25, secure: 'none' } });
    await book.invoices('2026-02-05', [`MTA-${token},mta-${token},Postfix Test ${token},root@localhost,2026-01-01,2026-01-31,GBP,100.00,0`]);
    await book.run('2026-02-05');
    const r = await book.send('2026-02-05');
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]!.response).toMatch(/^250 2\.0\.0 Ok: queued as \w+/);

    let mailbox = '';
    for (let k = 0; k < 200 && !mailbox.includes(r.sent[0]!.messageId); k++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mailbox = existsSync(MAILBOX) ? readFileSync(MAILBOX, 'latin1') : '';
    }
    expect(mailbox.split(`<${r.sent[0]!.messageId}>`).length - 1).toBe(1);
    const at = mailbox.indexOf(`<${r.sent[0]!.messageId}>`);
    const message = mailbox.slice(Math.max(0, mailbox.lastIndexOf('\nFrom ', at)), mailbox.indexOf('\nFrom ', at) >>> 0);
    expect(message).toMatch(/^Subject: A quick reminder about invoice MTA-\w+$/m);
    expect(message).toMatch(/^Reply-To: Accounts <accounts@studio-nord\.test>$/m);
    expect(message).not.toMatch(/^X-Unsent/m);
    // Sent again, nothing goes twice.
    expect((await book.send('2026-02-05', { at: '2026-02-05T11:00:00Z' })).sent).toEqual([]);
    book.close();
  });
});
