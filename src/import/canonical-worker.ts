import { parentPort, workerData } from 'node:worker_threads';
import { streamCanonical, type CanonicalSource } from './canonical-stream.js';
import type { WorkerMessage } from './canonical-worker-client.js';
import { batchChecks } from './batch-checks.js';
import { BatchPacker } from './packed-batch.js';

/**
 * The worker thread's side of a large canonical import: reads, parses and checks the file,
 * posting batches of rows to the thread that writes the ledger. It stays at most a few batches
 * ahead (the writer acknowledges each), so memory does not grow with the file.
 */
const AHEAD = 16;

const port = parentPort!;
let credit = AHEAD;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit++;
  wake?.();
  wake = null;
});
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const packer = new BatchPacker();

const notes: string[] = [];
const source = workerData as CanonicalSource;
const { rowChecks } = source.options;
const stream = streamCanonical(source, notes);
for await (const batch of stream.items) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  // The rows' checks are computed here, beside the parsing, so the writing thread only stores them.
  const checks = rowChecks ? batchChecks(batch, rowChecks) : undefined;
  const { batch: packed, transfer } = packer.pack(batch);
  post({ batch: packed, checks }, checks ? [...transfer, checks.buffer as ArrayBuffer] : transfer);
}
post({ done: { sha256: stream.sha256(), notes } });
port.close();
