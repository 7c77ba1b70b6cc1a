// @ts-check
/**
 * `npm run build`, after tsc: bundles the command line (dist/cli/entry.js, the process around
 * main.js, and what they import) as CommonJS into dist/cjs/, which bin/dunning.cjs requires.
 * Start-up is most of what a small command costs (issue 7): CommonJS skips the ESM loader (~10 ms
 * before our first line runs), and three files load faster than the forty tsc emits and
 * commander's and better-sqlite3's own.
 *
 * - main.cjs: the entry, the shell, every command's definition and commander;
 * - start-up-*.cjs: what `status` on an empty ledger runs beyond that, with better-sqlite3's
 *   JavaScript (its addon is named, not searched for: src/ledger/open.ts);
 * - a chunk per piece of work a command imports when it runs (planning, letters, import…).
 * Other packages stay in node_modules, required when a chunk loads (the ESM-only chalk and
 * @inquirer/prompts by import()); the import's worker thread runs from tsc's output.
 * dist/cjs/modules.json lists each chunk's modules, for the start-up test.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'cjs');
const BUNDLED_PACKAGES = ['commander', 'better-sqlite3'];

/**
 * What `status` on an empty ledger needs beyond main.cjs, in one chunk. None of it requires a
 * package at its top but better-sqlite3, bundled into it (its addon loads only when a ledger
 * opens, so `--help` pays for neither).
 */
const START_UP = [
  'domain/errors.js',
  'domain/dates.js',
  'domain/money.js',
  'domain/fees.js',
  'domain/policy.js',
  'domain/file-problems.js',
  'domain/config-defaults.js',
  'app/workspace.js',
  'app/config.js',
  'app/status-report.js',
  'ledger/open.js',
  'ledger/migrations.js',
  'cli/context.js',
  'cli/output.js',
].map((m) => join(DIST, m));

rmSync(OUT, { recursive: true, force: true });
const { output } = await build({
  input: { main: join(DIST, 'cli', 'entry.js') },
  platform: 'node',
  external: (id) => {
    // better-sqlite3's search for its addon, which it does not reach: src/ledger/open.ts names it.
    if (id === 'bindings') return true;
    // Ours, and a bundled package's own files.
    if (id.startsWith('.') || isAbsolute(id)) return false;
    return !BUNDLED_PACKAGES.includes(id);
  },
  // start-up-*.cjs holds modules other chunks import statically too: said once here, not per build.
  checks: { ineffectiveDynamicImport: false },
  output: {
    dir: OUT,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    codeSplitting: { groups: [{ name: 'start-up', test: (id) => START_UP.includes(id) || /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(id) }] },
  },
});
const modules = Object.fromEntries(
  output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c.moduleIds.filter((m) => isAbsolute(m)).map((m) => relative(ROOT, m))]),
);
writeFileSync(join(OUT, 'modules.json'), `${JSON.stringify(modules, null, 2)}\n`);
