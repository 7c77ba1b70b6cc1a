// The thread behind test/helpers.ts's dunning(): it keeps the built CLI (dist/cli/main.js) loaded
// and runs one command line at a time through main(argv, io), handing back what it printed.
// Plain JavaScript: a worker thread runs without vitest's TypeScript transform.
import { parentPort, workerData } from 'node:worker_threads';

const { done, replies, main: mainUrl } = workerData;
const flag = new Int32Array(done);
const { main } = await import(mainUrl);

parentPort.on('message', async ({ argv, env, cwd }) => {
  const stdout = [];
  const stderr = [];
  const io = {
    stdout: (text) => void stdout.push(text),
    stderr: (text) => void stderr.push(text),
    stdinIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd,
  };
  let code;
  try {
    code = await main(argv, io);
  } catch (e) {
    // main() catches everything it knows; anything here is a bug in the shell itself.
    stderr.push(`cli-thread: main threw: ${e instanceof Error ? e.stack : String(e)}\n`);
    code = -1;
  }
  replies.postMessage({ code, stdout: stdout.join(''), stderr: stderr.join('') });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
