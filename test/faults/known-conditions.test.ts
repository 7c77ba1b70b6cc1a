import Database from 'better-sqlite3';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knownFailure, unexpectedFailure } from '../../src/cli/failures.js';
import { BIN, configure, dunning, dunningProcess, ROOT, tempDir, writeCsv } from '../helpers.js';

const DAY = '2026-03-02';
const EXAMPLES = join(ROOT, 'examples', 'invoices.csv');

/** One line on stderr, prefixed `dunning:`, and no stack trace. */
function expectOneLine(stderr: string, what: RegExp): void {
  expect(stderr).toMatch(what);
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).toMatch(/^dunning: /);
  expect(stderr).not.toMatch(/\n\s+at |unexpected failure/);
}

function books(): string {
  const dir = tempDir();
  configure(dir);
  expect(dunning(dir, ['import', EXAMPLES, '--as-of', DAY, '--quiet']).code).toBe(0);
  return dir;
}

const eventCount = (dir: string) => {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

// Real small file systems: CI runs as root. Where mounting is not permitted the tests say so and are skipped.
const mounts: string[] = [];
function tmpfs(sizeKb: number): string {
  const dir = tempDir('dunning-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}
const canMount = (() => {
  try {
    const probe = tmpfs(64);
    execFileSync('umount', [probe]);
    mounts.pop();
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});
const onTmpfs = canMount ? describe : describe.skip;
if (!canMount) console.warn('known-conditions: cannot mount a tmpfs here (not root?); the disk-full and read-only tests are skipped');

/** Fills a file system to the last block with a file that can be removed to make room again. */
function fill(mount: string): string {
  const filler = join(mount, 'filler');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeFileSync(filler, block, { flag: 'a' });
  } catch {
    // full
  }
  return filler;
}

onTmpfs('a full disk', () => {
  it('run with its outbox on a full disk: exit 1, one line, nothing recorded, no partial letter; it works once there is room', () => {
    const dir = books();
    const outbox = tmpfs(256);
    const filler = fill(outbox);
    const before = eventCount(dir);
    const r = dunning(dir, ['run', '--as-of', DAY, '--outbox', outbox]);
    expect(r.code, r.stderr).toBe(1);
    expectOneLine(r.stderr, /the disk is full; .*Free some space and run the command again/);
    expect(eventCount(dir)).toBe(before);
    expect(existsSync(join(outbox, DAY)) ? readdirSync(join(outbox, DAY)) : []).toEqual([]);
    rmSync(filler);
    const again = dunning(dir, ['run', '--as-of', DAY, '--outbox', outbox, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).letters.length).toBeGreaterThan(0);
  });

  it('import with the ledger on a full disk: exit 1, one line, and the ledger as it was', () => {
    const mount = tmpfs(1024);
    configure(mount);
    expect(dunning(mount, ['import', EXAMPLES, '--as-of', DAY, '--quiet']).code).toBe(0);
    const before = eventCount(mount);
    fill(mount);
    const rows = Array.from({ length: 4000 }, (_, k) => `B-${k},big${k},Big Customer ${k} Ltd,ap@big${k}.example,2026-01-01,2026-02-20,GBP,${100 + k}.00,`);
    const csv = writeCsv(tempDir(), 'big.csv', rows);
    const r = dunning(mount, ['import', csv, '--as-of', DAY]);
    expect(r.code, r.stderr).toBe(1);
    expectOneLine(r.stderr, /the disk is full/);
    expect(eventCount(mount)).toBe(before);
  });
});

onTmpfs('a read-only disk', () => {
  it('run with a read-only outbox: exit 1, one line saying so, nothing recorded', () => {
    const dir = books();
    const outbox = tmpfs(256);
    execFileSync('mount', ['-o', 'remount,ro', outbox]);
    const before = eventCount(dir);
    const r = dunning(dir, ['run', '--as-of', DAY, '--outbox', outbox]);
    expect(r.code, r.stderr).toBe(1);
    expectOneLine(r.stderr, /read-only/);
    expect(eventCount(dir)).toBe(before);
  });

  it('a ledger on a read-only disk: writing commands exit 1 with one line', () => {
    const mount = tmpfs(1024);
    configure(mount);
    expect(dunning(mount, ['import', EXAMPLES, '--as-of', DAY, '--quiet']).code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', mount]);
    for (const args of [['run', '--as-of', DAY], ['pay', 'INV-1061', '1.00', '--as-of', DAY]]) {
      const r = dunning(mount, args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expectOneLine(r.stderr, /read-only|cannot open the ledger/);
    }
  });
});

describe('permission denied', () => {
  const asNobody = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', '0']).status === 0;
  it.skipIf(!asNobody)('a ledger another user owns: exit 1, one line, what to check', () => {
    const dir = books();
    chmodSync(dir, 0o755);
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, BIN, 'status', '--as-of', DAY], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(1);
    expectOneLine(r.stderr, /permission denied; .*Check the owner and permissions/);
  });
});

describe('a path of the wrong kind', () => {
  const fifo = () => {
    const path = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('as --db (a folder, a FIFO, /dev/null, a text file): exit 2, one line, and nothing opened or made', () => {
    const dir = books();
    for (const db of [tempDir(), fifo(), '/dev/null', EXAMPLES]) {
      const r = dunning(dir, ['status', '--db', db, '--as-of', DAY]);
      expect(r.code, db).toBe(2);
      expectOneLine(r.stderr, /is a folder, not a ledger file|is not a regular file|not a dunning ledger \(not an SQLite database\)/);
    }
  });

  it('as --outbox (a file, a FIFO, /dev/null): exit 2, one line, nothing recorded', () => {
    const dir = books();
    const before = eventCount(dir);
    for (const outbox of [EXAMPLES, fifo(), '/dev/null']) {
      const r = dunning(dir, ['run', '--as-of', DAY, '--outbox', outbox]);
      expect(r.code, outbox).toBe(2);
      expectOneLine(r.stderr, /the outbox must be a folder/);
    }
    expect(eventCount(dir)).toBe(before);
  });

  it('as handoff --to (a FIFO, /dev/null, a file): exit 2, one line', () => {
    const dir = books();
    for (const to of [fifo(), '/dev/null', EXAMPLES]) {
      const r = dunning(dir, ['handoff', 'kestrel-events', '--to', to, '--force', '--as-of', DAY]);
      expect(r.code, `${to}: ${r.stderr}`).toBe(2);
      expectOneLine(r.stderr, /is a file where a folder was expected|already exists|must be a folder/);
    }
  });

  it('audit verify does not wait on a letter replaced by a FIFO: it reports it, exit 5', () => {
    const dir = books();
    expect(dunning(dir, ['run', '--as-of', DAY]).code).toBe(0);
    const day = join(dir, 'outbox', DAY);
    const [letter] = readdirSync(day).sort();
    rmSync(join(day, letter!));
    execFileSync('mkfifo', [join(day, letter!)]);
    const r = dunningProcess(dir, ['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain(`${letter} (recorded by event`);
    expect(r.stdout).toContain('is no longer a regular file');
  });
});

describe('Ctrl+C', () => {
  it('during a run: exit 130, no letter and no partial file left, nothing recorded', async () => {
    const dir = tempDir();
    configure(dir);
    const rows = Array.from({ length: 300 }, (_, k) => `N-${k},c${k},Customer ${k} Ltd,ap@c${k}.example,2026-01-01,2026-02-20,GBP,${100 + k}.00,`);
    expect(dunning(dir, ['import', writeCsv(dir, 'many.csv', rows), '--as-of', DAY, '--quiet']).code).toBe(0);
    const before = eventCount(dir);
    const day = join(dir, 'outbox', DAY);
    const child = spawn(process.execPath, [BIN, 'run', '--as-of', DAY, '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let running = true;
    child.on('exit', () => (running = false));
    while (running && !(existsSync(day) && readdirSync(day).some((f) => f.endsWith('.partial')))) await new Promise((r) => setImmediate(r));
    expect(running, 'still drafting when interrupted').toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/^dunning: interrupted/);
    expect(readdirSync(day)).toEqual([]);
    expect(eventCount(dir)).toBe(before);
  });
});

describe('Ctrl+C during a large import', () => {
  it('exits 130 and records nothing: the next command finds the ledger sound and empty', async () => {
    const dir = tempDir();
    configure(dir);
    const rows = Array.from({ length: 300_000 }, (_, k) => `N-${k},c${k % 30000},Customer ${k % 30000} Ltd,ap@c${k % 30000}.example,2025-01-01,2025-02-01,GBP,${100 + (k % 900)}.00,`);
    const csv = writeCsv(dir, 'big.csv', rows);
    const child = spawn(process.execPath, [BIN, 'import', csv, '--as-of', DAY, '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let running = true;
    child.on('exit', () => (running = false));
    // A bulk load writes through a rollback journal: once it is there, rows are going into the ledger.
    while (running && !existsSync(join(dir, 'dunning.db-journal'))) await new Promise((r) => setImmediate(r));
    expect(running, 'still importing when interrupted').toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const status = dunning(dir, ['status', '--as-of', DAY, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).customers).toEqual([]);
    expect(eventCount(dir)).toBe(0);
  }, 120_000);
});

describe('one style for every error', () => {
  it("commander's own usage errors are prefixed dunning: too, exit 2", () => {
    const r = dunning(tempDir(), ['run', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dunning: unknown option '--bogus'/);
  });
});

describe('what the CLI says about a failure', () => {
  const sys = (code: string, message = code) => Object.assign(new Error(message), { code, path: '/books/outbox/2026-03-02' });
  it.each([
    ['ENOSPC', 1, /\/books\/outbox\/2026-03-02: the disk is full/],
    ['SQLITE_FULL', 1, /the disk is full/],
    ['EROFS', 1, /read-only/],
    ['SQLITE_READONLY', 1, /read-only/],
    ['EACCES', 1, /permission denied/],
    ['EPERM', 1, /permission denied/],
    ['SQLITE_CORRUPT', 1, /the ledger is damaged.*restore from a backup/],
    ['SQLITE_NOTADB', 1, /the ledger is damaged/],
    ['SQLITE_BUSY', 4, /busy/],
    ['EISDIR', 2, /is a folder where a file was expected/],
    ['ENOTDIR', 2, /is a file where a folder was expected/],
  ])('%s is a known condition: exit %i, what to do', (code, exit, says) => {
    const f = knownFailure(sys(code));
    expect(f).not.toBeNull();
    expect(f!.exitCode).toBe(exit);
    expect(f!.message).toMatch(says);
  });

  it('anything else is a bug: "unexpected failure", the stack only with DUNNING_DEBUG=1', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(knownFailure(bug)).toBeNull();
    const quiet = unexpectedFailure(bug, false);
    expect(quiet.message).toMatch(/^unexpected failure: Cannot read properties.*DUNNING_DEBUG=1/);
    expect(quiet.message).not.toContain('\n');
    expect(unexpectedFailure(bug, true).message).toContain(bug.stack!);
  });
});
