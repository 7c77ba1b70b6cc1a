/**
 * A part of the customers by id, in SQLite's order: those after `after` (exclusive) up to
 * `upTo` (inclusive); an end left out is open. Two threads plan the two parts of a large ledger,
 * each reading only its own customers' invoices, contacts and payment histories.
 */
export interface CustomerSpan {
  after?: string;
  upTo?: string;
}

/** SQL keeping the customer ids (a column) within the span: `@after`, `@upTo` as parameters (spread the span into them). */
export function spanSql(column: string, span: CustomerSpan | undefined): string {
  return `${span?.after === undefined ? '' : ` AND ${column} > @after`}${span?.upTo === undefined ? '' : ` AND ${column} <= @upTo`}`;
}
