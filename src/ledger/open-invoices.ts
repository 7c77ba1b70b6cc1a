import type { InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import type { Ledger } from './open.js';
import { paidSql } from './payments.js';

// The latest stage a contact left the invoice at (thank-yous are not stages).
const LAST_STAGE = `
  SELECT ci.stage, c.contacted_on FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
  WHERE ci.invoice_number = i.number AND c.voided = 0 AND ci.stage IS NOT NULL AND ci.stage <> '${THANK_YOU}'
  ORDER BY c.id DESC LIMIT 1`;

// The columns selected below, in order (raw rows: a million-invoice ledger leaves ~90k).
type Row = [string, string, IsoDate, IsoDate, string, number, number, string | null, IsoDate | null, number, number];

const PAID = paidSql();

/**
 * Open invoices with something to plan, in customer, due-date and number order: a balance
 * (owed, or a credit), or a stage reached and no thanks yet. A ledger of a million invoices
 * is mostly paid history, so those are dropped inside SQLite by one scan in table order with one covering-index look-up per invoice (its
 * payments); invoices a contact named join from the other side, so the cost of that check
 * grows with the contacts, not with the ledger. Only the few left are sorted, joined to their
 * contacts and handed to JavaScript. (Joining every invoice to aggregated payments and
 * ordering all of them first took 9 s of the 14 s a `run --dry-run` needed on the
 * benchmark's million-invoice ledger; checking every invoice for a contact cost another
 * look-up per invoice.)
 */
export function openInvoices(db: Ledger, asOf: IsoDate, onlyCustomer?: string): InvoiceState[] {
  // Every invoice: a scan in table order. One customer's: through invoices_by_customer.
  // CROSS JOIN fixes the join order: without statistics SQLite would rather walk all invoices
  // in customer order than sort the few candidates.
  const [index, filter] = onlyCustomer === undefined ? ['NOT INDEXED', ''] : ['', 'AND i.customer_id = @customer'];
  // Contacted invoices: from all contacts, or from one customer's invoices.
  const contacted =
    onlyCustomer === undefined
      ? 'contact_invoices ci CROSS JOIN invoices i ON i.number = ci.invoice_number'
      : 'invoices i CROSS JOIN contact_invoices ci ON ci.invoice_number = i.number';
  const rows = db
    .prepare(
      `WITH candidate(id) AS (
         SELECT i.rowid FROM invoices i ${index} WHERE i.status = 'open' ${filter} AND i.amount_minor <> ${PAID}
         UNION
         SELECT i.rowid FROM ${contacted}
         WHERE i.status = 'open' ${filter}
       )
       SELECT i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, ${PAID} AS paid,
              (SELECT stage FROM (${LAST_STAGE})) AS stage,
              (SELECT contacted_on FROM (${LAST_STAGE})) AS stage_on,
              EXISTS (SELECT 1 FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
                      WHERE ci.invoice_number = i.number AND c.voided = 0 AND ci.stage = '${THANK_YOU}') AS thanked,
              EXISTS (SELECT 1 FROM holds h WHERE h.invoice_number = i.number AND h.released_on IS NULL
                      AND (h.until IS NULL OR h.until >= @asOf)) AS held
       FROM candidate CROSS JOIN invoices i ON i.rowid = candidate.id
       ORDER BY i.customer_id, i.due_date, i.number`,
    )
    .raw()
    .all({ asOf, customer: onlyCustomer }) as Row[];
  const out: InvoiceState[] = [];
  for (const [number, customerId, issueDate, dueDate, currency, amount, paid, stage, stageOn, thanked, held] of rows) {
    // Settled, and either never chased or already thanked: nothing to say.
    if (amount === paid && (stage === null || thanked === 1)) continue;
    out.push({ number, customerId, issueDate, dueDate, currency, amount, paid, balance: amount - paid, stage, stageOn, thanked: thanked === 1, hold: held === 1 });
  }
  return out;
}
