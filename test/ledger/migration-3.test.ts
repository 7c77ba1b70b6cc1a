import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('migration 3: payments by invoice cover the day and the amount', () => {
  it('takes a version-2 ledger with part payments to version 3, keeping every payment and answering balances from the index', () => {
    const path = join(tempDir(), 'dunning.db');
    const v2 = openLedger(path, { migrations: MIGRATIONS.slice(0, 2) });
    v2.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000);
      INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('A-1', '2026-02-10', 20000, 'manual');
      INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('A-1', '2026-02-24', 30000, 'import');
    `);
    v2.close();

    const v3 = openLedger(path, { migrations: MIGRATIONS.slice(0, 3) });
    expect(schemaVersion(v3)).toBe(3);
    const paid = "SELECT SUM(amount_minor) FROM payments WHERE invoice_number = 'A-1'";
    expect(v3.prepare(paid).pluck().get()).toBe(50000);
    // The balance query reads the index alone: the planner's million look-ups never touch the table.
    const plan = v3.prepare(`EXPLAIN QUERY PLAN ${paid}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX payments_by_invoice/);
    v3.close();
  });
});
