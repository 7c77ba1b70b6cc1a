import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/config-defaults.js';
import { ConfigSchema } from '../../src/domain/config-schema.js';
import { BIN, CANONICAL_HEADER, dunning, tempDir } from '../helpers.js';

/**
 * Start-up is measured in bench/ (never timed here); what is asserted is its cause: a command
 * loads only the libraries it needs. `--help` and `status` need neither templates, mail,
 * CSV parsing, prompts nor colour on a pipe.
 */
const HEAVY = ['handlebars', 'nodemailer', 'luxon', 'csv-parse', '@inquirer', 'zod', 'chalk'];

function packagesLoaded(cwd: string, args: string[]): string[] {
  const record = join(cwd, 'modules.txt');
  writeFileSync(record, '');
  const hook = join(import.meta.dirname, 'fixtures', 'record-modules.mjs');
  const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', RECORD_MODULES: record },
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(record, 'utf8').split('\n');
  return [...new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((p): p is string => Boolean(p)))];
}

describe('start-up', () => {
  it('dunning --help loads commander and nothing heavy', () => {
    const loaded = packagesLoaded(tempDir(), ['--help']);
    expect(loaded).toContain('commander');
    for (const p of HEAVY) expect(loaded).not.toContain(p);
  });

  it('dunning status on an empty ledger loads the ledger and nothing heavy', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'header.csv'), `${CANONICAL_HEADER}\n`);
    expect(dunning(dir, ['import', 'header.csv']).code).toBe(0);
    const loaded = packagesLoaded(dir, ['status', '--as-of', '2026-03-02']);
    expect(loaded).toContain('better-sqlite3');
    for (const p of HEAVY) expect(loaded).not.toContain(p);
  });

  it('a ledger without a config file gets exactly the schema defaults, without loading the schema', () => {
    expect(DEFAULT_CONFIG).toEqual(ConfigSchema.parse({}));
  });
});
