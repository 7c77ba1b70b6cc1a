import type { Account, Customer, InvoiceState } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import type { Policy } from '../domain/policy.js';
import type { PaymentHistory } from '../domain/segments.js';
import { loadFees } from './fees.js';
import { holdInForce } from './holds.js';
import { jsonRows } from './json-rows.js';
import type { Ledger } from './open.js';
import { spanSql, type CustomerSpan } from './customer-span.js';
import { openInvoices } from './open-invoices.js';
import { sortShort } from '../domain/sort-short.js';
import { loadArrangementStandings } from './arrangements.js';


/**
 * Each customer's payment history up to `asOf`: invoices paid in full, the day the payment that
 * settled each arrived, and how late that was. One query for all customers; an invoice paid in one payment
 * settled on that day if it covered the amount, and only invoices paid in several have their
 * running total walked to the day it first reached the amount (cheaper than a window over
 * every payment in the ledger).
 */
export function loadHistories(db: Ledger, asOf: IsoDate, onlyCustomer?: string, span?: CustomerSpan): Map<string, PaymentHistory> {
  // Every customer's: from the payments' side (in invoice order, so grouping needs no sort), a
  // cost that grows with the payments, not the invoices. One customer's: through its invoices.
  const [from, filter] =
    onlyCustomer === undefined
      ? ['payments p CROSS JOIN invoices i ON i.number = p.invoice_number', '']
      : ['invoices i CROSS JOIN payments p ON p.invoice_number = i.number', 'AND i.customer_id = @customer'];
  // One row per customer who ever paid: one JSON text (json-rows.ts), the grouping in a subquery.
  const rows = jsonRows<[string, number, number, number]>(
    db,
    'customer_id, paid, on_time, days_late',
    `FROM (WITH invoice AS (
         SELECT i.number, i.customer_id, i.due_date, i.amount_minor AS amount,
                COUNT(*) AS n, SUM(p.amount_minor) AS total, MIN(p.paid_on) AS first_on
         FROM ${from}
         -- What an export said was paid before the import has no date: it tells nothing of how
         -- promptly the customer pays, so such an invoice stays out of the history.
         WHERE p.paid_on <= @asOf AND i.amount_minor > 0 AND i.paid_before_minor = 0 ${filter}${spanSql('i.customer_id', span)}
         GROUP BY p.invoice_number
       ), settled AS (
         SELECT customer_id, due_date,
                CASE WHEN n = 1 THEN (CASE WHEN total >= amount THEN first_on END)
                ELSE (SELECT MIN(r.paid_on) FROM (
                        SELECT q.paid_on, SUM(q.amount_minor) OVER (ORDER BY q.paid_on, q.id) AS running
                        FROM payments q WHERE q.invoice_number = invoice.number AND q.paid_on <= @asOf) r
                      WHERE r.running >= invoice.amount) END AS paid_on
         FROM invoice
       )
       SELECT customer_id, COUNT(*) AS paid, SUM(paid_on <= due_date) AS on_time,
              SUM(MAX(0, CAST(julianday(paid_on) - julianday(due_date) AS INTEGER))) AS days_late
       FROM settled WHERE paid_on IS NOT NULL
       GROUP BY customer_id)`,
    { asOf, customer: onlyCustomer, ...span },
  );
  return new Map(rows.map(([id, paid, onTime, daysLate]) => [id, { paidInvoices: paid, onTime, daysLateTotal: daysLate }]));
}

type CustomerRow = [string, string, string | null, string | null, string | null, string | null, string | null];

export interface LoadOptions {
  /**
   * Load each customer's payment history (default true). Only segments read it, and it costs
   * a pass over every payment in the ledger, so a policy without segments skips it.
   */
  history?: boolean;
  /** Only the customers in this span (two threads plan the two halves of a large ledger). */
  span?: CustomerSpan;
}

/** The options for planning under `policy`: histories only when it has segments to place customers in. */
export function historyFor(policy: Pick<Policy, 'segments'>): LoadOptions {
  return { history: (policy.segments?.length ?? 0) > 0 };
}

/**
 * Loads every customer with something to plan: open invoices and credits, and paid invoices
 * not yet thanked for. Each invoice's stage is derived from the contacts that named it.
 */
export function loadAccounts(db: Ledger, asOf: IsoDate, onlyCustomer?: string, options: LoadOptions = {}): Account[] {
  // One read: a command committing meanwhile is seen by every query or by none.
  return db.transaction(() => readAccounts(db, asOf, onlyCustomer, options))();
}

function readAccounts(db: Ledger, asOf: IsoDate, onlyCustomer: string | undefined, options: LoadOptions): Account[] {
  const { held, heldInvoices } = holdsOn(db, asOf);
  const byCustomer = byCustomerOldestFirst(openInvoices(db, heldInvoices, onlyCustomer, options.span));
  if (byCustomer.size === 0) return [];
  const customers = customersOf(db, [...byCustomer.keys()]);
  const lastContact = new Map(
    jsonRows<[string, IsoDate]>(
      db,
      'customer_id, on_',
      `FROM (SELECT customer_id, MAX(contacted_on) AS on_ FROM contacts WHERE voided = 0 AND kind IN ('letter', 'note')${spanSql('customer_id', options.span)} GROUP BY customer_id)`,
      { ...options.span },
    ),
  );
  const plans = loadArrangementStandings(db, asOf, onlyCustomer);
  const histories = options.history === false ? new Map<string, PaymentHistory>() : loadHistories(db, asOf, onlyCustomer, options.span);
  const fees = loadFees(db, onlyCustomer);

  const accounts: Account[] = [];
  for (const customer of customers) {
    const invoices = byCustomer.get(customer.id);
    if (!invoices) continue;
    const plan = plans.get(customer.id) ?? null;
    if (plan?.state === 'kept') {
      const covered = new Set(plan.arrangement.invoices);
      for (const i of invoices) if (covered.has(i.number)) i.planned = true;
    }
    accounts.push({
      customer,
      invoices,
      lastContactOn: lastContact.get(customer.id) ?? null,
      hold: held.has(customer.id),
      arrangement: plan,
      history: histories.get(customer.id),
      fees: fees.get(customer.id) ?? [],
    });
  }
  return accounts.sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));
}

// The steps of readAccounts, each its own function with its own loop: V8 compiles a small loop
// once, where one long function was recompiled at each loop it had not yet run (issue 17's profile).

/** Holds in force, on whole customers and on single invoices. */
function holdsOn(db: Ledger, asOf: IsoDate): { held: Set<string>; heldInvoices: Set<string> } {
  const held = new Set<string>();
  const heldInvoices = new Set<string>();
  const holds = db
    .prepare(`SELECT customer_id, invoice_number FROM holds WHERE ${holdInForce('?')}`)
    .raw()
    .all(asOf) as [string | null, string | null][];
  for (const [customer, invoice] of holds) {
    if (customer !== null) held.add(customer);
    if (invoice !== null) heldInvoices.add(invoice);
  }
  return { held, heldInvoices };
}

/** The invoices by customer, each customer's oldest first: by due date, then number. */
function byCustomerOldestFirst(invoices: InvoiceState[]): Map<string, InvoiceState[]> {
  const byCustomer = new Map<string, InvoiceState[]>();
  for (let k = 0; k < invoices.length; k++) {
    const invoice = invoices[k]!;
    const list = byCustomer.get(invoice.customerId);
    if (list === undefined) byCustomer.set(invoice.customerId, [invoice]);
    else list.push(invoice);
  }
  for (const list of byCustomer.values()) if (list.length > 1) sortShort(list, oldestFirst);
  return byCustomer;
}

const oldestFirst = (a: InvoiceState, b: InvoiceState) => (a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

/**
 * The customers with something to plan, each found by its id: reading every customer would make
 * strings of all their names and addresses. An email that bounced (dunning send, dunning bounce)
 * is no way to reach the customer until a new one is recorded: the plan writes by post, or flags
 * the account (issue 16).
 */
function customersOf(db: Ledger, ids: string[]): Customer[] {
  const rows = jsonRows<CustomerRow>(
    db,
    `id, name, CASE WHEN EXISTS (SELECT 1 FROM bounces b WHERE b.customer_id = customers.id AND b.address = customers.email) THEN NULL ELSE email END,
     language, address, phone, contact_name`,
    'FROM customers WHERE id IN (SELECT value FROM json_each(?))',
    JSON.stringify(ids),
  );
  const customers: Customer[] = [];
  // Indexed, not destructured: a destructuring loop allocates an iterator's results per row until V8 optimises it.
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const contactName = r[6];
    customers.push(
      contactName
        ? { id: r[0], name: r[1], email: r[2], language: r[3], address: r[4], phone: r[5], contactName }
        : { id: r[0], name: r[1], email: r[2], language: r[3], address: r[4], phone: r[5] },
    );
  }
  return customers;
}
