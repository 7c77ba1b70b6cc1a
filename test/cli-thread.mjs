// The thread behind test/helpers.ts's dunning(): it keeps the built CLI (dist/cli/main.js) loaded
// and runs one command line at a time through main(argv, io), handing back what it printed.
// Plain JavaScript: a worker thread runs without vitest's TypeScript transform.
import { parentPort, workerData } from 'node:worker_threads';

const { done, replies, main: mainUrl } = workerData;
const flag = new Int32Array(done);
// No build (or a broken one): every call says so at once rather than waiting for an answer.
const main = await import(mainUrl).then(
  (m) => m.main,
  (e) => async (_argv, io) => {
    io.stderr(`cli-thread: cannot load ${mainUrl} (run the build: npx tsc -p tsconfig.json; node scripts/bundle-cli.js): ${e.message}\n`);
    return -1;
  },
);

/** The command line running now: its output so far, and how to hand back its answer once. */
let current = null;

function answer(code) {
  if (!current) return;
  const { stdout, stderr } = current;
  current = null;
  replies.postMessage({ code, stdout: stdout.join(''), stderr: stderr.join('') });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

// A bug that escapes main() (a promise nobody awaited) fails the call in hand, never hangs it.
const escaped = (e) => {
  current?.stderr.push(`cli-thread: escaped main(): ${e instanceof Error ? e.stack : String(e)}\n`);
  answer(-1);
};
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);

parentPort.on('message', async ({ argv, env, cwd }) => {
  const job = { stdout: [], stderr: [] };
  current = job;
  const io = {
    stdout: (text) => void job.stdout.push(text),
    stderr: (text) => void job.stderr.push(text),
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
    job.stderr.push(`cli-thread: main threw: ${e instanceof Error ? e.stack : String(e)}\n`);
    code = -1;
  }
  if (current === job) answer(code);
});
