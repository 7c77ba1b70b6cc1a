import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('migration 10: the day each invoice was first imported', () => {
  it('gives invoices of an imported ledger its first import day (never before the issue day), and leaves every amount as it was', () => {
    const path = join(tempDir(), 'dunning.db');
    const v4 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    v4.exec(`
      INSERT INTO events (at, actor, kind, data, prev_hash, hash) VALUES
        ('2026-02-10T09:00:00.000Z', 'ann', 'import', '{}', '', 'h1'),
        ('2026-02-20T09:00:00.000Z', 'ann', 'import', '{}', 'h1', 'h2');
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, paid_before_minor) VALUES
        ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000, 40000),
        ('A-2', 'acme', '2026-02-15', '2026-03-15', 'GBP', 30050, 0);
    `);
    v4.close();

    const v10 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    expect(schemaVersion(v10)).toBe(10);
    expect(v10.prepare('SELECT number, amount_minor, paid_before_minor, imported_on FROM invoices ORDER BY number').raw().all()).toEqual([
      ['A-1', 120000, 40000, '2026-02-10'],
      ['A-2', 30050, 0, '2026-02-15'],
    ]);
    v10.close();
  });

  it('leaves the day unknown (NULL) in a ledger no import wrote', () => {
    const path = join(tempDir(), 'dunning.db');
    const v4 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    v4.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 100);
    `);
    v4.close();
    const v10 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 10) });
    expect(v10.prepare('SELECT imported_on FROM invoices').pluck().get()).toBeNull();
    v10.close();
  });
});
