import { openLedger } from '../ledger/open.js';
import { receivablePieces } from '../ledger/report-receivables.js';
import type { PiecesJob, PiecesReply } from './pieces-parallel.js';

/** A report's receivable pieces read in a thread of their own (pieces-parallel.ts), over a read-only connection of the same ledger. */
export function readPieces(job: Pick<PiecesJob, 'path' | 'span'>): PiecesReply {
  const db = openLedger(job.path, { readonly: true, create: false });
  try {
    return { pieces: receivablePieces(db, job.span) };
  } finally {
    db.close();
  }
}
