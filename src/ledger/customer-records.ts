import { invoiceStages } from './contacts.js';
import type { Ledger } from './open.js';
import { PAID_BEFORE_IMPORT, paidSql } from './payments.js';

/** Every invoice of a customer, whatever its status, with what was paid and the stage its contacts left it at. */
export interface InvoiceRecord {
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  status: string;
  paid: number;
  stage: string | null;
  /** The day the invoice reached its stage. */
  stage_on: string | null;
}

/**
 * A customer's invoices in due-date order: all of them, or one (`only`); what was paid counts
 * payments up to `asOf` when given (a back-dated `show`), else every payment.
 */
export function invoicesOf(db: Ledger, customerId: string, options: { asOf?: string; only?: string | null } = {}): InvoiceRecord[] {
  const { asOf, only = null } = options;
  const rows = db
    .prepare(
      `SELECT i.number, i.issue_date, i.due_date, i.currency, i.amount_minor, i.status,
              ${paidSql('i', asOf === undefined ? undefined : '@asOf')} AS paid, NULL AS stage, NULL AS stage_on
       FROM invoices i WHERE i.customer_id = @id ${only === null ? '' : 'AND i.number = @only'}
       ORDER BY i.due_date, i.number`,
    )
    .all({ id: customerId, ...(asOf === undefined ? {} : { asOf }), ...(only === null ? {} : { only }) }) as InvoiceRecord[];
  const { stages } = invoiceStages(db, customerId);
  for (const r of rows) [r.stage, r.stage_on] = [stages.get(r.number)?.stage ?? null, stages.get(r.number)?.on ?? null];
  return rows;
}

export interface PaymentRecord {
  invoice_number: string;
  paid_on: string | null;
  currency: string;
  amount_minor: number;
  reference: string | null;
  source: string;
}

/** A customer's payments; what an export said was paid before the import comes first: it has no day of its own. */
export function paymentsOf(db: Ledger, customerId: string): PaymentRecord[] {
  return db
    .prepare(
      `SELECT i.number AS invoice_number, NULL AS paid_on, i.currency, i.paid_before_minor AS amount_minor,
              '${PAID_BEFORE_IMPORT}' AS reference, 'import' AS source, 0 AS dated, 0 AS id
       FROM invoices i WHERE i.customer_id = @customer AND i.paid_before_minor <> 0
       UNION ALL
       SELECT p.invoice_number, p.paid_on, i.currency, p.amount_minor, p.reference, p.source, 1, p.id
       FROM payments p JOIN invoices i ON i.number = p.invoice_number WHERE i.customer_id = @customer
       ORDER BY dated, paid_on, id, invoice_number`,
    )
    .all({ customer: customerId }) as PaymentRecord[];
}
