import type { Ledger } from '../ledger/open.js';
import { invoiceRowSpan, receivablePieces } from '../ledger/report-receivables.js';
import type { Piece } from '../report/receivables.js';
import type { readPieces } from './pieces-worker.js';
import { startInWorker } from './second-thread.js';

/**
 * Starts reading the ledger's receivable pieces (CEI, DSO) in a second thread, so the other
 * core works while this one does the rest of a report; `take()` waits for them. `'all'`: the
 * worker reads every invoice; `'half'`: the worker reads the later half and this thread the
 * earlier one inside `take()`. Where no worker can help (a ledger in memory or in a
 * transaction, a ledger of fewer than `minInvoices`, a worker that fails) the pieces are read
 * here: the same pieces.
 */
export function startPieces(db: Ledger, share: 'all' | 'half', minInvoices = 50_000): { take(): Piece[]; helped(): boolean } {
  const span = db.memory || db.inTransaction ? null : invoiceRowSpan(db);
  // A worker costs tens of milliseconds to start: worth it only for a large ledger.
  if (span === null || span.last - span.first + 1 < minInvoices) return { take: () => receivablePieces(db), helped: () => false };
  const split = share === 'all' ? span.first - 1 : Math.floor((span.first + span.last) / 2);
  const theirs = { first: split + 1, last: span.last };
  // By way of ../app/: the same file from dist/app/ (tsc's output) and from the CLI's bundle in dist/cjs/.
  const worker = startInWorker<ReturnType<typeof readPieces>>(new URL('../app/pieces-worker.js', import.meta.url), 'readPieces', { path: db.name, span: theirs });
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
