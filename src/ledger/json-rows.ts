import type { Ledger } from './open.js';

/**
 * Every row of `SELECT <columns> <rest>`, each as the array of its values, handed over as one
 * JSON text that SQLite builds and V8 parses at once. better-sqlite3 hands rows over value by
 * value, about 0.3 µs a value: the planner's 91,000 owing invoices of a million-invoice ledger
 * (9 columns) took 0.46–0.62 s that way, 0.24 s as one JSON text. For the large reads of the
 * planner and the reports. `rest` holds no GROUP BY (wrap a grouped query in a subquery);
 * `orderBy`: the rows' order, where it matters. Integers beyond 2^53 would lose precision, as
 * they would as JavaScript numbers anyway (amounts are far below it).
 */
export function jsonRows<T extends unknown[]>(db: Ledger, columns: string, rest: string, params: unknown = {}, orderBy?: string): T[] {
  const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
  const text = db.prepare(`SELECT json_group_array(json_array(${columns})${order}) ${rest}`).pluck().get(params) as string;
  return JSON.parse(text) as T[];
}
