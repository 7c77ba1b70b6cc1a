import type { IsoDate } from '../domain/dates.js';
import type { InvoiceRecord } from '../import/record.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

export type ApplyOutcome = { invoice: 'added' | 'updated' | 'unchanged'; paymentMinor: number };

/**
 * Payments an invoice export implied by its "paid" column, undated (or dated the day we saw
 * them), and the adjustments that later gave them up to dated payments from a payments export.
 */
const SNAPSHOT_SQL = `(reference = 'paid before import' OR reference LIKE 'import %' OR reference = 'replaced by dated payment')`;

const CUSTOMER_FIELDS = ['name', 'email', 'language', 'address', 'phone'] as const;
const INVOICE_FIELDS = ['customer_id', 'issue_date', 'due_date', 'currency', 'amount_minor', 'status'] as const;

interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  language: string | null;
  address: string | null;
  phone: string | null;
}
interface InvoiceRow {
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  status: string;
}

/**
 * Writes imported invoices into the ledger: new ones are added, changed ones updated with an
 * event naming each old and new value, and a higher amount paid becomes a payment.
 */
export class InvoiceWriter {
  private readonly q;

  constructor(
    private readonly db: Ledger,
    private readonly events: EventLog,
    private readonly source: { file: string; asOf: IsoDate },
  ) {
    this.q = {
      customer: db.prepare('SELECT * FROM customers WHERE id = ?'),
      insertCustomer: db.prepare(
        'INSERT INTO customers (id, name, email, language, address, phone) VALUES (@id, @name, @email, @language, @address, @phone)',
      ),
      updateCustomer: db.prepare(
        'UPDATE customers SET name = @name, email = @email, language = @language, address = @address, phone = @phone WHERE id = @id',
      ),
      invoice: db.prepare('SELECT * FROM invoices WHERE number = ?'),
      insertInvoice: db.prepare(
        `INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, status)
         VALUES (@number, @customer_id, @issue_date, @due_date, @currency, @amount_minor, @status)`,
      ),
      updateInvoice: db.prepare(
        `UPDATE invoices SET customer_id = @customer_id, issue_date = @issue_date, due_date = @due_date,
         currency = @currency, amount_minor = @amount_minor, status = @status WHERE number = @number`,
      ),
      paid: db.prepare('SELECT COALESCE(SUM(amount_minor), 0) AS paid FROM payments WHERE invoice_number = ?').pluck(),
      insertPayment: db.prepare(
        `INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source) VALUES (?, ?, ?, ?, 'import')`,
      ),
      samePayment: db.prepare(
        `SELECT 1 FROM payments WHERE invoice_number = ? AND paid_on = ? AND amount_minor = ? AND source = 'import'
         AND NOT (${SNAPSHOT_SQL})`,
      ).pluck(),
      snapshot: db.prepare(
        `SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE invoice_number = ? AND source = 'import' AND ${SNAPSHOT_SQL}`,
      ).pluck(),
    };
  }

  /** The invoice's customer as the ledger holds it, or undefined. Used to refuse a reassignment. */
  existingCustomerOf(number: string): string | undefined {
    return (this.q.invoice.get(number) as InvoiceRow | undefined)?.customer_id;
  }

  /** The invoice as the ledger holds it: a payment is matched to it by number. */
  invoice(number: string): { customerId: string; currency: string; amount: number; paid: number } | undefined {
    const row = this.q.invoice.get(number) as InvoiceRow | undefined;
    if (!row) return undefined;
    return { customerId: row.customer_id, currency: row.currency, amount: row.amount_minor, paid: this.q.paid.get(number) as number };
  }

  /**
   * Records a payment from a payments export. One already recorded from an import (same invoice,
   * day and amount) is the same payment listed again by a newer export: unchanged. The invoice
   * export's "paid so far" and the payments export describe the same money: a dated payment
   * replaces as much of that undated snapshot as it covers, so nothing is counted twice.
   */
  applyPayment(p: { invoiceNumber: string; paidOn: IsoDate; minor: number; reference: string | null }): 'added' | 'unchanged' {
    if (this.q.samePayment.get(p.invoiceNumber, p.paidOn, p.minor)) return 'unchanged';
    const inv = this.invoice(p.invoiceNumber)!;
    this.q.insertPayment.run(p.invoiceNumber, p.paidOn, p.minor, p.reference ?? `payment in ${this.source.file}`);
    const snapshot = this.q.snapshot.get(p.invoiceNumber) as number;
    const replaced = p.minor > 0 ? Math.min(p.minor, snapshot) : 0;
    if (replaced > 0) this.q.insertPayment.run(p.invoiceNumber, p.paidOn, -replaced, 'replaced by dated payment');
    this.events.append({
      kind: 'payment',
      customerId: inv.customerId,
      invoiceNumber: p.invoiceNumber,
      data: { source: 'import', file: this.source.file, currency: inv.currency, minor: p.minor, on: p.paidOn, reference: p.reference, replacesUndated: replaced },
    });
    return 'added';
  }

  private upsertCustomer(r: InvoiceRecord): void {
    const next: CustomerRow = {
      id: r.customerId,
      name: r.customerName,
      email: r.email,
      language: r.language,
      address: r.address,
      phone: r.phone,
    };
    const old = this.q.customer.get(r.customerId) as CustomerRow | undefined;
    if (!old) {
      this.q.insertCustomer.run(next);
      return;
    }
    const changes = diff(old, next, CUSTOMER_FIELDS);
    if (changes) {
      this.q.updateCustomer.run(next);
      this.events.append({ kind: 'customer-updated', customerId: r.customerId, data: { file: this.source.file, changes } });
    }
  }

  apply(r: InvoiceRecord): ApplyOutcome {
    this.upsertCustomer(r);
    const next: InvoiceRow = {
      number: r.number,
      customer_id: r.customerId,
      issue_date: r.issueDate,
      due_date: r.dueDate,
      currency: r.currency,
      amount_minor: r.amount,
      status: r.status,
    };
    const old = this.q.invoice.get(r.number) as InvoiceRow | undefined;
    let outcome: ApplyOutcome['invoice'] = 'unchanged';
    if (!old) {
      this.q.insertInvoice.run(next);
      // What was paid (or, for a credit note, applied) before the invoice reached us is part of
      // the imported invoice, not news.
      if (r.amountPaid !== 0) this.q.insertPayment.run(r.number, r.issueDate, r.amountPaid, 'paid before import');
      return { invoice: 'added', paymentMinor: 0 };
    }
    const changes = diff(old, next, INVOICE_FIELDS);
    if (changes) {
      this.q.updateInvoice.run(next);
      this.events.append({
        kind: 'invoice-updated',
        customerId: r.customerId,
        invoiceNumber: r.number,
        data: { file: this.source.file, changes },
      });
      outcome = 'updated';
    }
    // A newer export that shows more paid (or more of a credit applied) than we know of brings a
    // payment, dated the as-of day.
    const delta = r.amountPaid - (this.q.paid.get(r.number) as number);
    if (r.amount >= 0 ? delta > 0 : delta < 0) {
      this.q.insertPayment.run(r.number, this.source.asOf, delta, `import ${this.source.file}`);
      this.events.append({
        kind: 'payment',
        customerId: r.customerId,
        invoiceNumber: r.number,
        data: { source: 'import', file: this.source.file, currency: r.currency, minor: delta, on: this.source.asOf },
      });
      return { invoice: outcome, paymentMinor: delta };
    }
    return { invoice: outcome, paymentMinor: 0 };
  }
}

function diff<T extends object>(old: T, next: T, fields: readonly (keyof T)[]): Record<string, { from: unknown; to: unknown }> | null {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (old[f] !== next[f]) changes[String(f)] = { from: old[f], to: next[f] };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
