import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/ledger/migrations.js';
import { openLedger, schemaVersion } from '../../src/ledger/open.js';
import { invoiceBalance } from '../../src/ledger/payments.js';
import { tempDir } from '../helpers.js';

describe('migration 4: what an export said was paid before the import is kept on the invoice', () => {
  it('moves the undated "paid before import" rows onto their invoices, keeps every other payment, and leaves every balance as it was', () => {
    const path = join(tempDir(), 'dunning.db');
    const v3 = openLedger(path, { migrations: MIGRATIONS.slice(0, 3) });
    v3.exec(`
      INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd');
      INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES
        ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 120000),
        ('A-2', 'acme', '2026-01-05', '2026-02-04', 'GBP', 30050),
        ('CN-1', 'acme', '2026-01-10', '2026-01-10', 'GBP', -5000),
        ('A-3', 'acme', '2026-01-20', '2026-02-19', 'GBP', 9900);
      -- As schema 3's importer wrote them: dated the issue day.
      INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES
        ('A-1', '2026-01-01', 40000, 'paid before import', 'import'),
        ('CN-1', '2026-01-10', -5000, 'paid before import', 'import'),
        ('A-2', '2026-01-05', 10050, 'paid before import', 'import');
      -- A payments export then dated A-2's, and a cheque came in for A-1.
      INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES
        ('A-2', '2026-02-01', 10050, 'payment in bank.csv', 'import'),
        ('A-2', '2026-02-01', -10050, 'replaced by dated payment', 'import'),
        ('A-1', '2026-02-20', 20000, 'cheque 1042', 'manual'),
        ('A-3', '2026-02-21', 900, 'paid before import', 'manual');
    `);
    const numbers = ['A-1', 'A-2', 'CN-1', 'A-3'];
    // What schema 3 said was paid on each: the sum of its payments.
    const paid = v3.prepare('SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE invoice_number = ?').pluck();
    const before = numbers.map((n) => paid.get(n));
    const sumBefore = (v3.prepare('SELECT SUM(amount_minor) FROM payments').pluck().get() as number) ?? 0;
    v3.close();

    const v4 = openLedger(path, { migrations: MIGRATIONS.slice(0, 4) });
    expect(schemaVersion(v4)).toBe(4);
    expect(numbers.map((n) => invoiceBalance(v4, n)!.paid)).toEqual(before);
    expect(numbers.map((n) => invoiceBalance(v4, n)!.balance)).toEqual([60000, 20000, 0, 9000]);
    expect(v4.prepare('SELECT number, paid_before_minor FROM invoices ORDER BY rowid').raw().all()).toEqual([
      ['A-1', 40000],
      ['A-2', 10050],
      ['CN-1', -5000],
      ['A-3', 0],
    ]);
    // Dated payments, adjustments and anything typed in by hand stay payments.
    expect(v4.prepare('SELECT invoice_number, paid_on, amount_minor, source FROM payments ORDER BY id').raw().all()).toEqual([
      ['A-2', '2026-02-01', 10050, 'import'],
      ['A-2', '2026-02-01', -10050, 'import'],
      ['A-1', '2026-02-20', 20000, 'manual'],
      ['A-3', '2026-02-21', 900, 'manual'],
    ]);
    expect(v4.prepare('SELECT SUM(amount_minor) FROM payments').pluck().get()).toBe(sumBefore - 40000 + 5000 - 10050);
    expect(v4.pragma('foreign_key_check')).toEqual([]);
    v4.close();
  });
});
