// @ts-check
/**
 * A small mutation run (docs/testing.md): changes one thing at a time in the pure core
 * (src/domain/, src/ledger/events.ts), runs the unit tests that import the changed file, and
 * counts the mutant killed when one fails. Works on a copy of the repository (a git worktree of
 * HEAD in a temporary folder, node_modules linked), never on the working tree, and puts each
 * file back after its mutant, even when interrupted.
 *
 *   node scripts/mutate.js [--sample N] [--seed S] [--files a.ts,b.ts] [--out mutation.json] [--list] [--wide]
 *
 * --sample N runs N of the mutants, picked at random over every file (same seed, same
 * mutants, same order); the default runs them all. A mutant of a file no unit test imports
 * counts as survived. --wide also runs test/app, test/letters, test/import… (much slower).
 * Exit 0 when the kill ratio is at least 90%, 1 otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/**
 * The unit tests, which import the sources (a test that runs the built CLI, dunning() or BIN,
 * cannot see a mutant of src). --wide adds the slower app-level tests.
 */
const TEST_DIRS = ['test/domain', 'test/ledger', 'test/properties'];
if (process.argv.includes('--wide')) TEST_DIRS.push('test/app', 'test/letters', 'test/import', 'test/corrections', 'test/report');
const RUNS_THE_BUILT_CLI = /\bdunning(Process)?\(|\bBIN\b|deskLedger\(/;
/** zod declarations: what they accept is tested through the config's own tests, not these. */
const SKIPPED = /-schema\.ts$/;
/** A mutant's tests, and the first run of every candidate test unmutated. */
const TIMEOUT_MS = 180_000;
const BASELINE_TIMEOUT_MS = 30 * 60_000;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

/** The operators: each a pattern in code (not in a comment or string) and what it becomes. */
const OPERATORS = [
  { name: '=== to !==', re: / === /g, to: ' !== ' },
  { name: '!== to ===', re: / !== /g, to: ' === ' },
  { name: '< to <=', re: / < /g, to: ' <= ' },
  { name: '<= to <', re: / <= /g, to: ' < ' },
  { name: '> to >=', re: / > /g, to: ' >= ' },
  { name: '>= to >', re: / >= /g, to: ' > ' },
  { name: '&& to ||', re: / && /g, to: ' || ' },
  { name: '|| to &&', re: / \|\| /g, to: ' && ' },
  { name: '?? to ||', re: / \?\? /g, to: ' || ' },
  { name: '+ to -', re: / \+ /g, to: ' - ' },
  { name: '- to +', re: / - /g, to: ' + ' },
  { name: 'true to false', re: /\btrue\b/g, to: 'false' },
  { name: 'false to true', re: /\bfalse\b/g, to: 'true' },
  { name: 'n to n+1', re: /(?<![\w.])\d+(?![\w.])/g, to: (m) => String(Number(m) + 1) },
  { name: 'drop !', re: /!(?=[\w(])/g, to: '' },
];

/** Each character of `text`: true when it is code, false inside a comment, string or regex. */
function codeMask(text) {
  const mask = new Array(text.length).fill(true);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    let end = -1;
    if (two === '//') end = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (two === '/*') end = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"' || c === '`' || (c === '/' && /(^|[=(,:;!&|?{}[]|return)\s*$/.test(text.slice(Math.max(0, i - 20), i)))) {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c === '/' && text[j] === '\n')) j += text[j] === '\\' ? 2 : 1;
      end = j + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    for (let k = i; k < end; k++) mask[k] = false;
    i = end;
  }
  return mask;
}

/** Every mutant of a file: one operator applied at one place in code. */
function mutantsOf(file, text) {
  const mask = codeMask(text);
  const lines = text.split('\n');
  const startOf = [];
  let at = 0;
  for (const l of lines) {
    startOf.push(at);
    at += l.length + 1;
  }
  const out = [];
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    // Declarations, not behaviour.
    if (/^(import|export type|type |interface |\*|\/\/|\/\*)/.test(trimmed) || /^[\w?]+\??: .*;$/.test(trimmed)) return;
    for (const op of OPERATORS) {
      for (const m of line.matchAll(op.re)) {
        const pos = startOf[n] + (m.index ?? 0);
        if (!mask[pos] || !mask[pos + m[0].length - 1]) continue;
        const replacement = typeof op.to === 'function' ? op.to(m[0]) : op.to;
        const mutated = line.slice(0, m.index) + replacement + line.slice((m.index ?? 0) + m[0].length);
        out.push({ file, line: n + 1, operator: op.name, original: trimmed, mutated: mutated.trim(), text: [...lines.slice(0, n), mutated, ...lines.slice(n + 1)].join('\n') });
      }
    }
  });
  return out;
}

/** The modules `file` imports from src, transitively (relative imports only). */
function importGraph(root, passing) {
  const graph = new Map();
  const visit = (file) => {
    if (graph.has(file)) return;
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const deps = [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((m) =>
      resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')),
    );
    graph.set(file, deps);
    for (const d of deps) visit(d);
  };
  const tests = TEST_DIRS.filter((d) => existsSync(join(root, d)))
    .flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join(root, d, f)),
    )
    .filter((t) => passing.has(t));
  for (const t of tests) visit(t);
  /** The test files that reach `src` through their imports. */
  return (src) =>
    tests.filter((t) => {
      const seen = new Set();
      const stack = [t];
      while (stack.length) {
        const f = stack.pop();
        if (f === src) return true;
        if (seen.has(f)) continue;
        seen.add(f);
        stack.push(...(graph.get(f) ?? []));
      }
      return false;
    });
}

/** A deterministic pick of n of the list, at random (mulberry32 from the seed). */
function sample(list, n, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = list.map((m, i) => ({ m, i, k: rand() }));
  // In random order, so that a run stopped early is still a fair sample.
  return order
    .sort((a, b) => a.k - b.k)
    .slice(0, n)
    .map((o) => o.m);
}

/** Runs vitest on `tests` in the copy; resolves to its exit status (null: timed out). */
let running = null;
function vitest(copy, tests, extra = [], timeout = TIMEOUT_MS) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(copy, 'node_modules/vitest/vitest.mjs'), 'run', ...extra, ...tests], { cwd: copy, stdio: 'ignore' });
    running = child;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('exit', (code) => {
      clearTimeout(timer);
      running = null;
      done(code);
    });
  });
}

/** The candidate test files that pass on the unmutated copy: a failing one would kill every mutant. */
async function passingTests(copy) {
  const candidates = TEST_DIRS.filter((d) => existsSync(join(copy, d)))
    .flatMap((d) =>
      readdirSync(join(copy, d))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join(copy, d, f)),
    )
    .filter((t) => !RUNS_THE_BUILT_CLI.test(readFileSync(t, 'utf8')));
  const report = join(copy, 'baseline.json');
  await vitest(copy, candidates.map((t) => relative(copy, t)), ['--reporter=json', `--outputFile=${report}`], BASELINE_TIMEOUT_MS);
  const results = JSON.parse(readFileSync(report, 'utf8')).testResults;
  return new Set(results.filter((r) => r.status === 'passed').map((r) => r.name));
}

async function main() {
  const copy = mkdtempSync(join(tmpdir(), 'dunning-mutate-'));
  execFileSync('git', ['worktree', 'add', '--detach', copy, 'HEAD'], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: copy, encoding: 'utf8' }).trim();
  let restore = () => {};
  const cleanUp = () => {
    restore();
    execFileSync('git', ['worktree', 'remove', '--force', copy], { cwd: ROOT, stdio: 'ignore' });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      running?.kill('SIGKILL');
      cleanUp();
      process.exit(130);
    });
  }
  try {
    const only = option('files', '');
    const files = only
      ? only.split(',').map((f) => join(copy, f))
      : [...readdirSync(join(copy, 'src/domain')).filter((f) => f.endsWith('.ts') && !SKIPPED.test(f)).map((f) => join(copy, 'src/domain', f)), join(copy, 'src/ledger/events.ts')];
    const passing = await passingTests(copy);
    const testsFor = importGraph(copy, passing);
    let all = files.flatMap((f) => mutantsOf(f, readFileSync(f, 'utf8')));
    const total = all.length;
    const n = Number(option('sample', String(total)));
    all = sample(all, Math.min(n, total), Number(option('seed', '18')));
    console.log(`${total} mutants in ${files.length} files at ${head}; running ${all.length}; ${passing.size} test files pass unmutated`);
    if (args.includes('--list')) {
      for (const m of all) console.log(`${relative(copy, m.file)}:${m.line} ${m.operator}: ${m.mutated}`);
      return;
    }
    const out = option('out', '');
    const results = [];
    for (const [k, m] of all.entries()) {
      const original = readFileSync(m.file, 'utf8');
      restore = () => writeFileSync(m.file, original);
      const tests = testsFor(m.file).map((t) => relative(copy, t));
      let outcome;
      if (tests.length === 0) outcome = 'survived (no test imports it)';
      else {
        writeFileSync(m.file, m.text);
        try {
          const status = await vitest(copy, tests, ['--bail', '1']);
          outcome = status === null ? 'killed (timed out)' : status === 0 ? 'survived' : 'killed';
        } finally {
          restore();
          restore = () => {};
        }
      }
      const where = `${relative(copy, m.file)}:${m.line}`;
      results.push({ where, operator: m.operator, original: m.original, mutated: m.mutated, outcome, tests });
      console.log(`[${k + 1}/${all.length}] ${outcome.padEnd(8)} ${where} ${m.operator}: ${m.mutated}`);
      if (out) writeFileSync(out, `${JSON.stringify({ head, total, run: results.length, results }, null, 2)}\n`);
    }
    const killed = results.filter((r) => r.outcome.startsWith('killed')).length;
    const ratio = results.length ? killed / results.length : 1;
    console.log(`\nkilled ${killed} of ${results.length} (${(ratio * 100).toFixed(1)}%) at ${head}`);
    for (const r of results.filter((x) => !x.outcome.startsWith('killed'))) console.log(`survived: ${r.where} ${r.operator}: ${r.mutated}`);
    if (out) writeFileSync(out, `${JSON.stringify({ head, total, run: results.length, killed, ratio, results }, null, 2)}\n`);
    process.exitCode = ratio >= 0.9 ? 0 : 1;
  } finally {
    cleanUp();
  }
}

await main();
