import { undoPending } from '../app/interrupt.js';
import { processIo } from './io.js';
import { main } from './main.js';

// The process around main(): bin/dunning.cjs loads this (bundled by scripts/bundle-cli.js), and
// importing main.ts itself does nothing, so tests can call main() in process.

// Files dunning makes are private whatever the umask: the config holds bank details (issue 19, item 8).
process.umask(0o077);
// Ctrl+C: the files of a transaction that will never commit are removed; exit 130, as a shell expects.
process.on('SIGINT', () => {
  undoPending();
  process.stderr.write('dunning: interrupted (Ctrl+C); what was not finished was not recorded\n');
  process.exit(130);
});

// `dunning audit | head`: a reader that stops early is not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
// Not a top-level await: bin/dunning.cjs runs this module bundled as CommonJS.
void main(process.argv, processIo()).then((code) => {
  process.exitCode = code;
});
