import type { ChalkInstance } from 'chalk';
import type { CliIo } from './io.js';
import { escapeControls, escapeForTerminal } from './safe-text.js';

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

const AMOUNT = /^-?[\d.,]+( [A-Z]{3})?$/;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The characters a terminal shows for `s`: code points, so an emoji counts once. */
const shown = (s: string) => (SURROGATE.test(s) ? [...s].length : s.length);

/** The widest a table's line may be: longer cells are cut, with "…" (issue 15: no 450-character lines). */
export const TABLE_WIDTH = 160;
/** A column is never cut narrower than this. */
const MIN_COLUMN = 12;

/** Column widths that fit `limit`, the widest column giving way first. */
function fitWidths(widths: number[], limit: number): number[] {
  const fitted = [...widths];
  let over = fitted.reduce((a, b) => a + b, 0) + 2 * Math.max(0, fitted.length - 1) - limit;
  while (over > 0) {
    let widest = 0;
    for (let i = 1; i < fitted.length; i++) if (fitted[i]! > fitted[widest]!) widest = i;
    if (fitted[widest]! <= MIN_COLUMN) break;
    fitted[widest]! -= 1;
    over -= 1;
  }
  return fitted;
}

/** A cell cut to `width` shown characters, ending in "…" when something was cut. */
function cut(cell: string, width: number): string {
  if (shown(cell) <= width) return cell;
  return [...cell].slice(0, width - 1).join('') + '…';
}

/**
 * A plain text table, columns padded; right-aligns cells that look like amounts. Control
 * characters in a cell are shown escaped, and a line never passes `maxWidth`: the widest
 * columns are cut first. One pass for the widths and one for the lines: `status` on a large
 * ledger lists 50,000 customers.
 */
export function table(input: string[][], maxWidth = TABLE_WIDTH): string {
  // Plain loops and each cell measured once: `report customers` on a large ledger writes 52,000
  // rows, and the chains of maps this was first written with cost more than the rows themselves.
  const rows = new Array<string[]>(input.length);
  const natural: number[] = [];
  for (let n = 0; n < input.length; n++) {
    const r = input[n]!;
    const cells = new Array<string>(r.length);
    for (let i = 0; i < r.length; i++) {
      const cell = escapeControls(r[i]!);
      cells[i] = cell;
      const w = shown(cell);
      if (!(natural[i]! >= w)) natural[i] = w;
    }
    rows[n] = cells;
  }
  const widths = fitWidths(natural, maxWidth);
  const lines = new Array<string>(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    const last = r.length - 1;
    let line = '';
    for (let i = 0; i <= last; i++) {
      const cell = natural[i]! > widths[i]! ? cut(r[i]!, widths[i]!) : r[i]!;
      const pad = spaces(widths[i]! - shown(cell));
      if (i > 0) line += '  ';
      if (n > 0 && AMOUNT.test(cell)) line += pad + cell;
      // Nothing trails a line: the last cell is not padded, and spaces before it go too.
      else line += i < last ? cell + pad : cell;
    }
    lines[n] = last >= 0 && (r[last] === '' || TRAILING_SPACE.test(r[last]!)) ? line.trimEnd() : line;
  }
  return lines.join('\n');
}

const TRAILING_SPACE = /\s$/;
const PADS: string[] = [];

/** `n` spaces, each length made once. */
function spaces(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}
