import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyTrail } from '../../src/app/verify.js';
import { EventLog } from '../../src/ledger/events.js';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { invoiceBalance, listPayments } from '../../src/ledger/payments.js';
import { tempDir } from '../helpers.js';

describe('migration 5: payments by kind, voided payments, a contact name, row checks and the trail head', () => {
  it('gives each payment its kind from what schema 4 wrote, keeps every balance, and the migrated ledger verifies clean', () => {
    const path = join(tempDir(), 'dunning.db');
    const v4 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    v4.exec(`
      INSERT INTO customers (id, name, email) VALUES ('acme', 'Acme Ltd', 'ap@acme.example');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, paid_before_minor) VALUES
        ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000, 0),
        ('A-2', 'acme', '2026-01-05', '2026-02-04', 'GBP', 30050, 10050);
      INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES
        ('A-1', '2026-02-10', 20000, 'import export-2.csv', 'import'),
        ('A-2', '2026-02-01', 10050, 'payment in bank.csv', 'import'),
        ('A-2', '2026-02-01', -10050, 'replaced by dated payment', 'import'),
        ('A-1', '2026-02-20', 5000, 'import batch 5', 'manual');
    `);
    new EventLog(v4, { at: '2026-03-01T08:00:00.000Z', actor: 'test' }).append({ kind: 'import', data: { file: 'export-2.csv' } });
    const balances = ['A-1', 'A-2'].map((n) => invoiceBalance(v4, n)!.balance);
    v4.close();

    const v5 = openLedger(path, { migrations: MIGRATIONS.filter((m) => m.version <= 5) });
    expect(schemaVersion(v5)).toBe(5);
    // A bank reference that happens to start "import" is a payment typed in by hand, not an export's figure.
    expect(v5.prepare('SELECT id, reference, kind FROM payments ORDER BY id').raw().all()).toEqual([
      [1, 'import export-2.csv', 'export-paid'],
      [2, 'payment in bank.csv', 'payment'],
      [3, 'replaced by dated payment', 'replaced'],
      [4, 'import batch 5', 'payment'],
    ]);
    expect(['A-1', 'A-2'].map((n) => invoiceBalance(v5, n)!.balance)).toEqual(balances);
    expect(v5.prepare("SELECT contact_name FROM customers WHERE id = 'acme'").pluck().get()).toBeNull();
    expect(listPayments(v5, { invoice: 'A-1' }).map((p) => [p.id, p.void])).toEqual([
      [1, false],
      [4, false],
    ]);
    // The rows the ledger held are checked from the migration on, and the newest event remembered.
    expect(v5.prepare("SELECT COUNT(*) FROM row_checks WHERE tbl = 'payments'").pluck().get()).toBe(4);
    expect(v5.prepare('SELECT head_id FROM ledger_state').pluck().get()).toBe(1);
    expect(verifyTrail(v5, join(path, '..', 'outbox')).problems).toEqual([]);
    v5.close();
  });

  it('never gives a voided payment id to a new payment', () => {
    const db = openLedger(':memory:');
    db.exec(`INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 1000);
      INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('A-1', '2026-02-01', 100, 'manual');
      DELETE FROM payments WHERE id = 1;
      INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES ('A-1', '2026-02-02', 100, 'manual');`);
    expect(db.prepare('SELECT id FROM payments').pluck().all()).toEqual([2]);
    db.close();
  });
});
