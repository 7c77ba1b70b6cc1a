import type { IsoDate } from '../domain/dates.js';
import { openLedger, type Ledger } from '../ledger/open.js';
import { namesOfCustomersBilled, receivablePieces, type RowSpan } from '../ledger/report-receivables.js';
import type { Piece } from '../report/receivables.js';

/** Parts of a report read in a thread of their own (report-threads.ts), each over a read-only connection of the same ledger. */
function reading<T>(path: string, read: (db: Ledger) => T): T {
  const db = openLedger(path, { readonly: true, create: false });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The receivable pieces of the invoices in a span. */
export function readPieces(job: { path: string; span: RowSpan }): Piece[] {
  return reading(job.path, (db) => receivablePieces(db, job.span));
}

/** The names of every customer an aging on `asOf` can list. */
export function readNames(job: { path: string; asOf: IsoDate }): [string, string][] {
  return reading(job.path, (db) => namesOfCustomersBilled(db, job.asOf));
}
