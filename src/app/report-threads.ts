import type { Ledger } from '../ledger/open.js';
import { invoiceRowSpan, receivablePieces, type RowSpan } from '../ledger/report-receivables.js';
import type { Piece } from '../report/receivables.js';
import type { readPieces } from './report-worker.js';
import { startInWorker } from './second-thread.js';

// By way of ../app/: the same file from dist/app/ (tsc's output) and from the CLI's bundle in dist/cjs/.
const WORKER = new URL('../app/report-worker.js', import.meta.url);

/** The invoices' span when a worker may help: a ledger on disk, not in a transaction, of at least `minInvoices`. */
function worthASecondThread(db: Ledger, minInvoices: number): RowSpan | null {
  const span = db.memory || db.inTransaction ? null : invoiceRowSpan(db);
  // A worker costs tens of milliseconds to start: worth it only for a large ledger.
  return span === null || span.last - span.first + 1 < minInvoices ? null : span;
}

/**
 * Starts reading the ledger's receivable pieces (CEI, DSO) in a second thread, so the other
 * core works while this one does the rest of a report; `take()` waits for them. `'all'`: the
 * worker reads every invoice; `'half'`: the worker reads the later half and this thread the
 * earlier one inside `take()`. Where no worker can help (a ledger in memory or in a
 * transaction, a ledger of fewer than `minInvoices`, a worker that fails) the pieces are read
 * here: the same pieces.
 */
export function startPieces(db: Ledger, share: 'all' | 'half', minInvoices = 50_000): { take(): Piece[]; helped(): boolean } {
  const span = worthASecondThread(db, minInvoices);
  if (span === null) return { take: () => receivablePieces(db), helped: () => false };
  const split = share === 'all' ? span.first - 1 : Math.floor((span.first + span.last) / 2);
  const theirs = { first: split + 1, last: span.last };
  const worker = startInWorker<ReturnType<typeof readPieces>>(WORKER, 'readPieces', { path: db.name, span: theirs });
  let answered = false;
  return {
    /** Whether the worker's pieces were used (after take()). */
    helped: () => answered,
    take() {
      const mine = split < span.first ? [] : receivablePieces(db, { first: span.first, last: split });
      const read = worker.take();
      answered = read !== undefined;
      return mine.concat(read ?? receivablePieces(db, theirs));
    },
  };
}
