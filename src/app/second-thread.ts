import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Longer than any part of a report takes; then the caller does the work itself. */
const PATIENCE_MS = 10 * 60_000;

/**
 * The worker's first lines: load the module, call the function and answer, whatever happens (a
 * module that fails to load included), then wake the waiting thread, which cannot hear a
 * worker's events while it waits.
 */
const BOOTSTRAP = `
const { workerData: w } = require('node:worker_threads');
import(w.module)
  .then((m) => ({ value: m[w.name](w.job) }))
  .catch((e) => ({ error: String((e && e.message) || e) }))
  .then((reply) => { w.port.postMessage(reply); Atomics.store(w.done, 0, 1); Atomics.notify(w.done, 0); });
`;

/**
 * Starts `name(job)`, exported by `module` (a file of dist/app/), in a worker thread: the second
 * core works while this one goes on. `take()` waits for its answer; undefined when it has none
 * (the module not built, as when run from the sources; the function threw), and the caller
 * does that part itself; `cancel()` stops it. The job must be plain data (it is copied).
 */
export function startInWorker<T>(module: URL, name: string, job: unknown): { take(): T | undefined; cancel(): void } {
  // On one core a second thread only takes turns with this one.
  if (availableParallelism() < 2) return { take: () => undefined, cancel: () => {} };
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(BOOTSTRAP, { eval: true, workerData: { module: module.href, name, job, port: port2, done }, transferList: [port2] });
  } catch {
    return { take: () => undefined, cancel: () => {} };
  }
  worker.unref();
  return {
    take() {
      Atomics.wait(done, 0, 0, PATIENCE_MS);
      const reply = receiveMessageOnPort(port1)?.message as { value: T } | { error: string } | undefined;
      port1.close();
      if (reply !== undefined && 'value' in reply) return reply.value;
      void worker.terminate();
      return undefined;
    },
    /** Its answer is not wanted: stop it. */
    cancel() {
      port1.close();
      void worker.terminate();
    },
  };
}
