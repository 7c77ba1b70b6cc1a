import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/config-defaults.js';
import { ConfigSchema } from '../../src/domain/config-schema.js';
import { BIN, CANONICAL_HEADER, ROOT, dunning, tempDir, writeCsv } from '../helpers.js';

/**
 * Start-up is measured in bench/ (never timed here); what is asserted is its cause: a command
 * loads only the libraries it needs. `--help` and `status` need neither templates, mail,
 * CSV parsing, prompts nor colour on a pipe.
 */
const HEAVY = ['handlebars', 'nodemailer', 'luxon', 'csv-parse', '@inquirer', 'zod', 'chalk'];

function packagesLoaded(cwd: string, args: string[]): string[] {
  const paths = modulesLoaded(cwd, args);
  return [...new Set(paths.map((u) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((p): p is string => Boolean(p)))];
}

/**
 * Every module a command loads, as a path from the project root or a node: name. The CLI runs
 * from a bundle (scripts/bundle-cli.js), so each of its chunks counts as the modules it holds
 * (dist/cjs/modules.json), commander's and better-sqlite3's among them.
 */
function modulesLoaded(cwd: string, args: string[]): string[] {
  const record = join(cwd, 'modules.txt');
  writeFileSync(record, '');
  const hook = join(import.meta.dirname, 'fixtures', 'record-modules.mjs');
  const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', RECORD_MODULES: record },
  });
  expect(r.status, r.stderr).toBe(0);
  const chunks = JSON.parse(readFileSync(join(ROOT, 'dist', 'cjs', 'modules.json'), 'utf8')) as Record<string, string[]>;
  return readFileSync(record, 'utf8').split('\n').filter(Boolean).flatMap((u) => {
    if (!u.startsWith('file:')) return [u.startsWith('node:') ? u : `node:${u}`];
    const path = relative(ROOT, fileURLToPath(u)).split(sep).join('/');
    const chunk = /^dist\/cjs\/(.+)$/.exec(path)?.[1];
    return chunk === undefined ? [path] : (chunks[chunk] ?? [path]);
  });
}

describe('start-up', () => {
  it('dunning --help loads commander and nothing heavy', () => {
    const dir = tempDir();
    const loaded = packagesLoaded(dir, ['--help']);
    expect(loaded).toContain('commander');
    for (const p of HEAVY) expect(loaded).not.toContain(p);
    const modules = modulesLoaded(dir, ['--help']);
    expect(modules.filter((m) => m.endsWith('.node'))).toEqual([]);
  });

  it('dunning status on an empty ledger loads the ledger and nothing heavy', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'header.csv'), `${CANONICAL_HEADER}\n`);
    expect(dunning(dir, ['import', 'header.csv']).code).toBe(0);
    const loaded = packagesLoaded(dir, ['status', '--as-of', '2026-03-02']);
    expect(loaded).toContain('better-sqlite3');
    for (const p of HEAVY) expect(loaded).not.toContain(p);
  });

  it('dunning status on a ledger without invoices answers without loading the planner or the ledger queries', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'header.csv'), `${CANONICAL_HEADER}\n`);
    expect(dunning(dir, ['import', 'header.csv']).code).toBe(0);
    const ours = modulesLoaded(dir, ['status', '--as-of', '2026-03-02']).filter((u) => u.startsWith('dist/'));
    expect(ours).toContain('dist/ledger/open.js');
    for (const planner of ['dist/domain/plan.js', 'dist/ledger/accounts.js', 'dist/app/run.js', 'dist/app/status.js']) {
      expect(ours).not.toContain(planner);
    }
  });

  it('dunning import of an export in a known format does not load zod: the built-in formats are not parsed as it starts', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'invoices.csv'), `${CANONICAL_HEADER}\nINV-1,C1,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,120.00,\n`);
    const loaded = packagesLoaded(dir, ['import', 'invoices.csv']);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).not.toContain('zod');
  });

  it('the bundled CLI still reads a large canonical file in its worker thread', () => {
    const dir = tempDir();
    const rows = Array.from({ length: 48_000 }, (_, k) => `INV-${String(k).padStart(6, '0')},C${k % 5000},"Customer ${k % 5000}, Trading Ltd",ap@customer.example,2026-01-01,2026-01-31,GBP,120.00,`);
    writeCsv(dir, 'big.csv', rows);
    expect(statSync(join(dir, 'big.csv')).size).toBeGreaterThan(4 << 20);
    expect(modulesLoaded(dir, ['import', 'big.csv', '--as-of', '2026-03-02'])).toContain('dist/import/canonical-worker.js');
  });

  it('a ledger without a config file gets exactly the schema defaults, without loading the schema', () => {
    expect(DEFAULT_CONFIG).toEqual(ConfigSchema.parse({}));
  });
});
