import type { Account, Customer, InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import type { PaymentHistory } from '../domain/segments.js';
import { loadFees } from './fees.js';
import type { Ledger } from './open.js';
import { openInvoiceRows } from './open-invoices.js';
import { loadPlanStandings } from './plans.js';


/**
 * Each customer's payment history up to `asOf`: invoices paid in full, the day the payment that
 * settled each arrived, and how late that was. One query for all customers.
 */
export function loadHistories(db: Ledger, asOf: IsoDate, onlyCustomer?: string): Map<string, PaymentHistory> {
  const filter = onlyCustomer === undefined ? '' : 'AND i.customer_id = @customer';
  const rows = db
    .prepare(
      `WITH running AS (
         SELECT p.invoice_number, p.paid_on,
                SUM(p.amount_minor) OVER (PARTITION BY p.invoice_number ORDER BY p.paid_on, p.id) AS total
         FROM payments p WHERE p.paid_on <= @asOf
       ), settled AS (
         SELECT r.invoice_number, MIN(r.paid_on) AS paid_on
         FROM running r JOIN invoices i ON i.number = r.invoice_number
         WHERE i.amount_minor > 0 AND r.total >= i.amount_minor ${filter}
         GROUP BY r.invoice_number
       )
       SELECT i.customer_id, COUNT(*) AS paid, SUM(s.paid_on <= i.due_date) AS on_time,
              SUM(MAX(0, CAST(julianday(s.paid_on) - julianday(i.due_date) AS INTEGER))) AS days_late
       FROM settled s JOIN invoices i ON i.number = s.invoice_number
       GROUP BY i.customer_id`,
    )
    .all({ asOf, customer: onlyCustomer }) as { customer_id: string; paid: number; on_time: number; days_late: number }[];
  return new Map(rows.map((r) => [r.customer_id, { paidInvoices: r.paid, onTime: r.on_time, daysLateTotal: r.days_late }]));
}

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

  const plans = loadPlanStandings(db, asOf, onlyCustomer);
  const histories = loadHistories(db, asOf, onlyCustomer);
  const fees = loadFees(db, onlyCustomer);

  const accounts: Account[] = [];
  for (const customer of customers) {
    const invoices = byCustomer.get(customer.id);
    if (!invoices) continue;
    const plan = plans.get(customer.id) ?? null;
    if (plan?.state === 'kept') {
      const covered = new Set(plan.plan.invoices);
      for (const i of invoices) if (covered.has(i.number)) i.planned = true;
    }
    accounts.push({
      customer,
      invoices,
      lastContactOn: lastContact.get(customer.id) ?? null,
      hold: held.has(customer.id),
      planKept: plan?.state === 'kept',
      graceDays: 0,
      plan,
      history: histories.get(customer.id),
      fees: fees.get(customer.id) ?? [],
    });
  }
  return accounts.sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
}
