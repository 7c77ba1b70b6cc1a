import type { Account, Customer, InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import type { PaymentHistory } from '../domain/segments.js';
import { loadFees } from './fees.js';
import type { Ledger } from './open.js';
import { loadPlanStandings } from './plans.js';

interface Row {
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
  const filter = onlyCustomer === undefined ? '' : 'AND i.customer_id = @customer';
  const rows = db
    .prepare(
      `WITH paid AS (
         SELECT invoice_number, SUM(amount_minor) AS paid FROM payments GROUP BY invoice_number
       ), staged AS (
         SELECT ci.invoice_number, ci.stage, c.contacted_on,
                ROW_NUMBER() OVER (PARTITION BY ci.invoice_number ORDER BY c.id DESC) AS rn
         FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
         WHERE c.voided = 0 AND ci.stage IS NOT NULL AND ci.stage <> '${THANK_YOU}'
       ), thanked AS (
         SELECT DISTINCT ci.invoice_number FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
         WHERE c.voided = 0 AND ci.stage = '${THANK_YOU}'
       )
       SELECT i.number, i.customer_id, i.issue_date, i.due_date, i.currency, i.amount_minor,
              COALESCE(p.paid, 0) AS paid, s.stage, s.contacted_on AS stage_on,
              (t.invoice_number IS NOT NULL) AS thanked,
              EXISTS (SELECT 1 FROM holds h WHERE h.invoice_number = i.number AND h.released_on IS NULL
                      AND (h.until IS NULL OR h.until >= @asOf)) AS held
       FROM invoices i
       LEFT JOIN paid p ON p.invoice_number = i.number
       LEFT JOIN staged s ON s.invoice_number = i.number AND s.rn = 1
       LEFT JOIN thanked t ON t.invoice_number = i.number
       WHERE i.status = 'open' ${filter}
       ORDER BY i.customer_id, i.due_date, i.number`,
    )
    .all({ asOf, customer: onlyCustomer }) as Row[];

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
