#!/usr/bin/env node
// Import benchmark (issue #7): `dunning import` of a canonical CSV against `sqlite3 .import` of
// the same file into a plain table, both timed on this machine, medians of several runs, with
// the importer's peak RSS. Usage: node bench/import/import.mjs [--rows N] [--runs N]
// The data file is generated deterministically (seeded) into bench/data/, which git ignores.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('rows', 1_000_000);
const runs = arg('runs', 3);

/** mulberry32: a small seeded generator, so every machine benchmarks the same bytes. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CURRENCIES = [['USD', 2], ['USD', 2], ['EUR', 2], ['GBP', 2], ['JPY', 0]];
const day = (n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const decimal = (minor, exp) => (exp === 0 ? String(minor) : `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`);

function generate(path, n) {
  const rnd = random(7);
  const customers = Math.max(1, Math.floor(n / 10));
  const lines = ['invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid'];
  const chunks = [];
  for (let i = 1; i <= n; i++) {
    const c = 1 + Math.floor(rnd() * customers);
    const [currency, exp] = CURRENCIES[c % CURRENCIES.length];
    // Some names need quoting: a comma inside, as real exports have.
    const name = c % 7 === 0 ? `"Customer ${c}, Ltd"` : `Customer ${c} Ltd`;
    const issued = Math.floor(rnd() * 700);
    const minor = 1000 + Math.floor(rnd() * 500_000);
    const paid = rnd() < 0.3 ? minor : rnd() < 0.2 ? Math.floor(minor / 2) : 0;
    lines.push(
      `INV-${String(i).padStart(7, '0')},C${String(c).padStart(6, '0')},${name},ap${c}@customer.example,${day(issued)},${day(issued + 30)},${currency},${decimal(minor, exp)},${paid ? decimal(paid, exp) : ''}`,
    );
    if (lines.length >= 50_000) chunks.push(lines.splice(0).join('\n'));
  }
  chunks.push(lines.join('\n'));
  writeFileSync(path, `${chunks.join('\n')}\n`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall seconds and peak RSS (MB) of a command, from GNU time when present. */
function timed(cmd, args, opts = {}) {
  const hasTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { ...opts, encoding: 'utf8' })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rssKb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, rssMb: rssKb / 1024 };
}

const dataDir = join(root, 'bench/data');
mkdirSync(dataDir, { recursive: true });
const csv = join(dataDir, `import-${rows}.csv`);
if (!existsSync(csv)) {
  process.stderr.write(`generating ${csv}…\n`);
  generate(csv, rows);
}
process.stderr.write(`${csv}: ${(statSync(csv).size / 1e6).toFixed(1)} MB, ${rows} rows, ${runs} runs each\n`);

const sqlite = spawnSync('sqlite3', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'dunning-bench-import-'));
const baseline = [];
const dunning = [];
const rss = [];
try {
  for (let i = 0; i < runs; i++) {
    if (sqlite) {
      const db = join(work, `plain-${i}.db`);
      baseline.push(timed('sqlite3', [db, '-cmd', '.mode csv', `.import ${csv} invoices`]).seconds);
      rmSync(db);
    }
    const db = join(work, `ledger-${i}.db`);
    const t = timed(process.execPath, [join(root, 'bin/dunning.js'), 'import', '--quiet', '--db', db, '--as-of', '2026-01-15', csv], { cwd: work });
    dunning.push(t.seconds);
    rss.push(t.rssMb);
    process.stderr.write(`run ${i + 1}: sqlite3 ${baseline.at(-1)?.toFixed(2) ?? '-'} s, dunning ${t.seconds.toFixed(2)} s, ${t.rssMb.toFixed(0)} MB\n`);
    const count = execFileSync(process.execPath, ['-e', `const D=require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))});console.log(new D(${JSON.stringify(db)}).prepare('select count(*) from invoices').pluck().get())`]).toString().trim();
    if (Number(count) !== rows) throw new Error(`the ledger holds ${count} invoices, not ${rows}`);
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const result = {
  rows,
  runs,
  sqliteImportSeconds: sqlite ? median(baseline) : null,
  dunningImportSeconds: median(dunning),
  ratio: sqlite ? median(dunning) / median(baseline) : null,
  peakRssMb: Math.max(...rss),
};
console.log(JSON.stringify(result, null, 2));
if (!sqlite) process.stderr.write('no sqlite3 shell on PATH: the ratio is skipped\n');
