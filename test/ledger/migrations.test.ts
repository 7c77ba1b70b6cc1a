import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { EventLog, eventHash } from '../../src/ledger/events.js';
import { DUNNING_APPLICATION_ID } from '../../src/ledger/identity.js';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('the ledger', () => {
  it('is created owner-only, in WAL mode with foreign keys, at the latest schema', () => {
    const path = join(tempDir(), 'books', 'dunning.db');
    const db = openLedger(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('migration 1 takes an empty file to a working schema in one transaction', () => {
    const path = join(tempDir(), 'dunning.db');
    const db = openLedger(path, { migrations: [] });
    expect(schemaVersion(db)).toBe(0);
    db.close();
    const migrated = openLedger(path, { migrations: MIGRATIONS.slice(0, 1) });
    expect(schemaVersion(migrated)).toBe(1);
    migrated.prepare("INSERT INTO customers (id, name) VALUES ('acme', 'Acme')").run();
    migrated
      .prepare("INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 1000)")
      .run();
    expect(() => migrated.prepare("INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('nope', '2026-01-01', 1, 'manual')").run()).toThrow(/FOREIGN KEY/);
    migrated.close();
  });

  it('refuses a ledger written by a newer dunning, and leaves it untouched', () => {
    const path = join(tempDir(), 'dunning.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.at(-1)!.version + 1}`);
    raw.pragma(`application_id = ${DUNNING_APPLICATION_ID}`); // a dunning ledger, from the future
    raw.close();
    expect(() => openLedger(path)).toThrow(UsageError);
    expect(() => openLedger(path)).toThrow(/newer dunning/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version + 1);
    again.close();
  });

  it('stores money as INTEGER NOT NULL minor units', () => {
    const db = openLedger(':memory:');
    const cols = db.prepare("SELECT name, type, \"notnull\" FROM pragma_table_info('invoices') WHERE name = 'amount_minor'").get();
    expect(cols).toEqual({ name: 'amount_minor', type: 'INTEGER', notnull: 1 });
    db.close();
  });
});

describe('the audit trail', () => {
  it('is append-only: UPDATE and DELETE on events are refused', () => {
    const db = openLedger(':memory:');
    new EventLog(db, { at: '2026-03-02T08:00:00.000Z', actor: 'test' }).append({ kind: 'note', data: { text: 'hello' } });
    expect(() => db.prepare("UPDATE events SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });

  it('chains each event to the one before by hash', () => {
    const db = openLedger(':memory:');
    const log = new EventLog(db, { at: '2026-03-02T08:00:00.000Z', actor: 'test' });
    log.append({ kind: 'import', data: { file: 'a.csv' } });
    log.append({ kind: 'run', data: { asOf: '2026-03-02' } });
    const rows = db.prepare('SELECT * FROM events ORDER BY id').all() as Parameters<typeof eventHash>[0][] as (Parameters<typeof eventHash>[0] & { hash: string })[];
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    for (const r of rows) expect(eventHash(r)).toBe(r.hash);
    db.close();
  });
});
