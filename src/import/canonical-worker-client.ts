import { Worker } from 'node:worker_threads';
import type { CanonicalSource } from './canonical-stream.js';
import { attachChecks } from './batch-checks.js';
import { BatchUnpacker, type PackedBatch } from './packed-batch.js';
import type { ReadItem, ReadResult } from './read.js';

/**
 * The worker's heap is capped: its old generation holds the customers it has seen (up to 200,000,
 * see CustomerRepeats), its young one the batches in flight. V8 grows a heap only as needed.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 48 };

/** A batch, with its rows' checks when the reader was given the ledger's recipes (see batch-checks.ts). */
export type WorkerMessage = { batch: PackedBatch; checks?: Float64Array } | { done: { sha256: string; notes: string[] } };

/**
 * Reads a canonical file in a worker thread (canonical-worker.ts): parsing and checking a
 * million rows there while this thread writes the ledger. The same rows, in the same order and
 * batches, as streamCanonical gives in this thread.
 */
export function readInWorker(source: CanonicalSource, notes: string[]): Pick<ReadResult, 'sha256' | 'items'> {
  let digest: string | undefined;
  const items = async function* (): AsyncGenerator<ReadItem[]> {
    // By way of ../import/: the same file from dist/import/ (tsc's output) and from the CLI's
    // bundle in dist/cjs/ (scripts/bundle-cli.js), which leaves the worker to tsc's output.
    const worker = new Worker(new URL('../import/canonical-worker.js', import.meta.url), { workerData: source, resourceLimits: WORKER_LIMITS });
    const queue: WorkerMessage[] = [];
    const unpacker = new BatchUnpacker();
    let failure: Error | null = null;
    let exited = false;
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    worker.on('message', (m: WorkerMessage) => {
      queue.push(m);
      notify();
    });
    worker.on('error', (e) => {
      failure = e;
      notify();
    });
    worker.on('exit', () => {
      exited = true;
      notify();
    });
    try {
      for (;;) {
        const m = queue.shift();
        if (!m) {
          if (failure) throw failure;
          if (exited) throw new Error('the import worker stopped before the end of the file');
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        if ('done' in m) {
          digest = m.done.sha256;
          notes.push(...m.done.notes);
          return;
        }
        worker.postMessage('next');
        const items = unpacker.unpack(m.batch);
        if (m.checks) attachChecks(items, m.checks);
        yield items;
      }
    } finally {
      // Stopped early (a refused header) or done: the worker has nothing more to give.
      await worker.terminate();
    }
  };
  return {
    sha256: () => {
      if (!digest) throw new Error('sha256 read before the file was consumed');
      return digest;
    },
    items: items(),
  };
}
