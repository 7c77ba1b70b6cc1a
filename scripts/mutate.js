// @ts-check
/**
 * A small mutation run (docs/testing.md): changes one thing at a time in the pure core
 * (src/domain/, src/ledger/events.ts), runs the unit tests that import the changed file, and
 * counts the mutant killed when one fails. Works on a copy of the repository (a git worktree of
 * HEAD in a temporary folder, node_modules linked), never on the working tree, and puts each
 * file back after its mutant, even when interrupted.
 *
 *   node scripts/mutate.js [--sample N] [--seed S] [--files a.ts,b.ts] [--out run.json] [--again run.json] [--list] [--wide]
 *
 * --sample N runs N of the mutants, picked at random over every file (same seed, same
 * mutants, same order, whatever changes elsewhere); the default runs them all. A mutant of a
 * file no unit test imports counts as survived. Mutants listed in EQUIVALENT (below, each with
 * its reason) are not run and not counted. --wide also runs test/app, test/letters,
 * test/import… (much slower). --list prints the mutants without running them. --again run.json
 * keeps that run's kills and runs only its other mutants (after tests were added, not changed).
 * Exit 0 when killed / (run - equivalent) is at least 90%, 1 otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

/**
 * Equivalent mutants: the program behaves the same for every input it can be given, so no test
 * can kill them (docs/testing.md). Each names the file, the mutated line as the run prints it and
 * why. They are not run and not counted: the ratio is killed / (sampled - equivalent). When the
 * code changes, an entry stops matching and its mutant is counted again (the run says so).
 */
const EQUIVALENT = [
  // plan.ts
  { file: 'src/domain/plan.ts', mutated: "if (!standing || standing.state !== 'missed' && standing.missedOn === null) return null;", why: 'a standing other than missed has missedOn null (arrangementStanding sets it only when missed), and a missed one always has it (closeArrangement writes the day with the status)' },
  { file: 'src/domain/plan.ts', mutated: 'if (index > policy.stages.length) return null;', why: 'at the index past the ladder readyFor is false for every invoice, so there are no subjects and dueStep is null either way' },
  { file: 'src/domain/plan.ts', mutated: 'graceDays: segment?.extraGraceDays || 0,', why: 'extraGraceDays is a number, and 0 || 0 is 0' },
  { file: 'src/domain/plan.ts', mutated: 'segment: segment?.id || null,', why: "a segment's id is never empty (the schema's id pattern needs a character)" },
  { file: 'src/domain/plan.ts', mutated: 'const chased = new Set(owed.filter((m) => m.minor > 0 && m.minor >= (policy.minimumBalance[m.currency] || 0)).map((m) => m.currency));', why: 'a minimum of 0 or none: 0 || 0 is 0' },
  { file: 'src/domain/plan.ts', mutated: 'const chased = new Set(owed.filter((m) => m.minor > 0 && m.minor >= (policy.minimumBalance[m.currency] ?? 1)).map((m) => m.currency));', why: 'beside minor > 0, minor >= 1 says the same of whole minor units' },
  ...[
    'return a.dueDate < b.dueDate ? -2 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1;',
    'return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -2 : 1;',
    'return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 2;',
    'return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 2 : a.number < b.number ? -1 : 1;',
  ].map((mutated) => ({ file: 'src/domain/plan.ts', mutated, why: 'byDueDate is only ever a sort comparator, and sort reads only the sign' })),
  { file: 'src/domain/plan.ts', mutated: 'return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number <= b.number ? -1 : 1;', why: 'an invoice number is the ledger\'s primary key: two invoices never have the same one' },
  ...[
    'return thankOnly() || (reason ? skip(reason) : null);',
    "return thankOnly() || skip('min-interval');",
    "if (composed === 'below-minimum') return thankOnly() || skip('below-minimum');",
  ].map((mutated) => ({ file: 'src/domain/plan.ts', mutated, why: 'thankOnly() is a decision (an object) or null, never another falsy value' })),
  { file: 'src/domain/plan.ts', mutated: 'const statutoryFrom = stageIndex(policy, policy.fees?.statutory?.fromStage || null);', why: 'fromStage is a stage id (never empty) or absent' },
  { file: 'src/domain/plan.ts', mutated: 'const earlier = account.fees || [];', why: 'the fees charged are a list or absent' },
  // ladder.ts: readyFor is asked only about an invoice's own next stage (ownNextIndex), never a courtesy note once the invoice is due.
  { file: 'src/domain/ladder.ts', mutated: 'if (stage.daysFromDue < 0 && days >= 1) return false;', why: 'readyFor is never asked about a courtesy stage on or after the due date: ownNextIndex skips it then' },
  { file: 'src/domain/ladder.ts', mutated: 'if (stage.daysFromDue < 0 && days > 0) return false;', why: 'readyFor is never asked about a courtesy stage on or after the due date: ownNextIndex skips it then' },
  { file: 'src/domain/ladder.ts', mutated: 'if (stage.daysFromDue < 0 && days >= 0) return true;', why: 'readyFor is never asked about a courtesy stage on or after the due date: ownNextIndex skips it then' },
  { file: 'src/domain/chosen-letter.ts', mutated: 'return soon.length >= 0 ? { index, subjects: soon } : null;', why: 'a courtesy note about no invoice lists nothing, which composeLetter refuses (below-minimum): letterAt gives null either way' },
  { file: 'src/domain/chosen-letter.ts', mutated: 'return subjects.length >= 0 ? { index, subjects } : null;', why: 'subjects are empty only when nothing is late, and a letter about no invoice is refused by composeLetter (below-minimum): letterAt gives null either way' },
  // fees.ts
  { file: 'src/domain/fees.ts', mutated: '} else if (fee.percentBp !== null && fee.percentBp >= 0) {', why: 'a 0% fee is 0, which the next line drops (minor > 0)' },
  { file: 'src/domain/fees.ts', mutated: '} else if (fee.percentBp !== null || fee.percentBp > 0) {', why: 'null > 0 is false, and a rate is never negative (parsePercent refuses it): only a 0% fee enters, which comes to 0 and is dropped' },
  { file: 'src/domain/fees.ts', mutated: 'if (minor < 0 || days <= 0) return 0;', why: 'interest on a balance of 0 is 0 by the formula' },
  { file: 'src/domain/fees.ts', mutated: 'if (minor <= 0 || days < 0) return 0;', why: 'interest for 0 days is 0 by the formula' },
  { file: 'src/domain/fees.ts', mutated: 'if (!fees || invoice.balance < 0) return [];', why: 'chargesFor is asked only about the lines of a letter, chased invoices, which owe (balance > 0)' },
  { file: 'src/domain/fees.ts', mutated: 'const from = last || invoice.dueDate;', why: 'last is a date or undefined, never an empty string' },
  // arrangement.ts: payments sorted by day; sort reads only the sign, and payments of one day may come in either order.
  ...[
    'const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on <= b.on ? -1 : a.on > b.on ? 1 : 0));',
    'const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on >= b.on ? 1 : 0));',
    'const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 1));',
    'const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 2 : 0));',
    'const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on < b.on ? -2 : a.on > b.on ? 1 : 0));',
  ].map((mutated) => ({ file: 'src/domain/arrangement.ts', mutated, why: 'only the order of payments of the same day changes (sort reads the sign): the sums and the day the plan completes are the same' })),
  { file: 'src/domain/arrangement.ts', mutated: 'const d = Number(date.slice(8, 11));', why: 'an ISO date is 10 characters: slicing to 11 gives the same day' },
  { file: 'src/domain/arrangement.ts', mutated: 'const last = counted.find((p) => (running += p.amount) >= due) || counted[counted.length - 1];', why: 'find gives a payment (an object) or undefined' },
  { file: 'src/domain/arrangement.ts', mutated: "return { ...base, state: 'completed', completedOn: last?.on || asOf };", why: "a payment's day is never an empty string" },
  // dates.ts: a month outside 1-12 finds no length in DAYS_IN_MONTH (undefined), and d <= undefined is false.
  ...[
    'if (y < 100 || m < 1 && m > 12 || d < 1) return false;',
    'if (y < 100 || m < 1 || m > 12 && d < 1) return false;',
    'if (y < 100 || m < 1 || m > 13 || d < 1) return false;',
  ].map((mutated) => ({ file: 'src/domain/dates.ts', mutated, why: 'a month outside 1-12 is refused anyway: DAYS_IN_MONTH has no length for it, and d <= undefined is false' })),
  { file: 'src/domain/dates.ts', mutated: 'if (d < 0 || d > 9) return -2;', why: 'every caller refuses any negative answer alike (a year below 100, a month or day below 1)' },
  // money.ts
  { file: 'src/domain/money.ts', mutated: "let frac = m[3] || '';", why: "the fraction is a string or undefined: '' || '' is ''" },
  { file: 'src/domain/money.ts', mutated: "while (frac.length >= exp && frac.endsWith('0')) frac = frac.slice(0, -1);", why: "zeros stripped down past the exponent are put back by padEnd(exp, '0'): the same digits" },
  { file: 'src/domain/money.ts', mutated: 'for (const { currency, minor } of items) sums.set(currency, (sums.get(currency) || 0) + minor);', why: 'a sum so far of 0: 0 || 0 is 0' },
  ...[
    '.sort(([a], [b]) => (a <= b ? -1 : a > b ? 1 : 0))',
    '.sort(([a], [b]) => (a < b ? -1 : a >= b ? 1 : 0))',
    '.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 1))',
    '.sort(([a], [b]) => (a < b ? -1 : a > b ? 2 : 0))',
    '.sort(([a], [b]) => (a < b ? -2 : a > b ? 1 : 0))',
  ].map((mutated) => ({ file: 'src/domain/money.ts', mutated, why: 'the currencies sorted are the keys of a map, never equal, and sort reads only the sign' })),
  // row-digest.ts
  { file: 'src/domain/row-digest.ts', mutated: 'const digits = new Uint16Array(25);', why: 'a safe integer has at most 16 digits and a sign: 24 places are already more than enough' },
  { file: 'src/domain/row-digest.ts', mutated: 'let h1 = 1;', why: 'begin() sets both lanes before every digest' },
  { file: 'src/domain/row-digest.ts', mutated: 'let h2 = 1;', why: 'begin() sets both lanes before every digest' },
  { file: 'src/domain/row-digest.ts', mutated: 'let m = v <= 0 ? -v : v;', why: 'for 0, -0 spells the same digit' },
  { file: 'src/domain/row-digest.ts', mutated: 'let m = v < 1 ? -v : v;', why: 'for 0, -0 spells the same digit' },
  { file: 'src/domain/row-digest.ts', mutated: 'for (; i >= 0; i -= 2) {', why: 'the pair loop taking the last single digit mixes digits[0] | (digits[-1] << 16), and digits[-1] << 16 is 0: what the single-digit branch mixes' },
  { file: 'src/domain/row-digest.ts', mutated: "const s = tag === 0 ? '' : tag === 116 ? (v as string) : String(v);", why: 'String(v) of a string is the string itself' },
  // config-checks.ts
  { file: 'src/domain/config-checks.ts', mutated: "if (canonical !== '' && language.length <= 4 && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0) return null;", why: 'Intl refuses a language subtag of 4 letters (BCP 47: 2-3 or 5-8), so no canonical tag has one' },
  { file: 'src/domain/config-checks.ts', mutated: 'const lang = m[1] || m[3];', why: 'a matched language is 2-3 letters or undefined, never empty' },
  { file: 'src/domain/config-checks.ts', mutated: 'const currency = m[2] || m[4];', why: 'a matched currency is 3 letters or undefined, never empty' },
  { file: 'src/domain/row-digest.ts', mutated: "if (typeof v !== 'number' && Number.isSafeInteger(v)) return mixInteger(v);", why: 'mixInteger is the fast path of mix(String(v)) with the number\'s tag: both mix the same units (the known-answer tests hold them equal)' },
  { file: 'src/domain/config-checks.ts', mutated: "const language = canonical.split('-')[0] || '';", why: "split gives at least one string: x || '' is x or ''" },
  { file: 'src/domain/fees.ts', mutated: "const last = mine.filter((f) => f.kind === 'interest' || f.through !== null).map((f) => f.through!).sort().pop();", why: 'only interest carries a through date, and interest always has one: both filters keep the same charges' },
  { file: 'src/domain/fees.ts', mutated: "return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));", why: 'the decimals group matches one or two digits or nothing (undefined), never an empty string' },
  // events.ts
  { file: 'src/ledger/events.ts', mutated: 'customer_id: event.customerId || null,', why: 'a customer id is never empty (the import refuses an empty one)' },
  { file: 'src/ledger/events.ts', mutated: 'invoice_number: event.invoiceNumber || null,', why: 'an invoice number is never empty (the import refuses an empty one)' },
  { file: 'src/ledger/events.ts', mutated: '| undefined) || { id: 0, hash: GENESIS };', why: 'the row read is an object or undefined' },
  // segments.ts
  { file: 'src/domain/segments.ts', mutated: 'export const NO_HISTORY: PaymentHistory = { paidInvoices: 0, onTime: 1, daysLateTotal: 0 };', why: 'with no paid invoices the other counts are never read' },
  { file: 'src/domain/segments.ts', mutated: 'export const NO_HISTORY: PaymentHistory = { paidInvoices: 0, onTime: 0, daysLateTotal: 1 };', why: 'with no paid invoices the other counts are never read' },
  { file: 'src/domain/segments.ts', mutated: 'const h = history || NO_HISTORY;', why: 'a history is an object or undefined' },
  { file: 'src/domain/segments.ts', mutated: 'for (const r of rules || []) {', why: 'the rules are an array or undefined' },
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
  /** The test files that reach `src` through their imports, those that import it themselves first. */
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
    }).sort((a, b) => Number(graph.get(b)?.includes(src)) - Number(graph.get(a)?.includes(src)));
}

/** Of a mutant's tests, those that import its file themselves: most mutants fail one of them. */
function directTests(tests, src) {
  return tests.filter((t) => [...readFileSync(t, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)].some((m) => resolve(dirname(t), m[1].replace(/\.js$/, '.ts')) === src));
}

/**
 * A deterministic pick of n of the list, at random: each mutant's place comes from a hash of the
 * seed, its file and its mutated line, so that a change elsewhere in the code does not reshuffle
 * the sample. In random order, so that a run stopped early is still a fair sample.
 */
function sample(list, n, seed) {
  const place = (m) => {
    // FNV-1a over the mutant, then mulberry32's finaliser.
    let h = 2166136261 ^ seed;
    for (const c of m.id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    let t = (h + 0x6d2b79f5) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return list
    .map((m) => ({ m, k: place(m) }))
    .sort((x, y) => x.k - y.k)
    .slice(0, n)
    .map((o) => o.m);
}

/**
 * One vitest kept running in the copy (a child process of its own, `--runner`): a mutant then
 * costs its tests and not vitest's start-up and the transform of every unchanged module. The
 * mutated file is invalidated before each run. A run past its time limit kills the child's
 * process group (its workers too); the next run starts a new one.
 */
class Runner {
  constructor(copy) {
    this.copy = copy;
    this.child = null;
  }

  start() {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--runner', this.copy], { cwd: this.copy, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], detached: true });
    const ready = new Promise((done, fail) => {
      child.once('message', done);
      child.once('exit', () => fail(new Error('the vitest runner stopped before it was ready')));
    });
    this.child = { process: child, ready };
    return this.child;
  }

  /** Runs `tests` (absolute paths) after invalidating `changed`; resolves to each module's state, or null when timed out. */
  async run(tests, changed, timeout) {
    const { process: child, ready } = this.child ?? this.start();
    await ready;
    return new Promise((done) => {
      const finish = (value) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        done(value);
      };
      const onMessage = (m) => finish(m);
      const onExit = () => {
        this.child = null;
        finish({ modules: [], errors: ['the vitest runner stopped'], failing: [] });
      };
      const timer = setTimeout(() => {
        this.stop();
        finish(null);
      }, timeout);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ tests, changed });
    });
  }

  stop() {
    const child = this.child?.process;
    this.child = null;
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
}

/** The child: vitest in the copy, running what the parent sends, answering each module's state. */
async function runner(copy) {
  const { createVitest } = await import('vitest/node');
  const quiet = {};
  // A failing property stops at its first counterexample: shrinking it (minutes, through a real
  // ledger) tells a mutation run nothing more than that the mutant is killed.
  writeFileSync(join(copy, 'mutate-setup.ts'), "import fc from 'fast-check';\nfc.configureGlobal({ endOnFailure: true });\n");
  // No bail: a run cancelled by bail left the pool refusing the next ones.
  const vitest = await createVitest('test', { root: copy, watch: false, reporters: [quiet], bail: 0, setupFiles: ['test/setup.ts', 'mutate-setup.ts'] });
  const project = vitest.getRootProject();
  // The file mutated last time is back as it was: the next run must see it so, whatever it tests.
  let previous = null;
  process.on('message', async ({ tests, changed }) => {
    for (const file of new Set([previous, changed])) if (file) vitest.invalidateFile(file);
    previous = changed;
    const result = await vitest.runTestSpecifications(tests.map((t) => project.createSpecification(t)));
    // The result also holds modules of earlier runs (a failure from the mutant before): only this run's count.
    const asked = new Set(tests);
    const mine = result.testModules.filter((m) => asked.has(m.moduleId));
    const modules = mine.map((m) => ({ file: m.moduleId, state: m.state() }));
    // What killed it: the first failing test and the start of its error.
    const failing = mine.flatMap((m) => [...m.children.allTests('failed')]).map((t) => `${t.fullName}: ${String(t.result().errors?.[0]?.message ?? '').slice(0, 160)}`);
    // A module that failed with no failing test: it did not load (the mutant broke an import).
    const broken = mine.filter((m) => m.state() === 'failed' && [...m.children.allTests('failed')].length === 0).map((m) => `${m.moduleId}: ${String(m.errors()[0]?.message ?? '').slice(0, 160)}`);
    const errors = result.unhandledErrors.map((e) => String(e?.message ?? e).slice(0, 160));
    if (mine.length !== asked.size) errors.push(`vitest reported ${mine.length} of the ${asked.size} test files asked for`);
    process.send({ modules, errors, failing: [...failing, ...broken].slice(0, 2) });
  });
  process.send({ ready: true });
}

/** The candidate test files that pass on the unmutated copy: a failing one would kill every mutant. */
async function passingTests(copy, vitest) {
  const candidates = TEST_DIRS.filter((d) => existsSync(join(copy, d)))
    .flatMap((d) =>
      readdirSync(join(copy, d))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join(copy, d, f)),
    )
    .filter((t) => !RUNS_THE_BUILT_CLI.test(readFileSync(t, 'utf8')));
  const result = await vitest.run(candidates, null, BASELINE_TIMEOUT_MS);
  return new Set((result?.modules ?? []).filter((m) => m.state === 'passed').map((m) => m.file));
}

async function main() {
  const copy = mkdtempSync(join(tmpdir(), 'dunning-mutate-'));
  execFileSync('git', ['worktree', 'add', '--detach', copy, 'HEAD'], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: copy, encoding: 'utf8' }).trim();
  const vitest = new Runner(copy);
  let restore = () => {};
  const cleanUp = () => {
    vitest.stop();
    restore();
    execFileSync('git', ['worktree', 'remove', '--force', copy], { cwd: ROOT, stdio: 'ignore' });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  try {
    const only = option('files', '');
    const files = only
      ? only.split(',').map((f) => join(copy, f))
      : [...readdirSync(join(copy, 'src/domain')).filter((f) => f.endsWith('.ts') && !SKIPPED.test(f)).map((f) => join(copy, 'src/domain', f)), join(copy, 'src/ledger/events.ts')];
    let all = files.flatMap((f) => mutantsOf(f, readFileSync(f, 'utf8')));
    // A mutant's identity: its file, its mutated line and which of the file's lines so mutated it is.
    const seen = new Map();
    for (const m of all) {
      const key = `${relative(copy, m.file)}\n${m.mutated}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      m.id = `${key}\n${seen.get(key)}`;
    }
    const total = all.length;
    const equivalentOf = (m) => EQUIVALENT.find((e) => e.file === relative(copy, m.file) && e.mutated === m.mutated);
    const unmatched = EQUIVALENT.filter((e) => files.includes(join(copy, e.file)) && !all.some((m) => equivalentOf(m) === e));
    const n = Number(option('sample', String(total)));
    all = sample(all, Math.min(n, total), Number(option('seed', '18')));
    // --again run.json: the mutants that run killed stay killed (tests were only added since, the
    // code under them unchanged); only the others run again, here.
    const before = option('again', '') ? JSON.parse(readFileSync(option('again', ''), 'utf8')) : null;
    const killedBefore = new Map((before?.results ?? []).filter((r) => r.outcome.startsWith('killed')).map((r) => [`${r.where}\n${r.mutated}`, r]));
    if (args.includes('--list')) {
      console.log(`${total} mutants in ${files.length} files at ${head}; listing ${all.length}`);
      for (const m of all) console.log(`${relative(copy, m.file)}:${m.line} ${m.operator}: ${m.mutated}${equivalentOf(m) ? '   [equivalent]' : ''}`);
      for (const e of unmatched) console.log(`listed as equivalent but no longer a mutant (look again): ${e.file}: ${e.mutated}`);
      return;
    }
    const passing = await passingTests(copy, vitest);
    const testsFor = importGraph(copy, passing);
    console.log(`${total} mutants in ${files.length} files at ${head}; running ${all.length}; ${passing.size} test files pass unmutated`);
    const out = option('out', '');
    const results = [];
    for (const [k, m] of all.entries()) {
      const tests = testsFor(m.file);
      const equivalent = equivalentOf(m);
      const carried = killedBefore.get(`${relative(copy, m.file)}:${m.line}\n${m.mutated}`);
      if (carried && !equivalent) {
        results.push({ ...carried, at: carried.at ?? before.head });
        continue;
      }
      let outcome;
      let killedBy = [];
      if (equivalent) outcome = 'equivalent';
      else if (tests.length === 0) outcome = 'survived (no test imports it)';
      else {
        const original = readFileSync(m.file, 'utf8');
        restore = () => writeFileSync(m.file, original);
        writeFileSync(m.file, m.text);
        try {
          // The tests that import the file first; the rest only when those all pass.
          const direct = directTests(tests, m.file);
          const rest = tests.filter((t) => !direct.includes(t));
          const failed = (run) => run === null || run.failing.length > 0 || run.modules.some((x) => x.state === 'failed');
          // Errors outside any test are vitest's own trouble, not a kill: a new runner, once more.
          const runOnce = async (list) => {
            const first = await vitest.run(list, m.file, TIMEOUT_MS);
            if (first === null || first.errors.length === 0) return first;
            vitest.stop();
            return vitest.run(list, m.file, TIMEOUT_MS);
          };
          let run = direct.length > 0 ? await runOnce(direct) : { modules: [], errors: [], failing: [] };
          if (!failed(run) && rest.length > 0) run = await runOnce(rest);
          // An error outside the tests twice over is neither a kill nor a survivor: counted as not killed, and said.
          outcome = run === null ? 'killed (timed out)' : failed(run) ? 'killed' : run.errors.length > 0 ? 'not run (vitest error)' : 'survived';
          killedBy = run ? [...run.failing, ...run.errors].slice(0, 2) : [];
        } finally {
          restore();
          restore = () => {};
        }
      }
      const where = `${relative(copy, m.file)}:${m.line}`;
      results.push({ where, operator: m.operator, original: m.original, mutated: m.mutated, outcome, at: head, ...(equivalent ? { why: equivalent.why } : {}), ...(killedBy.length ? { killedBy } : {}), tests: tests.map((t) => relative(copy, t)) });
      console.log(`[${k + 1}/${all.length}] ${outcome.padEnd(10)} ${where} ${m.operator}: ${m.mutated}`);
      if (out) writeFileSync(out, `${JSON.stringify({ head, total, run: results.length, results }, null, 2)}\n`);
    }
    const killed = results.filter((r) => r.outcome.startsWith('killed')).length;
    const equivalents = results.filter((r) => r.outcome === 'equivalent').length;
    const counted = results.length - equivalents;
    const ratio = counted ? killed / counted : 1;
    const carriedOver = results.filter((r) => r.at !== head);
    const commits = [...new Set(carriedOver.map((r) => r.at))].join(', ');
    const summary = `killed ${killed} of ${counted} (${(ratio * 100).toFixed(1)}%) at ${head}: ${results.length} mutants sampled, ${equivalents} of them left out as equivalent (EQUIVALENT in scripts/mutate.js, each with its reason)${before ? `; ${carriedOver.length} kills made at ${commits} carried over, the other ${results.length - carriedOver.length} looked at again here (${results.length - carriedOver.length - equivalents} run)` : ''}`;
    console.log(`\n${summary}`);
    for (const r of results.filter((x) => !x.outcome.startsWith('killed') && x.outcome !== 'equivalent')) console.log(`survived: ${r.where} ${r.operator}: ${r.mutated}`);
    for (const e of unmatched) console.log(`listed as equivalent but no longer a mutant (look again): ${e.file}: ${e.mutated}`);
    if (out) writeFileSync(out, `${JSON.stringify({ head, total, sampled: results.length, equivalent: equivalents, counted, killed, ratio, summary, results }, null, 2)}\n`);
    process.exitCode = ratio >= 0.9 ? 0 : 1;
  } finally {
    cleanUp();
  }
}

if (args[0] === '--runner') await runner(args[1]);
else await main();
