import type { InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { invoiceStages } from './contacts.js';
import type { Ledger } from './open.js';
import { paidSql } from './payments.js';

const PAID = paidSql();
// The day it was first imported, and whether the owner released it from being stale.
const COLUMNS = `i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, ${PAID},
  i.imported_on, EXISTS (SELECT 1 FROM stale_releases s WHERE s.invoice_number = i.number)`;

// The columns selected above, in order (raw rows: a million-invoice ledger leaves ~90k).
type Row = [string, string, IsoDate, IsoDate, string, number, number, IsoDate | null, number];

/**
 * Open invoices with something to plan: a balance (owed, or a credit), or a stage reached and
 * no thanks yet; in no particular order. `held`: the invoices on hold. Three queries, none of
 * them per invoice:
 * - the invoices with a balance: a ledger of a million invoices is mostly paid history, so those
 *   are dropped inside SQLite by one scan in table order, with one covering-index look-up per
 *   invoice (its payments);
 * - the stage each invoice a contact named was left at, and whether it was thanked: read from
 *   the contacts' side, so the cost grows with the contacts, not with the ledger;
 * - the settled invoices among those, still to be thanked.
 * Call it inside a transaction (loadAccounts does), so that all of them see the same ledger.
 */
export function openInvoices(db: Ledger, held: ReadonlySet<string>, onlyCustomer?: string): InvoiceState[] {
  // Every invoice: a scan in table order. One customer's: through invoices_by_customer.
  const [index, filter] = onlyCustomer === undefined ? ['NOT INDEXED', ''] : ['', 'AND i.customer_id = @customer'];
  const params = { customer: onlyCustomer };
  const owing = db
    .prepare(`SELECT ${COLUMNS} FROM invoices i ${index} WHERE i.status = 'open' ${filter} AND i.amount_minor <> ${PAID}`)
    .raw()
    .all(params) as Row[];

  // Each contacted invoice's latest stage (thank-yous are not stages), from the contacts' side.
  const { stages, thanked } = invoiceStages(db, onlyCustomer);

  // Paid in full after a letter, and not yet thanked for.
  let settled: Row[] = [];
  if (stages.size > 0) {
    const owingNumbers = new Set(owing.map((r) => r[0]));
    const toThank = [...stages.keys()].filter((n) => !thanked.has(n) && !owingNumbers.has(n));
    if (toThank.length > 0) {
      settled = db
        .prepare(`SELECT ${COLUMNS} FROM invoices i WHERE i.number IN (SELECT value FROM json_each(?)) AND i.status = 'open'`)
        .raw()
        .all(JSON.stringify(toThank)) as Row[];
    }
  }

  const out: InvoiceState[] = [];
  for (const rows of [owing, settled]) {
    for (const [number, customerId, issueDate, dueDate, currency, amount, paid, importedOn, released] of rows) {
      const reached = stages.get(number);
      out.push({
        number, customerId, issueDate, dueDate, currency, amount, paid, balance: amount - paid,
        stage: reached?.stage ?? null, stageOn: reached?.on ?? null, thanked: thanked.has(number), hold: held.has(number),
        importedOn, staleReleased: released === 1,
      });
    }
  }
  return out;
}
