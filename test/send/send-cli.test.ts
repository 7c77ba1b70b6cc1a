import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, CANONICAL_HEADER, dunning as dunningInProcess, tempDir } from '../helpers.js';
import { invoiceRow } from './send-book.js';
import { startSmtp, testCertificate, type TestServer } from './smtp-fixture.js';

// What talks to the test's SMTP server runs the CLI as a process, as the server answers from this
// thread; the rest (import, run, refusals before any connection) runs in process. On a busy
// machine a spawn takes seconds.
vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
});
afterAll(() => server.close());

interface Spawned {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The built CLI as its own process, asynchronously: the test's SMTP server keeps running meanwhile. */
function dunning(cwd: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', DUNNING_DB: '', NODE_EXTRA_CA_CERTS: testCertificate().certPath, DUNNING_SMTP_PASSWORD: 's3cret', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}
const run = (cwd: string, args: string[], env?: Record<string, string>) => dunning(cwd, args, env).done;
/** The CLI in process (test/helpers.ts), with the same password: for what connects to no server. */
const inProcess = (cwd: string, args: string[], env: Record<string, string> = {}) => dunningInProcess(cwd, args, { DUNNING_SMTP_PASSWORD: 's3cret', ...env });

let books = 0;
/** A workspace with invoices of customers 1..n imported on 5 February 2026 (addresses unique to it). */
async function workspace(n: number, sending: Record<string, unknown> = {}): Promise<{ dir: string; address: (k: number) => string }> {
  const dir = tempDir('dunning-send-cli-');
  const domain = `cli${++books}.test`;
  const address = (k: number) => `c${k}@${domain}`;
  writeFileSync(
    join(dir, 'dunning.config.json'),
    JSON.stringify({
      business: { name: 'Studio Nord', email: 'accounts@studio-nord.test', address: '1 Quay Street', paymentInstructions: 'Sort code 00-00-00', signatory: 'Ann Nord' },
      sending: {
        smtp: { host: 'localhost', port: server.port, secure: 'starttls', user: 'dunning' },
        window: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: '00:00-24:00' },
        ...sending,
      },
    }),
  );
  writeFileSync(join(dir, 'invoices.csv'), [CANONICAL_HEADER, ...Array.from({ length: n }, (_, i) => invoiceRow(i + 1, address(i + 1)))].join('\n') + '\n');
  const imported = inProcess(dir, ['import', 'invoices.csv', '--as-of', '2026-02-05']);
  expect(imported.code, imported.stderr).toBe(0);
  return { dir, address };
}

const until = async (what: () => boolean, ms = 20_000) => {
  for (let waited = 0; !what(); waited += 50) {
    if (waited > ms) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('dunning run --send, from cron', () => {
  it('drafts, sends each letter once and mails the owner the morning digest, also written to outbox/<day>/digest.txt', async () => {
    const { dir, address } = await workspace(2, { digestTo: 'owner@studio-nord.test' });
    server.fault = () => undefined;
    const r = await run(dir, ['run', '--send', '--as-of', '2026-02-05', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { letters: unknown[]; send: { sent: { customer: string }[] }; digest: { file: string; mailed: { outcome: string } } };
    expect(out.letters).toHaveLength(2);
    expect(out.send.sent.map((s) => s.customer)).toEqual(['c1', 'c2']);
    expect(out.digest.mailed.outcome).toBe('sent');
    const digest = readFileSync(join(dir, 'outbox', '2026-02-05', 'digest.txt'), 'utf8');
    expect(digest).toMatch(/^Studio Nord: dunning on 2026-02-05\n2 sent, 0 rejected, 0 failed, 0 waiting; 0 need you\./);
    const mailed = server.received.filter((m) => m.to.includes('owner@studio-nord.test')).at(-1)!.raw.toString('utf8');
    expect(mailed).toMatch(/^Subject: dunning 2026-02-05: 2 sent$/m);
    expect(server.received.filter((m) => m.to.includes(address(1)))).toHaveLength(1);

    // The next morning's cron line sends nothing twice.
    const again = await run(dir, ['run', '--send', '--as-of', '2026-02-06', '--json']);
    expect(JSON.parse(again.stdout).send.sent).toEqual([]);
    expect(server.received.filter((m) => m.to.includes(address(1)))).toHaveLength(1);
  });
});

describe('dunning send when the process dies or another send is running', () => {
  it('given kill -9 between sending and the reply, the letter is unknown afterwards, listed each time, and not sent again', async () => {
    const { dir, address } = await workspace(1);
    expect(inProcess(dir, ['run', '--as-of', '2026-02-05']).code).toBe(0);
    server.fault = (rcpt) => (rcpt === address(1) ? { silent: 'after-data' } : undefined);
    const seen = server.dataSeen.length;
    const sending = dunning(dir, ['send', '--as-of', '2026-02-05']);
    await until(() => server.dataSeen.length > seen);
    sending.child.kill('SIGKILL');
    expect((await sending.done).signal).toBe('SIGKILL');

    server.fault = () => undefined;
    const after = await run(dir, ['send', '--as-of', '2026-02-05', '--json']);
    expect(after.code, after.stderr).toBe(0);
    const report = JSON.parse(after.stdout) as { sent: unknown[]; unknown: { customer: string; letter: number; messageId: string }[] };
    expect(report.sent).toEqual([]);
    expect(report.unknown.map((u) => u.customer)).toEqual(['c1']);
    const human = await run(dir, ['send', '--as-of', '2026-02-05']);
    expect(human.stderr).toContain(`dunning mark-sent ${report.unknown[0]!.letter}`);
    expect(server.dataSeen.filter((id) => id === report.unknown[0]!.messageId).length).toBeGreaterThanOrEqual(1);
    expect(server.received.filter((m) => m.to.includes(address(1)))).toHaveLength(0);

    // The owner found it in the sent folder: mark-sent settles it, and it is listed no more.
    const marked = inProcess(dir, ['mark-sent', String(report.unknown[0]!.letter), '--as-of', '2026-02-05']);
    expect(marked.code, marked.stderr).toBe(0);
    expect(JSON.parse((await run(dir, ['send', '--as-of', '2026-02-05', '--json'])).stdout).unknown).toEqual([]);
    expect(inProcess(dir, ['audit', 'verify']).code).toBe(0);
  });

  it('given two sends at once, the second exits 4 and sends nothing', async () => {
    const { dir, address } = await workspace(1);
    expect(inProcess(dir, ['run', '--as-of', '2026-02-05']).code).toBe(0);
    server.fault = (rcpt) => (rcpt === address(1) ? { silent: 'after-data' } : undefined);
    const seen = server.dataSeen.length;
    const first = dunning(dir, ['send', '--as-of', '2026-02-05']);
    await until(() => server.dataSeen.length > seen);
    const second = await run(dir, ['send', '--as-of', '2026-02-05']);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/^dunning: another dunning send \(process \d+\) is delivering letters from this ledger/);
    first.child.kill('SIGKILL');
    await first.done;
    server.fault = () => undefined;
  });
});

describe('dunning send refuses what would be unsafe', () => {
  it('refuses (exit 2) when the newest import is older than maxImportAgeDays, and --stale-ok overrides', async () => {
    const { dir } = await workspace(1);
    expect(inProcess(dir, ['run', '--as-of', '2026-02-05']).code).toBe(0);
    const stale = inProcess(dir, ['send', '--as-of', '2026-02-09']);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toBe(
      'dunning: the newest import is from 2026-02-05, 4 days before 2026-02-09: letters could chase invoices paid since (import today\'s export first, or pass --stale-ok)\n',
    );
    expect(inProcess(dir, ['send', '--as-of', '2026-02-09', '--stale-ok', '--dry-run', '--json']).code).toBe(0); // a dry run connects to nothing
  });

  it('never shows the password, and refuses a password file others can read', async () => {
    const { dir } = await workspace(1);
    expect(inProcess(dir, ['run', '--as-of', '2026-02-05']).code).toBe(0);
    const wrong = await run(dir, ['send', '--as-of', '2026-02-05'], { DUNNING_SMTP_PASSWORD: 'hunter2-wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the login \(check sending\.smtp\.user and the password/);
    expect(wrong.stdout + wrong.stderr).not.toContain('hunter2-wrong');

    const file = join(dir, 'smtp-password');
    writeFileSync(file, 's3cret\n');
    chmodSync(file, 0o644);
    const config = JSON.parse(readFileSync(join(dir, 'dunning.config.json'), 'utf8'));
    config.sending.smtp.passwordFile = 'smtp-password';
    writeFileSync(join(dir, 'dunning.config.json'), JSON.stringify(config));
    const open = inProcess(dir, ['send', '--as-of', '2026-02-05'], { DUNNING_SMTP_PASSWORD: '' });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('can be read by others (mode 644); run chmod 600 on it');
    chmodSync(file, 0o600);
    const ok = await run(dir, ['send', '--as-of', '2026-02-05', '--json'], { DUNNING_SMTP_PASSWORD: '' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).sent).toHaveLength(1);
    expect(existsSync(join(dir, 'dunning.db.send-lock'))).toBe(false);
  });

  it('refuses plain SMTP to a server that is not on this machine unless --insecure', async () => {
    const { dir } = await workspace(1, { smtp: { host: 'mail.example.net', port: 25, secure: 'none' } });
    const r = inProcess(dir, ['send', '--as-of', '2026-02-05']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sending.smtp.secure is "none" for mail.example.net');
  });
});
