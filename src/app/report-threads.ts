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
 * core works while this one does the rest of a report; `take()` waits for them. `mine`: the
 * share of the invoices (by rowid, the earlier ones) this thread reads inside `take()`, the
 * worker the rest: 0 while this thread has a report of its own to make (the page), a half for
 * `cei` or `dso` alone, a little under a third for the overview (its aging and five customers
 * take this thread about half as long as the pieces). Where no worker can help (a ledger in
 * memory or in a transaction, a ledger of fewer than `minInvoices`, a worker that fails) the
 * pieces are read here: the same pieces.
 */
export function startPieces(db: Ledger, mine: number, minInvoices = 50_000): { take(): Piece[]; helped(): boolean } {
  const span = worthASecondThread(db, minInvoices);
  if (span === null) return { take: () => receivablePieces(db), helped: () => false };
  const split = span.first - 1 + Math.floor((span.last - span.first + 1) * mine);
  const theirs = { first: split + 1, last: span.last };
  const worker = startInWorker<ReturnType<typeof readPieces>>(WORKER, 'readPieces', { path: db.name, span: theirs });
  let answered = false;
  return {
    /** Whether the worker's pieces were used (after take()). */
    helped: () => answered,
    take() {
      const own = split < span.first ? [] : receivablePieces(db, { first: span.first, last: split });
      const read = worker.take();
      answered = read !== undefined;
      return own.concat(read ?? receivablePieces(db, theirs));
    },
  };
}
