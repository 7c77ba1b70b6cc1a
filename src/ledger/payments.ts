import type { IsoDate } from '../domain/dates.js';
import { moneyJson } from '../domain/money.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

export interface InvoiceBalance {
  number: string;
  customerId: string;
  currency: string;
  amount: number;
  paid: number;
  balance: number;
  dueDate: IsoDate;
  status: string;
}

/** How a hand-off names what an export said was paid when an invoice first arrived (it has no day). */
export const PAID_BEFORE_IMPORT = 'paid before import';

/**
 * SQL for what has been paid on the invoice aliased `i`: what its export said was paid before
 * the import, and every payment since (the covering index payments_by_invoice answers the sum
 * without the table). `upTo` names a date parameter (say `@asOf`) to leave out later payments.
 */
export function paidSql(i = 'i', upTo?: string): string {
  const until = upTo === undefined ? '' : ` AND p.paid_on <= ${upTo}`;
  return `(${i}.paid_before_minor + COALESCE((SELECT SUM(p.amount_minor) FROM payments p WHERE p.invoice_number = ${i}.number${until}), 0))`;
}

/** One invoice with its derived balance, or undefined. */
export function invoiceBalance(db: Ledger, number: string): InvoiceBalance | undefined {
  return db
    .prepare(
      `SELECT i.number, i.customer_id AS customerId, i.currency, i.amount_minor AS amount, i.due_date AS dueDate, i.status,
              ${paidSql()} AS paid, i.amount_minor - ${paidSql()} AS balance
       FROM invoices i WHERE i.number = ?`,
    )
    .get(number) as InvoiceBalance | undefined;
}

/** Records a payment typed in by hand, with its event. Inside a write transaction. */
export function recordPayment(
  db: Ledger,
  events: EventLog,
  p: { invoice: InvoiceBalance; minor: number; on: IsoDate; reference: string | null },
): number {
  const id = Number(
    db
      .prepare(`INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES (?, ?, ?, ?, 'manual')`)
      .run(p.invoice.number, p.on, p.minor, p.reference).lastInsertRowid,
  );
  events.append({
    kind: 'payment',
    customerId: p.invoice.customerId,
    invoiceNumber: p.invoice.number,
    data: {
      source: 'manual',
      payment: id,
      currency: p.invoice.currency,
      minor: p.minor,
      amount: moneyJson(p.minor, p.invoice.currency),
      on: p.on,
      reference: p.reference,
      balance: moneyJson(p.invoice.balance - p.minor, p.invoice.currency),
    },
  });
  return id;
}
