import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import type { Ledger } from './open.js';

/** An open invoice as the planner needs it: what is paid, the stage it stands at, holds. */
export interface OpenInvoiceRow {
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  paid: number;
  stage: string | null;
  stage_on: string | null;
  thanked: number;
  held: number;
}

// The latest stage a contact left the invoice at (thank-yous are not stages).
const LAST_STAGE = `
  SELECT ci.stage, c.contacted_on FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
  WHERE ci.invoice_number = i.number AND c.voided = 0 AND ci.stage IS NOT NULL AND ci.stage <> '${THANK_YOU}'
  ORDER BY c.id DESC LIMIT 1`;

/**
 * Open invoices with something to plan: a balance (owed, or a credit), or a stage reached and
 * no thanks yet. A ledger of a million invoices is mostly paid history, so those are dropped
 * inside SQLite by one scan in table order with indexed look-ups per invoice, and only the
 * few left are sorted, joined to their contacts and handed to JavaScript. (Joining every
 * invoice to aggregated payments and ordering all of them first took 9 s of the 14 s a
 * `run --dry-run` needed on the benchmark's million-invoice ledger.)
 */
export function openInvoiceRows(db: Ledger, asOf: IsoDate, onlyCustomer?: string): OpenInvoiceRow[] {
  // Every invoice: a scan in table order. One customer's: through invoices_by_customer.
  const [index, filter] = onlyCustomer === undefined ? ['NOT INDEXED', ''] : ['', 'AND i.customer_id = @customer'];
  return db
    .prepare(
      `WITH candidate AS (
         SELECT i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor,
                COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.invoice_number = i.number), 0) AS paid,
                EXISTS (SELECT 1 FROM contact_invoices ci WHERE ci.invoice_number = i.number) AS contacted
         FROM invoices i ${index}
         WHERE i.status = 'open' ${filter}
       )
       SELECT i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor, i.paid,
              (SELECT stage FROM (${LAST_STAGE})) AS stage,
              (SELECT contacted_on FROM (${LAST_STAGE})) AS stage_on,
              EXISTS (SELECT 1 FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
                      WHERE ci.invoice_number = i.number AND c.voided = 0 AND ci.stage = '${THANK_YOU}') AS thanked,
              EXISTS (SELECT 1 FROM holds h WHERE h.invoice_number = i.number AND h.released_on IS NULL
                      AND (h.until IS NULL OR h.until >= @asOf)) AS held
       FROM candidate i
       WHERE i.amount_minor <> i.paid OR i.contacted
       ORDER BY i.customer_id, i.due_date, i.number`,
    )
    .all({ asOf, customer: onlyCustomer }) as OpenInvoiceRow[];
}
