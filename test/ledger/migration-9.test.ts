import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { migrationBackupPath } from '../../src/ledger/backup.js';
import { DUNNING_APPLICATION_ID, ledgerId } from '../../src/ledger/identity.js';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

const before9 = MIGRATIONS.filter((m) => m.version < 9);

describe('migration 9: the ledger knows itself', () => {
  it('gives a ledger with customers and invoices in place the dunning application id and a random id, keeping every row, after a backup', () => {
    const path = join(tempDir(), 'dunning.db');
    const old = openLedger(path, { migrations: before9 });
    const previous = schemaVersion(old);
    old.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000);
    `);
    expect(old.pragma('application_id', { simple: true })).toBe(0);
    old.close();

    const db = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 9) });
    expect(schemaVersion(db)).toBe(9);
    expect(db.pragma('application_id', { simple: true })).toBe(DUNNING_APPLICATION_ID);
    expect(ledgerId(db)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(db.prepare('SELECT number, amount_minor FROM invoices').raw().all()).toEqual([['A-1', 120000]]);
    db.close();

    // The ledger as it was, before the migration, is kept beside it and still opens at its old schema.
    const backup = migrationBackupPath(path, previous);
    expect(existsSync(backup)).toBe(true);
    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(previous);
    expect(copy.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(1);
    copy.close();
  });

  it('gives two ledgers two different ids', () => {
    const a = openLedger(join(tempDir(), 'a.db'));
    const b = openLedger(join(tempDir(), 'b.db'));
    expect(ledgerId(a)).not.toBe(ledgerId(b));
    a.close();
    b.close();
  });
});

describe('a file that is not a dunning ledger', () => {
  it('is refused and never migrated: another application id, foreign tables, a negative schema version', () => {
    const dir = tempDir();
    const cases: [string, (db: Database.Database) => void, RegExp][] = [
      ['other-app.db', (db) => db.pragma('application_id = 1234'), /another application/],
      ['photos.db', (db) => db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)'), /1 table that dunning did not make/],
      ['negative.db', (db) => db.pragma('user_version = -3'), /schema version is -3/],
    ];
    for (const [name, make, why] of cases) {
      const path = join(dir, name);
      const raw = new Database(path);
      make(raw);
      const before = [raw.pragma('user_version', { simple: true }), raw.pragma('application_id', { simple: true })];
      raw.close();
      expect(() => openLedger(path, { create: false }), name).toThrow(UsageError);
      expect(() => openLedger(path, { create: false }), name).toThrow(why);
      const after = new Database(path, { readonly: true });
      expect([after.pragma('user_version', { simple: true }), after.pragma('application_id', { simple: true })], name).toEqual(before);
      expect(after.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'invoices'").pluck().get(), name).toBe(0);
      after.close();
    }
  });
});
