import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAccounts } from '../../src/ledger/accounts.js';
import { openLedger } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

const AS_OF = '2026-03-02';

/** Two customers' invoices, imported in no order of their own. */
function ledger() {
  const db = openLedger(join(tempDir(), 'dunning.db'));
  db.exec(`
    INSERT INTO customers (id, name) VALUES ('zeta', 'Zeta plc'), ('acme', 'Acme Ltd');
    INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, paid_before_minor) VALUES
      ('Z-1', 'zeta', '2026-01-01', '2026-01-31', 'GBP', 10000, 0),
      ('A-9', 'acme', '2026-01-20', '2026-02-19', 'GBP', 9000, 0),
      ('A-3', 'acme', '2026-01-01', '2026-01-31', 'GBP', 3000, 0),
      ('A-10', 'acme', '2026-01-20', '2026-02-19', 'GBP', 1000, 0),
      ('A-2', 'acme', '2026-01-01', '2026-01-31', 'GBP', 2000, 2000),
      ('A-1', 'acme', '2026-01-01', '2026-01-31', 'GBP', 1000, 1000);
  `);
  return db;
}

/** A letter to `customer` that left each of `invoices` at `stage`; returns its id. */
function contact(db: ReturnType<typeof ledger>, customer: string, stage: string, invoices: string[], voided = 0): void {
  const id = db
    .prepare("INSERT INTO contacts (customer_id, contacted_on, kind, channel, stage, voided) VALUES (?, '2026-02-20', ?, 'email', ?, ?)")
    .run(customer, stage === 'thank-you' ? 'thank-you' : 'letter', stage, voided).lastInsertRowid;
  for (const n of invoices) db.prepare('INSERT INTO contact_invoices (contact_id, invoice_number, stage, climbed) VALUES (?, ?, ?, 1)').run(id, n, stage);
}

describe('loading the accounts to plan', () => {
  it("lists customers by id and each one's invoices oldest first (by due date, then number), whatever order they came in", () => {
    const db = ledger();
    const accounts = loadAccounts(db, AS_OF);
    expect(accounts.map((a) => [a.customer.id, a.invoices.map((i) => i.number)])).toEqual([
      ['acme', ['A-3', 'A-10', 'A-9']],
      ['zeta', ['Z-1']],
    ]);
    db.close();
  });

  it('keeps a paid invoice that had a letter until it is thanked for, and takes its stage from the latest letter not voided', () => {
    const db = ledger();
    contact(db, 'acme', 'reminder', ['A-1', 'A-2']);
    contact(db, 'acme', 'second-reminder', ['A-1']);
    contact(db, 'acme', 'final-notice', ['A-1'], 1);
    contact(db, 'acme', 'thank-you', ['A-2']);
    const [acme] = loadAccounts(db, AS_OF);
    expect(acme!.invoices.map((i) => [i.number, i.balance, i.stage, i.thanked])).toEqual([
      ['A-1', 0, 'second-reminder', false],
      ['A-3', 3000, null, false],
      ['A-10', 1000, null, false],
      ['A-9', 9000, null, false],
    ]);
    db.close();
  });
});
