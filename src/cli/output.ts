import type { ChalkInstance } from 'chalk';
import { formatProblem, type InputProblem } from '../domain/errors.js';

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
  error(text: string): void;
  problems(list: InputProblem[]): void;
}

/**
 * Styling that leaves text as it is, for when colour is off (a pipe, cron, NO_COLOR): chalk
 * costs about 10 ms to load, a sixth of node's own start-up, so it is loaded only to colour.
 * Any chain (`plain.bold.red`) is this same function.
 */
const plain: ChalkInstance = new Proxy((...text: unknown[]) => text.join(' '), {
  get: (_fn, key) => (key === 'level' ? 0 : plain),
}) as unknown as ChalkInstance;

export async function makeOutput(opts: { json?: boolean; quiet?: boolean; color?: boolean }): Promise<Output> {
  const colorOn = opts.color !== false && !('NO_COLOR' in process.env) && Boolean(process.stderr.isTTY);
  const color = colorOn ? new (await import('chalk')).Chalk({ level: 1 }) : plain;
  return {
    json: Boolean(opts.json),
    quiet: Boolean(opts.quiet),
    color,
    data: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    info: (text) => {
      if (!opts.quiet) process.stderr.write(`${text}\n`);
    },
    warn: (text) => process.stderr.write(`${color.yellow('warning:')} ${text}\n`),
    error: (text) => process.stderr.write(`${color.red('error:')} ${text}\n`),
    problems: (list) => {
      for (const p of list) process.stderr.write(`${formatProblem(p)}\n`);
    },
  };
}

const AMOUNT = /^-?[\d.,]+( [A-Z]{3})?$/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The characters a terminal shows for `s`: code points, so an emoji counts once. */
const shown = (s: string) => (SURROGATE.test(s) ? [...s].length : s.length);

/**
 * A plain text table, columns padded; right-aligns cells that look like amounts. One pass for
 * the widths and one for the lines: `status` on a large ledger lists 50,000 customers.
 */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] ?? 0, shown(r[i]!));
  }
  const lines = new Array<string>(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    let line = '';
    for (let i = 0; i < r.length; i++) {
      const cell = r[i]!;
      const pad = ' '.repeat(widths[i]! - shown(cell));
      line += (i > 0 ? '  ' : '') + (n > 0 && AMOUNT.test(cell) ? pad + cell : cell + pad);
    }
    lines[n] = line.trimEnd();
  }
  return lines.join('\n');
}
