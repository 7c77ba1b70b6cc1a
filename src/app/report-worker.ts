import { openLedger } from '../ledger/open.js';
import { receivablePieces, type RowSpan } from '../ledger/report-receivables.js';
import type { Piece } from '../report/receivables.js';

/** A report's receivable pieces read in a thread of their own (pieces-parallel.ts), over a read-only connection of the same ledger. */
export function readPieces(job: { path: string; span: RowSpan }): Piece[] {
  const db = openLedger(job.path, { readonly: true, create: false });
  try {
    return receivablePieces(db, job.span);
  } finally {
    db.close();
  }
}
