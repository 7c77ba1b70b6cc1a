export type { CustomerSpan } from './customer-span.js';
import type { InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { invoiceStages, type InvoiceStages } from './contacts.js';
import { spanSql, type CustomerSpan } from './customer-span.js';
import type { Ledger } from './open.js';
import { jsonRows } from './json-rows.js';
import { paidSql } from './payments.js';

const PAID = paidSql();
// The day it was first imported, and whether the owner released it from being stale.
const columns = (paid: string) => `i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, ${paid},
  i.imported_on, EXISTS (SELECT 1 FROM stale_releases s WHERE s.invoice_number = i.number)`;
const COLUMNS = columns(PAID);

// The columns selected above, in order (rows as arrays: a million-invoice ledger leaves ~90k).
type Row = [string, string, IsoDate, IsoDate, string, number, number, IsoDate | null, number];

/**
 * Every open invoice with a balance: those no payment reached owe what their row says, read
 * from the index of the invoices still owing (migration 11), never a scan of the paid history;
 * those with payments are summed from the payments' side.
 */
function owingInvoices(db: Ledger, span?: CustomerSpan): Row[] {
  const within = spanSql('i.customer_id', span);
  const unpaid = jsonRows<Row>(
    db,
    columns('i.paid_before_minor'),
    `FROM invoices i INDEXED BY invoices_owing
     WHERE i.status = 'open' AND i.amount_minor <> i.paid_before_minor${within} AND i.number NOT IN (SELECT p.invoice_number FROM payments p)`,
    { ...span },
  );
  // Grouped in a subquery, its columns named as the table's (paid: what was paid in all).
  const paid = jsonRows<Row>(
    db,
    'number, customer_id, issue_date, due_date, currency, amount_minor, paid, imported_on, released',
    `FROM (SELECT i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, i.paid_before_minor + SUM(p.amount_minor) AS paid,
                  i.imported_on, EXISTS (SELECT 1 FROM stale_releases s WHERE s.invoice_number = i.number) AS released
           FROM payments p JOIN invoices i ON i.number = p.invoice_number
           WHERE i.status = 'open'${within} GROUP BY p.invoice_number HAVING i.amount_minor <> paid)`,
    { ...span },
  );
  return paid.length === 0 ? unpaid : unpaid.concat(paid);
}

/**
 * Open invoices with something to plan: a balance (owed, or a credit), or a stage reached and
 * no thanks yet; in no particular order. `held`: the invoices on hold. Three queries, none of
 * them per invoice:
 * - the invoices with a balance (a ledger of a million invoices is mostly paid history, never
 *   read): those without payments from the index of those owing, those with payments from the payments;
 * - the stage each invoice a contact named was left at, and whether it was thanked: read from
 *   the contacts' side, so the cost grows with the contacts, not with the ledger;
 * - the settled invoices among those, still to be thanked.
 * Call it inside a transaction (loadAccounts does), so that all of them see the same ledger.
 */
export function openInvoices(db: Ledger, held: ReadonlySet<string>, onlyCustomer?: string, span?: CustomerSpan): InvoiceState[] {
  // Every invoice (of a span of customers), or one customer's through invoices_by_customer.
  const owing =
    onlyCustomer === undefined
      ? owingInvoices(db, span)
      : (db.prepare(`SELECT ${COLUMNS} FROM invoices i WHERE i.customer_id = ? AND i.status = 'open' AND i.amount_minor <> ${PAID}`).raw().all(onlyCustomer) as Row[]);

  // Each contacted invoice's latest stage (thank-yous are not stages), from the contacts' side.
  const { stages, thanked } = invoiceStages(db, onlyCustomer, span);

  // Paid in full after a letter, and not yet thanked for.
  let settled: Row[] = [];
  if (stages.size > 0) {
    const owingNumbers = new Set(owing.map((r) => r[0]));
    const toThank = [...stages.keys()].filter((n) => !thanked.has(n) && !owingNumbers.has(n));
    if (toThank.length > 0) {
      settled = db
        .prepare(`SELECT ${COLUMNS} FROM invoices i WHERE i.number IN (SELECT value FROM json_each(@numbers)) AND i.status = 'open'${spanSql('i.customer_id', span)}`)
        .raw()
        .all({ numbers: JSON.stringify(toThank), ...span }) as Row[];
    }
  }

  const out: InvoiceState[] = [];
  statesOf(owing, stages, thanked, held, out);
  statesOf(settled, stages, thanked, held, out);
  return out;
}

/** Each row's invoice with its derived state, added to `out` (a loop of its own: V8 compiles it once). */
function statesOf(rows: Row[], stages: InvoiceStages['stages'], thanked: ReadonlySet<string>, held: ReadonlySet<string>, out: InvoiceState[]): void {
  // Indexed, not destructured: a destructuring loop allocates an iterator's results per row until V8 optimises it.
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const number = r[0];
    const reached = stages.get(number);
    const amount = r[5];
    const paid = r[6];
    out.push({
      number, customerId: r[1], issueDate: r[2], dueDate: r[3], currency: r[4], amount, paid, balance: amount - paid,
      stage: reached?.stage ?? null, stageOn: reached?.on ?? null, thanked: thanked.has(number), hold: held.has(number),
      importedOn: r[7], staleReleased: r[8] === 1,
    });
  }
}
