import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, configure, dunning, tempDir, writeCsv } from '../helpers.js';

const DAY = '2026-03-02';
// 100 letters: the drafting of all but the first still outlasts a second node's start-up many
// times over, so a kill lands mid-transaction and a `--wait` run queues behind a drafting one.
const CUSTOMERS = 100;
let template: string;

/** A ledger where the morning run drafts one reminder to each of 100 customers. A busy machine makes runs slow: long timeouts. */
beforeAll(() => {
  const dir = tempDir();
  const rows = Array.from({ length: CUSTOMERS }, (_, k) => `N-${k},c${k},Customer ${k} Ltd,ap@c${k}.example,2026-01-01,2026-02-20,GBP,${100 + k}.00,`);
  expect(dunning(dir, ['import', writeCsv(dir, 'many.csv', rows), '--as-of', DAY]).code).toBe(0);
  template = join(dir, 'dunning.db');
});

function freshCopy(): string {
  const dir = tempDir();
  copyFileSync(template, join(dir, 'dunning.db'));
  configure(dir); // run writes letters only for a business with its details filled in
  return dir;
}

const listDay = (dir: string) => (existsSync(join(dir, 'outbox', DAY)) ? readdirSync(join(dir, 'outbox', DAY)) : []);

type Moment = 'at start' | 'first letter written' | 'half the letters written' | 'after commit, while renaming';

/** Spawns `run` and kills it with SIGKILL once `moment` is seen. Returns whether it was still running then. */
async function killRunAt(dir: string, moment: Moment): Promise<boolean> {
  const child = spawn(process.execPath, [BIN, 'run', '--as-of', DAY, '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  child.on('exit', () => (running = false));
  const seen = (): boolean => {
    const files = listDay(dir);
    const partial = files.filter((f) => f.endsWith('.partial')).length;
    if (moment === 'at start') return true;
    if (moment === 'first letter written') return partial >= 1;
    if (moment === 'half the letters written') return partial >= CUSTOMERS / 2;
    return files.length > partial; // a letter has been renamed: the transaction has committed
  };
  while (running && !seen()) await new Promise((r) => setImmediate(r));
  const hit = running;
  child.kill('SIGKILL');
  await exited;
  return hit;
}

function letterEvents(dir: string): { customer: string; path: string; sha256: string }[] {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    const rows = db.prepare("SELECT customer_id, data FROM events WHERE kind = 'letter' ORDER BY id").all() as { customer_id: string; data: string }[];
    return rows.map((r) => ({ customer: r.customer_id, ...(JSON.parse(r.data).files[0] as { path: string; sha256: string }) }));
  } finally {
    db.close();
  }
}

describe('a run killed with kill -9', { timeout: 240_000 }, () => {
  it.each<Moment>(['at start', 'first letter written', 'half the letters written', 'after commit, while renaming'])(
    'killed %s, the next run leaves no letter without its event, no event without its letter, and nothing twice',
    async (moment) => {
      const dir = freshCopy();
      const hit = await killRunAt(dir, moment);
      // Mid-transaction moments are always caught; the rename after commit may finish before we look.
      if (moment === 'first letter written' || moment === 'half the letters written') expect(hit, 'still drafting when killed').toBe(true);

      const again = dunning(dir, ['run', '--as-of', DAY, '--json']);
      expect(again.code, again.stderr).toBe(0);

      const files = listDay(dir);
      expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
      const events = letterEvents(dir);
      expect(events).toHaveLength(CUSTOMERS);
      expect(new Set(events.map((e) => e.customer)).size).toBe(CUSTOMERS); // nobody drafted twice
      expect(files.sort()).toEqual(events.map((e) => e.path.slice(DAY.length + 1)).sort());
      for (const e of events) {
        expect(createHash('sha256').update(readFileSync(join(dir, 'outbox', e.path))).digest('hex')).toBe(e.sha256);
      }
      // And a third run on the same day adds nothing.
      expect(JSON.parse(dunning(dir, ['run', '--as-of', DAY, '--json']).stdout).letters).toEqual([]);
      expect(listDay(dir)).toHaveLength(CUSTOMERS);
    },
  );
});

describe('two runs at once', { timeout: 240_000 }, () => {
  it('with --wait, the second waits for the first to finish instead of exiting 4, and adds nothing twice', async () => {
    const dir = freshCopy();
    const holder = new Database(join(dir, 'dunning.db'));
    holder.exec('BEGIN IMMEDIATE');
    const refused = dunning(dir, ['run', '--as-of', DAY]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('or queue behind it with `dunning run --wait`');
    const child = spawn(process.execPath, [BIN, 'run', '--as-of', DAY, '--wait', '30', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise((r) => setTimeout(r, 1500));
    expect(child.exitCode).toBeNull(); // still waiting, not refused
    holder.exec('ROLLBACK');
    holder.close();
    expect(await code).toBe(0);
    expect(JSON.parse(stdout).letters).toHaveLength(CUSTOMERS);

    const without = dunning(dir, ['run', '--as-of', DAY, '--wait', 'soon']);
    expect(without.code).toBe(2);
  });
});

describe('run --wait behind a run that is drafting', { timeout: 240_000 }, () => {
  /** `dunning run` as a process of its own, with what it said on stderr when it exits (stdout is not kept). */
  function runProcess(dir: string, extra: string[] = []) {
    const child = spawn(process.execPath, [BIN, 'run', '--as-of', DAY, '--quiet', ...extra], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let done = false;
    const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr }))).finally(() => (done = true));
    return { child, exit, done: () => done };
  }

  it('waits, then finds the first run finishing its letters: neither fails renaming a letter the other has just finished', async () => {
    // The race, made certain: the first run is frozen (SIGSTOP) after its commit, part way through
    // renaming its letters; the second, queued behind it while it drafted, finishes them; then the
    // first thaws and finds them finished. From its first letter on, the first runs only in slices
    // (SIGCONT, a moment, SIGSTOP), the last ones far shorter than renaming a hundred files, and
    // the outbox is read while it is stopped. A try that misses the moment anyway is made again.
    const tick = () => new Promise((r) => setImmediate(r));
    const slice = (child: ChildProcess, microseconds: number) => {
      child.kill('SIGCONT');
      const end = process.hrtime.bigint() + BigInt(microseconds * 1000);
      while (process.hrtime.bigint() < end); // not a timer: the slice must not outlast the moment
      child.kill('SIGSTOP');
    };
    const partials = (dir: string) => listDay(dir).filter((f) => f.endsWith('.partial')).length;
    let raced = false;
    for (let attempt = 0; attempt < 5 && !raced; attempt++) {
      const dir = freshCopy();
      const first = runProcess(dir);
      while (!first.done() && partials(dir) === 0) await tick();
      first.child.kill('SIGSTOP');
      const second = runProcess(dir, ['--wait', '60']);
      let lowered = false;
      for (;;) {
        await tick();
        if (first.done()) break; // it finished within a slice: this try missed the moment
        const left = partials(dir);
        if (listDay(dir).length > left) {
          await new Promise((r) => setTimeout(r, 20)); // stopped for certain, its last rename done
          raced = partials(dir) > 0;
          break;
        }
        const last = left >= CUSTOMERS - 3;
        // Near the commit it also runs at the lowest priority, so while this thread waits for a core, it hardly runs either.
        if (last && !lowered) {
          setPriority(first.child.pid!, 19);
          lowered = true;
        }
        slice(first.child, last ? 50 : 2000);
      }
      if (raced) expect(await second.exit, 'second, while the first is frozen part way through renaming').toEqual({ code: 0, stderr: '' });
      first.child.kill('SIGCONT');
      expect(await first.exit, 'first').toEqual({ code: 0, stderr: '' });
      expect(await second.exit, 'second').toEqual({ code: 0, stderr: '' });
      const files = listDay(dir);
      expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
      expect(files).toHaveLength(CUSTOMERS);
      expect(letterEvents(dir)).toHaveLength(CUSTOMERS);
    }
    expect(raced, 'the first run was caught part way through renaming').toBe(true);
  });
});
