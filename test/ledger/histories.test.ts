import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHistories } from '../../src/ledger/accounts.js';
import { openLedger } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

/** A customer's invoices, each due on the 31st of January, and the payments against them. */
function ledgerWith(payments: [invoice: string, on: string, minor: number][]) {
  const db = openLedger(join(tempDir(), 'dunning.db'));
  db.exec("INSERT INTO customers (id, name) VALUES ('acme', 'Acme Ltd'), ('bolt', 'Bolt plc')");
  const invoice = db.prepare("INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES (?, ?, '2026-01-01', '2026-01-31', 'GBP', ?)");
  invoice.run('A-1', 'acme', 100_00);
  invoice.run('A-2', 'acme', 100_00);
  invoice.run('A-3', 'acme', 100_00);
  invoice.run('CN-1', 'acme', -20_00);
  invoice.run('B-1', 'bolt', 50_00);
  const pay = db.prepare("INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES (?, ?, ?, 'manual')");
  for (const p of payments) pay.run(...p);
  return db;
}

describe('payment histories', () => {
  it('given an invoice an export said was paid before it was imported, it says nothing of how promptly the customer pays', () => {
    // A-2 came in paid; a payments export later gave that a day, replacing the undated amount
    // (as the importer does). Whether that day was on time is not known either way.
    const db = ledgerWith([
      ['A-1', '2026-01-30', 100_00],
      ['A-2', '2026-02-10', 100_00],
    ]);
    db.prepare("UPDATE invoices SET paid_before_minor = 10000 WHERE number = 'A-2'").run();
    db.prepare("INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES ('A-2', '2026-02-10', -10000, 'replaced by dated payment', 'import')").run();
    expect(loadHistories(db, '2026-03-02').get('acme')).toEqual({ paidInvoices: 1, onTime: 1, daysLateTotal: 0 });
    db.close();
  });

  it('given one invoice paid on time, one paid in two parts ten days late, and one only part paid, two are paid and one on time', () => {
    const db = ledgerWith([
      ['A-1', '2026-01-30', 100_00],
      ['A-2', '2026-01-20', 40_00],
      ['A-2', '2026-02-10', 60_00],
      ['A-3', '2026-02-01', 99_99],
    ]);
    expect(loadHistories(db, '2026-03-02').get('acme')).toEqual({ paidInvoices: 2, onTime: 1, daysLateTotal: 10 });
    db.close();
  });

  it('given an invoice paid in full and then partly refunded, it counts as paid on the day the full amount first arrived', () => {
    const db = ledgerWith([
      ['A-1', '2026-02-05', 60_00],
      ['A-1', '2026-02-07', 40_00],
      ['A-1', '2026-02-20', -30_00],
    ]);
    expect(loadHistories(db, '2026-03-02').get('acme')).toEqual({ paidInvoices: 1, onTime: 0, daysLateTotal: 7 });
    db.close();
  });

  it('given payments after the as-of day and a credit note, neither counts; each customer keeps their own history', () => {
    const db = ledgerWith([
      ['A-1', '2026-02-05', 50_00],
      ['A-1', '2026-03-05', 50_00],
      ['CN-1', '2026-01-15', -20_00],
      ['B-1', '2026-01-31', 50_00],
    ]);
    const histories = loadHistories(db, '2026-03-02');
    expect(histories.get('acme')).toBeUndefined();
    expect(histories.get('bolt')).toEqual({ paidInvoices: 1, onTime: 1, daysLateTotal: 0 });
    expect(loadHistories(db, '2026-03-31', 'acme').get('acme')).toEqual({ paidInvoices: 1, onTime: 0, daysLateTotal: 33 });
    db.close();
  });
});
