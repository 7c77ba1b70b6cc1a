// @ts-check
/**
 * Timing child processes on a busy machine: each sample is a whole process (start-up
 * included), variants are interleaved so that a noisy minute hurts both sides of a ratio
 * alike, and medians are quoted, never means.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** True when `cmd` runs (e.g. the sqlite3 shell). */
export function available(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/**
 * Runs a command once; returns wall milliseconds and, when asked and GNU time is there, the
 * peak resident set size in MB. A failing command stops the benchmark: a fast wrong answer is
 * not a result.
 */
export function runOnce(cmd, args, { cwd = process.cwd(), env = process.env, rss = false } = {}) {
  let argv = [cmd, ...args];
  let rssFile = null;
  if (rss && GNU_TIME) {
    rssFile = join(mkdtempSync(join(tmpdir(), 'dunning-bench-')), 'rss');
    argv = [GNU_TIME, '-f', '%M', '-o', rssFile, ...argv];
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${String(r.stderr).slice(0, 2000)}`);
  }
  let rssMB = null;
  if (rssFile) {
    rssMB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    rmSync(rssFile, { force: true });
  }
  return { ms, rssMB };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs every variant `reps` times, interleaved (a, b, c, a, b, c, ...). `before(name)` prepares
 * a sample (a fresh copy of a ledger) outside the clock. Returns each variant's samples.
 */
export function interleave(variants, reps, before = (_name) => {}) {
  /** @type {Record<string, {ms: number[], rssMB: number[]}>} */
  const out = {};
  for (const v of variants) out[v.name] = { ms: [], rssMB: [] };
  for (let i = 0; i < reps; i++) {
    for (const v of variants) {
      before(v.name);
      const r = runOnce(v.cmd, v.args, v.opts);
      out[v.name].ms.push(r.ms);
      if (r.rssMB !== null) out[v.name].rssMB.push(r.rssMB);
    }
  }
  return out;
}
