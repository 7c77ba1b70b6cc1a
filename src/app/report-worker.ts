import { openLedger, type Ledger } from '../ledger/open.js';
import { noInvoiceAfter, receivablePieces, receivablesRead, type RowSpan } from '../ledger/report-receivables.js';
import type { Policy } from '../domain/policy.js';
import type { CustomerSpan } from '../ledger/open-invoices.js';
import type { Piece } from '../report/receivables.js';
import type { ReportRequest } from './report.js';
import { customersPart, MOVED_ON, type AgingWanted, type CustomersAnswer } from './report-customers.js';
import { laidOutInWorker } from './customers-table.js';
import type { Ask } from './second-thread.js';

/** Parts of a report read in a thread of their own (report-threads.ts, report-customers.ts), each over a read-only connection of the same ledger. */
function reading<T>(path: string, read: (db: Ledger) => T): T {
  const db = openLedger(path, { readonly: true, create: false, mapped: true });
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

/**
 * The customers report of a span of the customers (none without a span; report-customers.ts); with `checkInvoices`,
 * whether any invoice was issued or imported after the day (then MOVED_ON instead of the part);
 * with `pieces`, every receivable piece of the ledger too (the page's months), whose reading of
 * every open invoice answers that question on the way (other invoices count nowhere); with
 * `table`, its half of the terminal's table instead of its rows (customers-table.ts).
 */
export function customersPartOf(
  job: { path: string; policy: Policy; req: ReportRequest; span: CustomerSpan | null; wanted: AgingWanted; checkInvoices?: boolean; pieces?: boolean; table?: boolean },
  ask?: Ask,
): CustomersAnswer {
  return reading(job.path, (db) => {
    // No span: no customers here (beside the pieces, the starting thread plans them all).
    const part = () => (job.span === null ? [] : [customersPart(db, job.policy, job.req, job.span, job.wanted)]);
    if (!job.pieces) {
      if (job.checkInvoices && !noInvoiceAfter(db, job.req.asOf)) return { parts: MOVED_ON };
      const parts = part();
      const mine = parts[0];
      if (!job.table || ask === undefined || mine === undefined) return { parts };
      // The table's half: the lines, not the rows, cross back.
      return { parts: [{ ...mine, rows: [] }], table: laidOutInWorker(mine.rows, ask) };
    }
    const parts = part();
    const { pieces, latest } = receivablesRead(db);
    return { parts: job.checkInvoices && latest !== null && latest > job.req.asOf ? MOVED_ON : parts, pieces };
  });
}
