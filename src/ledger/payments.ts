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
  issueDate: IsoDate;
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
      `SELECT i.number, i.customer_id AS customerId, i.currency, i.amount_minor AS amount, i.issue_date AS issueDate, i.due_date AS dueDate, i.status,
              ${paidSql()} AS paid, i.amount_minor - ${paidSql()} AS balance
       FROM invoices i WHERE i.number = ?`,
    )
    .get(number) as InvoiceBalance | undefined;
}

/** A customer's open invoices with what is still owed on each (a credit note negative), oldest due first. */
export function openBalances(db: Ledger, customerId: string): { number: string; currency: string; balance: number }[] {
  return db
    .prepare(
      `SELECT i.number, i.currency, i.amount_minor - ${paidSql()} AS balance
       FROM invoices i WHERE i.customer_id = ? AND i.status = 'open' ORDER BY i.due_date, i.number`,
    )
    .all(customerId) as { number: string; currency: string; balance: number }[];
}

/** Records a payment typed in by hand, with its event. Inside a write transaction. */
export function recordPayment(
  db: Ledger,
  events: EventLog,
  p: { invoice: InvoiceBalance; minor: number; on: IsoDate; reference: string | null },
): number {
  const id = Number(
    db
      .prepare(`INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source, kind) VALUES (?, ?, ?, ?, 'manual', 'payment')`)
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

/** A payment as `payment list` shows it: voided ones too, marked. */
export interface PaymentRow {
  id: number;
  invoice: string;
  customerId: string;
  currency: string;
  paidOn: IsoDate;
  minor: number;
  reference: string | null;
  source: string;
  kind: string;
  void: boolean;
  voidedOn: IsoDate | null;
  voidReason: string | null;
}

const PAYMENT_COLUMNS = `p.id, p.invoice_number AS invoice, i.customer_id AS customerId, i.currency, p.paid_on AS paidOn,
  p.amount_minor AS minor, p.reference, p.source, p.kind`;

/** Every payment, counted and voided, of one customer or one invoice (or all), by day. */
export function listPayments(db: Ledger, of: { customerId?: string; invoice?: string } = {}): PaymentRow[] {
  const where = `(@customer IS NULL OR i.customer_id = @customer) AND (@invoice IS NULL OR i.number = @invoice)`;
  const rows = db
    .prepare(
      `SELECT ${PAYMENT_COLUMNS}, 0 AS void, NULL AS voidedOn, NULL AS voidReason
       FROM payments p JOIN invoices i ON i.number = p.invoice_number WHERE ${where}
       UNION ALL
       SELECT ${PAYMENT_COLUMNS}, 1 AS void, p.voided_on AS voidedOn, p.reason AS voidReason
       FROM voided_payments p JOIN invoices i ON i.number = p.invoice_number WHERE ${where}
       ORDER BY paidOn, id`,
    )
    .all({ customer: of.customerId ?? null, invoice: of.invoice ?? null }) as (Omit<PaymentRow, 'void'> & { void: number })[];
  return rows.map((r) => ({ ...r, void: r.void === 1 }));
}

/** One payment by its id, counted or voided. */
export function findPayment(db: Ledger, id: number): PaymentRow | undefined {
  return listPayments(db).find((p) => p.id === id);
}

/**
 * Voids a payment, with its event: the row moves to voided_payments, so no balance, plan or
 * letter counts it any more, and `payment list` still shows it, marked void. Inside a write transaction.
 */
export function voidPayment(db: Ledger, events: EventLog, p: PaymentRow, on: IsoDate, reason: string): void {
  db.prepare(
    `INSERT INTO voided_payments (id, invoice_number, paid_on, amount_minor, reference, source, kind, voided_on, reason)
     SELECT id, invoice_number, paid_on, amount_minor, reference, source, kind, ?, ? FROM payments WHERE id = ?`,
  ).run(on, reason, p.id);
  db.prepare('DELETE FROM payments WHERE id = ?').run(p.id);
  const balance = invoiceBalance(db, p.invoice)!;
  events.append({
    kind: 'payment-void',
    customerId: p.customerId,
    invoiceNumber: p.invoice,
    data: {
      payment: p.id,
      currency: p.currency,
      minor: p.minor,
      amount: moneyJson(p.minor, p.currency),
      paidOn: p.paidOn,
      on,
      reason,
      balance: moneyJson(balance.balance, p.currency),
    },
  });
}
