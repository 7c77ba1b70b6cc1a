import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Longer than any part of a report takes; then the caller does the work itself. */
const PATIENCE_MS = 10 * 60_000;

/**
 * The worker's first lines: load the module, call the function and answer, whatever happens (a
 * module that fails to load included), then wake the waiting thread, which cannot hear a
 * worker's events while it waits. The function may `ask` the waiting thread a question and
 * block until it replies (two threads laying out one table agree its widths this way).
 * `w.state`: 0 working, 1 answered, 2 asking; `w.replied`: 1 once a reply is there to read.
 */
const BOOTSTRAP = `
const { workerData: w, receiveMessageOnPort } = require('node:worker_threads');
const wake = (state) => { Atomics.store(w.state, 0, state); Atomics.notify(w.state, 0); };
const ask = (question) => {
  w.port.postMessage({ question });
  wake(2);
  if (Atomics.wait(w.replied, 0, 0, ${PATIENCE_MS}) === 'timed-out') throw new Error('no reply');
  Atomics.store(w.replied, 0, 0);
  return receiveMessageOnPort(w.replies).message;
};
import(w.module)
  .then((m) => ({ value: m[w.name](w.job, ask) }))
  .catch((e) => ({ error: String((e && e.message) || e) }))
  .then((reply) => { w.port.postMessage(reply); wake(1); });
`;

/** A function running in a worker thread (startInWorker). */
export interface Running<T> {
  /** Waits for its answer; undefined when it has none (the caller does that part itself). */
  take(): T | undefined;
  /** Waits for its question, if it asks one before answering; undefined if it answered (or failed) instead. */
  question(): unknown;
  /** Answers its question. */
  reply(value: unknown): void;
  /** Its answer is not wanted: stop it. */
  cancel(): void;
}

/** What a function started by startInWorker receives besides its job: a way to ask the thread that started it. */
export type Ask = (question: unknown) => unknown;

/**
 * Starts `name(job, ask)`, exported by `module` (a file of dist/app/), in a worker thread: the
 * second core works while this one goes on. `take()` waits for its answer; undefined when it has
 * none (the module not built, as when run from the sources; the function threw), and the caller
 * does that part itself. The job must be plain data (it is copied).
 */
export function startInWorker<T>(module: URL, name: string, job: unknown): Running<T> {
  const none: Running<T> = { take: () => undefined, question: () => undefined, reply: () => {}, cancel: () => {} };
  // On one core a second thread only takes turns with this one.
  if (availableParallelism() < 2) return none;
  const { port1, port2 } = new MessageChannel();
  const replies = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(4));
  const replied = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const workerData = { module: module.href, name, job, port: port2, replies: replies.port2, state, replied };
    worker = new Worker(BOOTSTRAP, { eval: true, workerData, transferList: [port2, replies.port2] });
  } catch {
    return none;
  }
  worker.unref();
  const stop = () => {
    port1.close();
    replies.port1.close();
    void worker.terminate();
  };
  // The next message, once the worker has asked or answered: waits while it works.
  const next = () => {
    Atomics.wait(state, 0, 0, PATIENCE_MS);
    const asking = Atomics.load(state, 0) === 2;
    // Back to working before the reply can let it answer.
    if (asking) Atomics.store(state, 0, 0);
    return { asking, message: receiveMessageOnPort(port1)?.message as { question: unknown } | { value: T } | { error: string } | undefined };
  };
  let answer: { value: T } | { error: string } | undefined;
  let settled = false;
  return {
    question() {
      if (settled) return undefined;
      const { asking, message } = next();
      if (asking && message !== undefined && 'question' in message) return message.question;
      answer = message as typeof answer;
      settled = true;
      return undefined;
    },
    reply(value) {
      replies.port1.postMessage(value);
      Atomics.store(replied, 0, 1);
      Atomics.notify(replied, 0);
    },
    take() {
      if (!settled) {
        const { message } = next();
        answer = message !== undefined && 'question' in message ? undefined : message;
        settled = true;
      }
      if (answer !== undefined && 'value' in answer) {
        port1.close();
        replies.port1.close();
        return answer.value;
      }
      stop();
      return undefined;
    },
    cancel: stop,
  };
}
