import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, dunning, ROOT, tempDir } from '../helpers.js';

const DAY = '2026-03-02';
const EXAMPLES = join(ROOT, 'examples', 'invoices.csv');

function importedBooks(): string {
  const dir = tempDir();
  configure(dir);
  expect(dunning(dir, ['import', EXAMPLES, '--as-of', DAY, '--quiet']).code).toBe(0);
  return dir;
}

/** 4 KB of noise written over the middle of the ledger, as a failing disk or a stray program would. */
function damage(path: string): void {
  const bytes = readFileSync(path);
  let seed = 7;
  const noise = Buffer.alloc(4096, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0xff));
  noise.copy(bytes, Math.floor(bytes.length / 2 / 4096) * 4096);
  writeFileSync(path, bytes);
}

describe('a damaged ledger', () => {
  it('is refused for writing and reading with exit 1 and what to do, never written to, never a stack trace', () => {
    const dir = importedBooks();
    const ledger = join(dir, 'dunning.db');
    damage(ledger);
    const before = readFileSync(ledger);
    for (const args of [
      ['import', join(ROOT, 'examples', 'invoices-update.csv'), '--as-of', '2026-03-03'],
      ['run', '--as-of', DAY],
      ['status', '--as-of', DAY],
      ['pay', 'INV-1061', '10.00', '--as-of', DAY],
    ]) {
      const r = dunning(dir, args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr, args[0]).toMatch(/^dunning: .*the ledger is damaged \(.+\); restore from a backup/);
      expect(r.stderr.trim().split('\n'), args[0]).toHaveLength(1);
      expect(r.stderr, args[0]).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(ledger).equals(before), 'not a byte written').toBe(true);
  });

  it('is reported by audit verify as a finding, exit 5', () => {
    const dir = importedBooks();
    damage(join(dir, 'dunning.db'));
    const r = dunning(dir, ['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/the ledger is damaged/);
  });

  it('is found even when the last check passed: damage changes the file, and the remembered check is keyed by its size and time', () => {
    const dir = importedBooks();
    expect(dunning(dir, ['status', '--as-of', DAY]).code).toBe(0);
    expect(existsSync(join(dir, 'dunning.db.checked'))).toBe(true);
    damage(join(dir, 'dunning.db'));
    expect(dunning(dir, ['status', '--as-of', DAY]).code).toBe(1);
  });
});

describe('dunning backup', () => {
  it('writes an owner-only, single-file copy that opens as the same ledger, and restoring it brings the books back', () => {
    const dir = importedBooks();
    const r = dunning(dir, ['backup', '--as-of', DAY, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { file: string; events: number };
    expect(report.file).toBe(join(dir, `dunning.db.${DAY}.backup`));
    expect(statSync(report.file).mode & 0o777).toBe(0o600);
    for (const leftover of ['-wal', '-shm', '.partial']) expect(existsSync(report.file + leftover), leftover).toBe(false);
    const copy = new Database(report.file, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(54);
    copy.close();

    // A second backup the same day never replaces the first.
    const again = dunning(dir, ['backup', '--as-of', DAY]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; a backup never replaces a file/);

    // The ledger is damaged; the backup is put in its place, as the README says.
    damage(join(dir, 'dunning.db'));
    expect(dunning(dir, ['status', '--as-of', DAY]).code).toBe(1);
    copyFileSync(report.file, join(dir, 'dunning.db'));
    const status = dunning(dir, ['status', '--as-of', DAY, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
  });

  it('goes into a folder when given one', () => {
    const dir = importedBooks();
    const r = dunning(dir, ['backup', tempDir(), '--as-of', DAY, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).file).toMatch(new RegExp(`dunning\\.db\\.${DAY}\\.backup$`));
  });
});

describe('only import and init create a ledger', () => {
  it('refuses run, status and show on a mistyped --db with exit 2 and how to create one, and creates nothing', () => {
    const dir = tempDir();
    configure(dir);
    for (const args of [['run'], ['status'], ['show', 'acme'], ['backup']]) {
      const r = dunning(dir, [...args, '--db', 'typo.db', '--as-of', DAY]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toMatch(/typo\.db: no ledger here \(run `dunning import FILE` or `dunning init`/);
      expect(existsSync(join(dir, 'typo.db')), args[0]).toBe(false);
    }
  });

  it('refuses any SQLite file that is not a dunning ledger, even for status, and leaves it as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'photos.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)');
    raw.close();
    const before = readFileSync(path);
    const r = dunning(dir, ['status', '--db', path, '--as-of', DAY]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/photos\.db: not a dunning ledger/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
