import type { ChalkInstance } from 'chalk';
import type { CliIo } from './io.js';
import { escapeForTerminal } from './safe-text.js';

/** How a command talks: data to stdout, progress and warnings to stderr. */
export interface Output {
  json: boolean;
  quiet: boolean;
  color: ChalkInstance;
  /** Data: the --json object, or text lines. */
  data(text: string): void;
  printJson(value: unknown): void;
  /** Talk: progress and summaries on stderr, silenced by --quiet. */
  info(text: string): void;
  warn(text: string): void;
}

/**
 * Styling that leaves text as it is, for when colour is off (a pipe, cron, NO_COLOR): chalk
 * costs about 10 ms to load, a sixth of node's own start-up, so it is loaded only to colour.
 * Any chain (`plain.bold.red`) is this same function.
 */
const plain: ChalkInstance = new Proxy((...text: unknown[]) => text.join(' '), {
  get: (_fn, key) => (key === 'level' ? 0 : plain),
}) as unknown as ChalkInstance;

export async function makeOutput(opts: { json?: boolean; quiet?: boolean; color?: boolean }, io: CliIo): Promise<Output> {
  const colorOn = opts.color !== false && !('NO_COLOR' in io.env) && io.stderrIsTTY;
  const color = colorOn ? new (await import('chalk')).Chalk({ level: 1 }) : plain;
  return {
    json: Boolean(opts.json),
    quiet: Boolean(opts.quiet),
    color,
    // Customer data may hold terminal escapes: shown, never obeyed (issue 19, item 12).
    data: (text) => io.stdout(escapeForTerminal(text.endsWith('\n') ? text : `${text}\n`)),
    printJson: (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`),
    info: (text) => {
      if (!opts.quiet) io.stderr(escapeForTerminal(`${text}\n`, colorOn));
    },
    warn: (text) => io.stderr(escapeForTerminal(`${color.yellow('warning:')} ${text}\n`, colorOn)),
  };
}

export { table, TABLE_WIDTH } from '../report/table.js';
