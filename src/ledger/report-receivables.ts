import type { IsoDate } from '../domain/dates.js';
import { fromEpochDay, toEpochDay } from '../domain/dates.js';
import type { AgingRow } from '../report/aging.js';
import type { Piece } from '../report/receivables.js';
import { spanSql, type CustomerSpan } from './customer-span.js';
import { jsonRows } from './json-rows.js';
import type { Ledger } from './open.js';

/**
 * The reports' reads of receivables. Only open invoices count (draft, void and written-off are
 * left out). What an export said was already paid has no date: it counts from the day of the
 * import that brought the invoice (imported_on; the issue day when unknown). A payment that
 * replaced part of it counts from the same day, never before.
 */
const IMPORTED = 'COALESCE(i.imported_on, i.issue_date)';

/**
 * A payment row that replaced part of an export's undated "already paid" (its kind, migration
 * 9): it counts from the import's day, never before. Voided payments leave the table
 * (voided_payments), so every row of it counts.
 */
export const REPLACED = `(p.kind = 'replaced')`;

/**
 * Sums amounts by a key in JavaScript, as SQLite hands over each row: GROUP BY would first sort
 * all the rows (a million invoices), which took three times as long as this one pass.
 */
function sumsByKey(db: Ledger, sql: string, params: Record<string, unknown> = {}): Map<string, [number, number]> {
  const sums = new Map<string, [number, number]>();
  const step = (n: number, key: string, a: number, b: number) => {
    const s = sums.get(key);
    if (s) {
      s[0] += a;
      s[1] += b;
    } else sums.set(key, [a, b]);
    return n + 1;
  };
  // better-sqlite3's types give a step one argument; SQLite passes every argument of the call.
  db.aggregate('report_sum', { start: 0, step: step as unknown as (n: number, next: unknown) => number });
  db.prepare(sql).pluck().get(params);
  return sums;
}

// A piece's key: currency (3) | issue day (10) | due day (10) | the day it counts from (10) | credit note (1).
const KEY = (from: string) => `i.currency || i.issue_date || i.due_date || ${from} || (i.amount_minor < 0)`;

/** A span of the invoices table by rowid, both ends included: a part of the ledger to read. */
export interface RowSpan {
  first: number;
  last: number;
}

/** The invoices' rowids, first and last; null for a ledger without invoices. Two index look-ups. */
export function invoiceRowSpan(db: Ledger): RowSpan | null {
  // Each in its own subquery: SQLite answers a lone MIN or MAX from the b-tree's end, both in one query by a scan.
  const [first, last] = db.prepare(`SELECT (SELECT MIN(rowid) FROM invoices), (SELECT MAX(rowid) FROM invoices)`).raw().get() as [number | null, number | null];
  return first === null || last === null ? null : { first, last };
}

/**
 * Every open invoice's amount, what its export said was paid and each payment, summed by
 * currency, day and due date: receivables on any day are the pieces counted by then. Two
 * scans, whatever the number of days asked about. `span`: only the invoices in it (pieces of
 * two spans add up: a key may come from both).
 */
export function receivablePieces(db: Ledger, span?: RowSpan): Piece[] {
  return receivablesRead(db, span).pieces;
}

/**
 * receivablePieces, and the latest day any open invoice read was issued or imported (null
 * without one): the same scan answers whether an open invoice is dated after a day.
 */
export function receivablesRead(db: Ledger, span?: RowSpan): { pieces: Piece[]; latest: IsoDate | null } {
  const pieces: Piece[] = [];
  let latest: IsoDate | null = null;
  const add = (key: string, minor: number, sale: boolean) => {
    const issued = toEpochDay(key.slice(3, 13));
    const from = sale ? issued : Math.max(issued, toEpochDay(key.slice(23, 33)));
    pieces.push({ currency: key.slice(0, 3), from, due: toEpochDay(key.slice(13, 23)), sale, credit: key[33] === '1', minor });
  };
  const within = span === undefined ? '' : 'AND i.rowid BETWEEN @first AND @last';
  const invoices = sumsByKey(db, `SELECT report_sum(${KEY(IMPORTED)}, i.amount_minor, i.paid_before_minor) FROM invoices i WHERE i.status = 'open' ${within}`, { ...span });
  for (const [key, [amount, paidBefore]] of invoices) {
    add(key, amount, true);
    if (paidBefore !== 0) add(key, -paidBefore, false);
    // The day it counts from is the import's (the issue day when none is recorded).
    const day = key.slice(3, 13) > key.slice(23, 33) ? key.slice(3, 13) : key.slice(23, 33);
    if (latest === null || day > latest) latest = day;
  }
  const payments = sumsByKey(
    db,
    `SELECT report_sum(${KEY(`CASE WHEN ${REPLACED} THEN MAX(p.paid_on, ${IMPORTED}) ELSE p.paid_on END`)}, p.amount_minor, 0)
     FROM payments p JOIN invoices i ON i.number = p.invoice_number WHERE i.status = 'open' ${within}`,
    { ...span },
  );
  for (const [key, [minor]] of payments) add(key, -minor, false);
  return { pieces, latest };
}

/**
 * Each customer's aging on `asOf`, per currency, in customer and currency order (JavaScript's). What each open
 * invoice issued by then still owed that day (by payments dated by then, and what its export
 * said was paid once imported) is summed into buckets inside SQLite, so a million-invoice ledger
 * hands JavaScript one row per customer and currency, not one per invoice. Invoices no payment
 * reached by then owe what their own row says (no look-up per invoice); those with payments are
 * summed from the payments' side. When no invoice was imported after the
 * day, what every invoice no payment reached owes is what the index of those still owing
 * (migration 11) holds: no scan of the paid history. `names`: each row carries the customer's
 * name (else null). `importedLater`: whether an invoice was imported after the day, when the
 * caller already knows (nothingAfter answered it); else asked here, by a scan.
 */
export function agingByCustomer(db: Ledger, asOf: IsoDate, currency?: string, names = true, importedLater = importedAfter(db, asOf)): AgingRow[] {
  const today = toEpochDay(asOf);
  const params = { asOf, currency, d30: fromEpochDay(today - 30), d60: fromEpochDay(today - 60), d90: fromEpochDay(today - 90) };
  const counted = `p.paid_on <= @asOf`;
  const ofCurrency = currency === undefined ? '' : 'AND i.currency = @currency';
  const unpaid = importedLater
    ? `SELECT i.customer_id, i.currency, i.due_date, i.amount_minor - CASE WHEN ${IMPORTED} <= @asOf THEN i.paid_before_minor ELSE 0 END AS minor
       FROM invoices i NOT INDEXED WHERE i.status = 'open' AND i.issue_date <= @asOf ${ofCurrency} AND minor <> 0`
    : `SELECT i.customer_id, i.currency, i.due_date, i.amount_minor - i.paid_before_minor AS minor
       FROM invoices i INDEXED BY invoices_owing WHERE i.status = 'open' AND i.amount_minor <> i.paid_before_minor AND i.issue_date <= @asOf ${ofCurrency}`;
  const paid = `SELECT i.customer_id, i.currency, i.due_date,
       i.amount_minor - CASE WHEN ${IMPORTED} <= @asOf THEN i.paid_before_minor ELSE 0 END
       - SUM(CASE WHEN ${IMPORTED} <= @asOf OR NOT ${REPLACED} THEN p.amount_minor ELSE 0 END) AS minor
     FROM payments p JOIN invoices i ON i.number = p.invoice_number
     WHERE ${counted} AND i.status = 'open' AND i.issue_date <= @asOf ${ofCurrency}
     GROUP BY p.invoice_number HAVING minor <> 0`;
  const owed = (range: string) => `SUM(CASE WHEN minor > 0 AND ${range} THEN minor ELSE 0 END)`;
  // Each part summed on its own: the invoices no payment reached in the index's order (customer,
  // currency: no sort), those with payments from the payments' side.
  const summed = (balances: string) =>
    jsonRows<AgingRow>(
      db,
      'customer_id, name, currency, current, d30, d60, d90, over90, credits',
      `FROM (
         SELECT customer_id, ${names ? '(SELECT c.name FROM customers c WHERE c.id = customer_id)' : 'NULL'} AS name, currency,
                ${owed('due_date >= @asOf')} AS current, ${owed('due_date < @asOf AND due_date >= @d30')} AS d30,
                ${owed('due_date < @d30 AND due_date >= @d60')} AS d60, ${owed('due_date < @d60 AND due_date >= @d90')} AS d90,
                ${owed('due_date < @d90')} AS over90, SUM(CASE WHEN minor < 0 THEN minor ELSE 0 END) AS credits
         FROM (${balances}) GROUP BY customer_id, currency
       )`,
      params,
    );
  const rows = summed(`${unpaid} AND i.number NOT IN (SELECT p.invoice_number FROM payments p WHERE ${counted})`);
  const withPayments = summed(paid);
  // In JavaScript's order (SQLite's GROUP BY order differs past U+FFFF): a check, for rows that come in it.
  return (withPayments.length === 0 ? rows : addedUp(rows, withPayments)).sort(byCustomerAndCurrency);
}

const byCustomerAndCurrency = (x: AgingRow, y: AgingRow) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);

/** Two lists of agings as one: the rows of a customer and currency found in both, summed. */
function addedUp(a: AgingRow[], b: AgingRow[]): AgingRow[] {
  const byKey = new Map<string, AgingRow>();
  for (const row of [...a, ...b]) {
    const key = `${row[0]}\u0000${row[2]}`;
    const sum = byKey.get(key);
    if (sum === undefined) byKey.set(key, [...row]);
    else for (let k = 3; k < row.length; k++) (sum[k] as number) += row[k] as number;
  }
  return [...byKey.values()];
}

/** Whether any invoice was imported after `asOf` (a day's balances then differ from today's). One scan. */
export function importedAfter(db: Ledger, asOf: IsoDate): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM invoices i NOT INDEXED WHERE i.imported_on > ?)`).pluck().get(asOf) !== 0;
}

/** The names of these customers, each read once. */
export function customerNames(db: Ledger, ids: Iterable<string>): Map<string, string> {
  const rows = db.prepare(`SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify([...ids])) as [string, string][];
  return new Map(rows);
}

/**
 * Whether the ledger holds nothing dated after `asOf`: no letter or note written later, no
 * payment dated later, no invoice issued or imported later. Then every balance and stage on
 * `asOf` is today's, the ones the planner reads, and a report may plan and age the planner's
 * accounts instead of reading the ledger as it stood. Scans that read no row into JavaScript,
 * the cheapest first.
 */
export function nothingAfter(db: Ledger, asOf: IsoDate): boolean {
  return nothingRecordedAfter(db, asOf) && noInvoiceAfter(db, asOf);
}

/** nothingAfter's cheap questions: no letter or note written after `asOf`, no payment dated later. */
export function nothingRecordedAfter(db: Ledger, asOf: IsoDate): boolean {
  // A contact voided later was never sent: the planner does not read it either.
  if (db.prepare(`SELECT EXISTS (SELECT 1 FROM contacts c WHERE c.contacted_on > ? AND c.voided = 0)`).pluck().get(asOf) !== 0) return false;
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM payments p WHERE p.paid_on > ?)`).pluck().get(asOf) === 0;
}

/** nothingAfter's costly question, a scan of every invoice: none issued or imported after `asOf`. */
export function noInvoiceAfter(db: Ledger, asOf: IsoDate): boolean {
  // Any invoice, open or not: stricter than needed, and cheaper than reading its status.
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM invoices i NOT INDEXED WHERE i.issue_date > @asOf OR i.imported_on > @asOf)`).pluck().get({ asOf }) === 0;
}

/** Each customer's last collection contact (letters and notes, not voided) on or before `asOf`; all customers, or a span's. */
export function lastContacts(db: Ledger, asOf: IsoDate, span?: CustomerSpan): Map<string, IsoDate> {
  return new Map(
    jsonRows<[string, IsoDate]>(
      db,
      'customer_id, on_',
      `FROM (SELECT customer_id, MAX(contacted_on) AS on_ FROM contacts WHERE voided = 0 AND kind IN ('letter', 'note') AND contacted_on <= @asOf${spanSql('customer_id', span)} GROUP BY customer_id)`,
      { asOf, ...span },
    ),
  );
}
