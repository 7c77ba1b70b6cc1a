import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startInWorker } from '../../src/app/second-thread.js';
import { ROOT } from '../helpers.js';

/**
 * A worker thread may ask the thread that started it one question and wait for the reply (the
 * customers report's two threads agree the widths of their table this way), then answer.
 */
const WORKER = new URL(pathToFileURL(join(ROOT, 'test', 'fixtures', 'conversation-worker.mjs')).href);

describe('a worker thread that asks before it answers', () => {
  it('given a question, gets the reply and answers with it', () => {
    const worker = startInWorker<{ answer: number }>(WORKER, 'askThenAnswer', { n: 20 });
    const question = worker.question() as { double: number };
    expect(question).toEqual({ double: 20 });
    worker.reply(question.double * 2);
    expect(worker.take()).toEqual({ answer: 41 });
  });

  it('given a worker that answers without asking, has no question and takes the answer', () => {
    const worker = startInWorker<{ answer: number }>(WORKER, 'answerOnly', { n: 5 });
    expect(worker.question()).toBeUndefined();
    expect(worker.take()).toEqual({ answer: 15 });
  });

  it('given a worker that fails after its question, takes no answer (the caller then does the work itself)', () => {
    const worker = startInWorker<{ answer: number }>(WORKER, 'askThenFail', { n: 1 });
    expect(worker.question()).toEqual({ double: 1 });
    worker.reply(2);
    expect(worker.take()).toBeUndefined();
  });
});
