import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('migration 6: debts released from being stale, and runs that were undone', () => {
  it('migrates a ledger at schema 5 with invoices in place: nothing released, every invoice and its status as it was', () => {
    const path = join(tempDir(), 'dunning.db');
    const v5 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 5) });
    v5.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO runs (as_of, started_at) VALUES ('2026-03-02', '2026-03-02T07:30:00.000Z');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, status) VALUES
        ('A-1', 'acme', '2024-01-01', '2024-01-31', 'GBP', 120000, 'open'),
        ('A-2', 'acme', '2024-02-01', '2024-03-02', 'GBP', 5000, 'written-off');
    `);
    v5.close();

    const v6 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    expect(schemaVersion(v6)).toBe(6);
    expect(v6.prepare('SELECT number, amount_minor, status FROM invoices ORDER BY number').raw().all()).toEqual([
      ['A-1', 120000, 'open'],
      ['A-2', 5000, 'written-off'],
    ]);
    expect(v6.prepare('SELECT COUNT(*) FROM stale_releases').pluck().get()).toBe(0);
    // The run recorded before stands (not undone).
    expect(v6.prepare('SELECT as_of, undone_at FROM runs').raw().all()).toEqual([['2026-03-02', null]]);
    // A release names a real invoice, once.
    v6.prepare("INSERT INTO stale_releases (invoice_number, released_on) VALUES ('A-1', '2026-03-02')").run();
    expect(() => v6.prepare("INSERT INTO stale_releases (invoice_number, released_on) VALUES ('A-1', '2026-03-03')").run()).toThrow(/UNIQUE/);
    expect(() => v6.prepare("INSERT INTO stale_releases (invoice_number, released_on) VALUES ('NOPE', '2026-03-03')").run()).toThrow(/FOREIGN KEY/);
    v6.close();
  });
});
