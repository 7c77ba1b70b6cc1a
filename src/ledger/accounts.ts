import type { Account, Customer, InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import type { Ledger } from './open.js';
import { openInvoiceRows } from './open-invoices.js';

/**
 * Loads every customer with something to plan: open invoices and credits, and paid invoices
 * not yet thanked for. Each invoice's stage is derived from the contacts that named it.
 */
export function loadAccounts(db: Ledger, asOf: IsoDate, onlyCustomer?: string): Account[] {
  const rows = openInvoiceRows(db, asOf, onlyCustomer);

  const byCustomer = new Map<string, InvoiceState[]>();
  for (const r of rows) {
    const balance = r.amount_minor - r.paid;
    const invoice: InvoiceState = {
      number: r.number,
      customerId: r.customer_id,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      currency: r.currency,
      amount: r.amount_minor,
      paid: r.paid,
      balance,
      stage: r.stage,
      stageOn: r.stage_on,
      thanked: r.thanked === 1,
      hold: r.held === 1,
    };
    if (balance === 0 && (invoice.stage === null || invoice.thanked)) continue;
    let list = byCustomer.get(r.customer_id);
    if (!list) byCustomer.set(r.customer_id, (list = []));
    list.push(invoice);
  }
  if (byCustomer.size === 0) return [];

  const customers = db.prepare('SELECT id, name, email, language, address, phone FROM customers').all() as Customer[];
  const lastContact = new Map(
    (
      db
        .prepare(
          `SELECT customer_id, MAX(contacted_on) AS on_ FROM contacts
           WHERE voided = 0 AND kind IN ('letter', 'note') GROUP BY customer_id`,
        )
        .all() as { customer_id: string; on_: string }[]
    ).map((r) => [r.customer_id, r.on_]),
  );
  const held = new Set(
    db
      .prepare(
        `SELECT customer_id FROM holds WHERE customer_id IS NOT NULL AND released_on IS NULL
         AND (until IS NULL OR until >= ?)`,
      )
      .pluck()
      .all(asOf) as string[],
  );

  const accounts: Account[] = [];
  for (const customer of customers) {
    const invoices = byCustomer.get(customer.id);
    if (!invoices) continue;
    accounts.push({
      customer,
      invoices,
      lastContactOn: lastContact.get(customer.id) ?? null,
      hold: held.has(customer.id),
      planKept: false,
      graceDays: 0,
    });
  }
  return accounts.sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
}
