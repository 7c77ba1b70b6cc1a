import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers.js';
import { AS_OF, deskLedger, eventsOf } from './desk-fixtures.js';

/**
 * One end-to-end test in a real terminal: tmux gives `dunning draft` a pseudo-terminal, keys are
 * typed into it and the screen is read back. Without tmux (a clean machine; CI may install it
 * with `apt-get install -y tmux`) the test is skipped, saying so.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('desk-tmux: tmux is not installed, so the real-terminal test of `dunning draft` is skipped (apt-get install -y tmux)');

const socket = `dunning-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screenText = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'desk').stdout;

async function waitFor(text: string, timeoutMs = 15000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = screenText();
    if (s.includes(text)) return s;
    if (Date.now() > until) throw new Error(`"${text}" did not appear; the terminal shows:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  if (hasTmux) tmux('kill-server');
});

describe.skipIf(!hasTmux)('dunning draft in a real terminal (tmux)', () => {
  it('search, choose the suggested stage, write a paragraph, preview, confirm: the letter is written and recorded', async () => {
    const dir = deskLedger();
    const command = `NO_COLOR=1 ${process.execPath} ${BIN} draft --as-of ${AS_OF}; echo "EXIT=$?"; sleep 60`;
    expect(tmux('new-session', '-d', '-s', 'desk', '-x', '160', '-y', '50', '-c', dir, command).status).toBe(0);

    await waitFor('Customer (type to search');
    tmux('send-keys', '-t', 'desk', '-l', 'acme');
    await waitFor('Acme Ltd  ·  1200.00 GBP, 300.00 USD  ·  10 days late');
    tmux('send-keys', '-t', 'desk', 'Enter');
    await waitFor('reminder  (suggested)');
    tmux('send-keys', '-t', 'desk', 'Enter');
    await waitFor('Personal paragraph');
    tmux('send-keys', '-t', 'desk', '-l', 'We were sorry to hear about the flood.');
    tmux('send-keys', '-t', 'desk', 'Enter');
    const preview = await waitFor('Write this letter?');
    expect(preview).toContain('Subject: A quick reminder about invoices A-1, A-2');
    expect(preview).toContain('We were sorry to hear about the flood.');
    tmux('send-keys', '-t', 'desk', 'Enter');
    const done = await waitFor('EXIT=');
    expect(done).toContain('EXIT=0');

    const files = readdirSync(join(dir, 'outbox', AS_OF));
    expect(files).toEqual([expect.stringMatching(/^\d{4}-acme-ltd-reminder\.eml$/)]);
    expect(readFileSync(join(dir, 'outbox', AS_OF, files[0]!), 'utf8')).toContain('We were sorry to hear about the flood.');
    expect(eventsOf(dir, 'letter')).toMatchObject([{ customer_id: 'acme', data: { stage: 'reminder', personalNote: 'We were sorry to hear about the flood.' } }]);
  });
});
