import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Ledger } from '../ledger/open.js';
import { invoiceRowSpan, receivablePieces, type RowSpan } from '../ledger/report-receivables.js';
import type { Piece } from '../report/receivables.js';

export interface PiecesJob {
  /** pieces-worker.js, as a file URL. */
  module: string;
  path: string;
  span: RowSpan;
  port: MessagePort;
  /** Set to 1 by the worker once it has answered. */
  done: Int32Array;
}

export type PiecesReply = { pieces: Piece[] } | { error: string };

/** Longer than any read of pieces takes; then this thread reads them itself. */
const PATIENCE_MS = 10 * 60_000;

/**
 * The worker's first lines: load pieces-worker.js and answer, whatever happens (a module that
 * fails to load included), then wake the waiting thread, which cannot hear a worker's events.
 */
const BOOTSTRAP = `
const { workerData: job } = require('node:worker_threads');
import(job.module)
  .then((m) => m.readPieces(job))
  .catch((e) => ({ error: String(e && e.message || e) }))
  .then((reply) => { job.port.postMessage(reply); Atomics.store(job.done, 0, 1); Atomics.notify(job.done, 0); });
`;

/**
 * Starts reading the ledger's receivable pieces (CEI, DSO) in a second thread, so the other
 * core works while this one does the rest of a report; `take()` waits for them. `'all'`: the
 * worker reads every invoice; `'half'`: the worker reads the later half and this thread the
 * earlier one inside `take()`. Where no worker can help (a ledger in memory or in a
 * transaction, a ledger of fewer than `minInvoices`, a worker that fails) the pieces are read
 * here: the same pieces.
 */
export function startPieces(db: Ledger, share: 'all' | 'half', minInvoices = 50_000): { take(): Piece[]; helped(): boolean } {
  const here = { take: () => receivablePieces(db), helped: () => false };
  const span = db.memory || db.inTransaction ? null : invoiceRowSpan(db);
  // A worker costs tens of milliseconds to start: worth it only for a large ledger.
  if (span === null || span.last - span.first + 1 < minInvoices) return here;
  const split = share === 'all' ? span.first - 1 : Math.floor((span.first + span.last) / 2);
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    // By way of ../app/: the same file from dist/app/ (tsc's output) and from the CLI's bundle in dist/cjs/.
    const module = new URL('../app/pieces-worker.js', import.meta.url).href;
    const job: PiecesJob = { module, path: db.name, span: { first: split + 1, last: span.last }, port: port2, done };
    worker = new Worker(BOOTSTRAP, { eval: true, workerData: job, transferList: [port2] });
  } catch {
    return here;
  }
  worker.unref();
  let answered = false;
  return {
    /** Whether the worker's pieces were used (after take()). */
    helped: () => answered,
    take() {
      const mine = split < span.first ? [] : receivablePieces(db, { first: span.first, last: split });
      Atomics.wait(done, 0, 0, PATIENCE_MS);
      const reply = receiveMessageOnPort(port1)?.message as PiecesReply | undefined;
      port1.close();
      if (reply !== undefined && 'pieces' in reply) {
        answered = true;
        return mine.concat(reply.pieces);
      }
      void worker.terminate();
      return mine.concat(receivablePieces(db, { first: split + 1, last: span.last }));
    },
  };
}
