import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('migration 2: plan coverage, plan closing, fees', () => {
  it('takes a version-1 ledger with a customer, an invoice, a payment and a plan to version 2, keeping every row', () => {
    const path = join(tempDir(), 'dunning.db');
    const v1 = openLedger(path, { migrations: MIGRATIONS.slice(0, 1) });
    v1.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000);
      INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('A-1', '2026-02-10', 20000, 'manual');
      INSERT INTO plans (customer_id, currency, created_on) VALUES ('acme', 'GBP', '2026-02-10');
      INSERT INTO installments (plan_id, seq, due_on, amount_minor) VALUES (1, 1, '2026-03-01', 100000);
    `);
    v1.close();

    const v2 = openLedger(path);
    expect(schemaVersion(v2)).toBe(2);
    expect(v2.prepare('SELECT status, closed_on FROM plans').get()).toEqual({ status: 'active', closed_on: null });
    expect(v2.prepare('SELECT SUM(amount_minor) FROM payments').pluck().get()).toBe(20000);
    v2.prepare("INSERT INTO plan_invoices (plan_id, invoice_number) VALUES (1, 'A-1')").run();
    const fee = v2.prepare(
      "INSERT INTO fees (invoice_number, stage, kind, currency, amount_minor, description, charged_on) VALUES ('A-1', 'final-notice', 'compensation', 'GBP', 7000, 'x', '2026-03-02')",
    );
    fee.run();
    // At most once per invoice, stage and kind: the ledger itself refuses a second charge.
    expect(() => fee.run()).toThrow(/UNIQUE/);
    expect(() => v2.prepare("INSERT INTO plan_invoices (plan_id, invoice_number) VALUES (1, 'nope')").run()).toThrow(/FOREIGN KEY/);
    v2.close();
  });
});
