import type { CliIo } from './io.js';

/** Long work shown on a terminal: `update(done, total)` as it goes, `finish()` when it is over. */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const NONE: Progress = { update: () => {}, finish: () => {} };
const WIDTH = 30;

/**
 * A progress bar on stderr, only for a person at a terminal: never in cron (stderr not a TTY),
 * with --quiet or with --json. Redrawn in place, at most once per whole percent.
 */
export function progressBar(label: string, io: Pick<CliIo, 'stderr' | 'stderrIsTTY'>, opts: { quiet?: boolean; json?: boolean }): Progress {
  if (opts.quiet || opts.json || !io.stderrIsTTY) return NONE;
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      const percent = total > 0 ? Math.floor((done * 100) / total) : 100;
      if (percent === shown) return;
      shown = percent;
      drawn = true;
      const filled = Math.round((percent * WIDTH) / 100);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
    },
    finish() {
      // The bar's line is cleared, so the summary that follows starts on a clean line.
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}
