import { escapeControls } from '../domain/terminal-text.js';

/**
 * Plain text tables, as every command prints them: columns padded, amounts right-aligned,
 * control characters in a cell shown escaped, and no line wider than TABLE_WIDTH (the widest
 * columns are cut first, with "…"; issue 15: no 450-character lines).
 *
 * A table is measured, then laid out. The two steps are apart so that two threads can each lay
 * out half of one table (`report customers` on a large ledger writes 52,000 rows): each measures
 * its rows, the widths of both are merged (mergeNatural), and each lays out its half with the
 * same widths. Plain loops, each cell measured once: chains of maps cost more than the rows.
 */

/** The widest a table's line may be. */
export const TABLE_WIDTH = 160;
/** A column is never cut narrower than this. */
const MIN_COLUMN = 12;

const AMOUNT = /^-?[\d.,]+( [A-Z]{3})?$/;
const SURROGATE = /[\uD800-\uDFFF]/;
const TRAILING_SPACE = /\s$/;

/** The characters a terminal shows for `s`: code points, so an emoji counts once. */
const shown = (s: string) => (SURROGATE.test(s) ? [...s].length : s.length);

/** Rows with their cells escaped, and the natural width of each column: its widest cell. */
export interface MeasuredRows {
  rows: string[][];
  natural: number[];
}

/** Escapes and measures `input`'s cells. */
export function measureRows(input: readonly (readonly string[])[]): MeasuredRows {
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
  return { rows, natural };
}

/** The natural widths of two parts of one table: each column's wider. */
export function mergeNatural(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(Math.max(a[i] ?? 0, b[i] ?? 0));
  return out;
}

/**
 * Column widths that fit `limit`, the widest column giving way first. The columns in `keep`
 * (amounts: "1500.00 GBP, 2200.00 USD" cut to "1500.00 GBP, 2200.0…" would hide what is owed)
 * never give way; when the others are at their narrowest, the line is as long as it must be.
 */
export function fitWidths(widths: readonly number[], limit = TABLE_WIDTH, keep: readonly number[] = []): number[] {
  const fitted = [...widths];
  let over = fitted.reduce((a, b) => a + b, 0) + 2 * Math.max(0, fitted.length - 1) - limit;
  while (over > 0) {
    let widest = -1;
    for (let i = 0; i < fitted.length; i++) if (!keep.includes(i) && (widest < 0 || fitted[i]! > fitted[widest]!)) widest = i;
    if (widest < 0 || fitted[widest]! <= MIN_COLUMN) break;
    fitted[widest]! -= 1;
    over -= 1;
  }
  return fitted;
}

/**
 * The lines of measured rows, joined by line breaks, with the whole table's `natural` widths
 * and the `widths` they were fitted to. `headed`: the first row is the heading, never
 * right-aligned. Nothing trails a line.
 */
export function layoutRows(rows: readonly string[][], natural: readonly number[], widths: readonly number[], headed: boolean): string {
  const lines = new Array<string>(rows.length);
  // Each line joined from its pieces at once: a string added to piece by piece leaves a chain
  // of partial strings behind it (38 MB of garbage for the 52,000 rows of `report customers`).
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    const last = r.length - 1;
    const alignable = n > 0 || !headed;
    // Three pieces a cell: the separator, then the pad and the cell in the order they are shown.
    const pieces = new Array<string>(3 * r.length);
    for (let i = 0; i <= last; i++) {
      const cell = natural[i]! > widths[i]! ? cut(r[i]!, widths[i]!) : r[i]!;
      const pad = spaces(widths[i]! - shown(cell));
      pieces[3 * i] = i > 0 ? '  ' : '';
      const right = alignable && AMOUNT.test(cell);
      // The last cell is not padded; when it is empty or ends in a space, the spaces before it go too.
      pieces[3 * i + 1] = right ? pad : cell;
      pieces[3 * i + 2] = right ? cell : i < last ? pad : '';
    }
    const line = pieces.join('');
    lines[n] = last >= 0 && (r[last] === '' || TRAILING_SPACE.test(r[last]!)) ? line.trimEnd() : line;
  }
  return lines.join('\n');
}

/** A plain text table, the first row its heading; the columns in `keep` are never cut (fitWidths). */
export function table(input: readonly (readonly string[])[], maxWidth = TABLE_WIDTH, keep: readonly number[] = []): string {
  const { rows, natural } = measureRows(input);
  return layoutRows(rows, natural, fitWidths(natural, maxWidth, keep), true);
}

/** A cell cut to `width` shown characters, ending in "…" when something was cut. */
function cut(cell: string, width: number): string {
  if (shown(cell) <= width) return cell;
  return [...cell].slice(0, width - 1).join('') + '…';
}

const PADS: string[] = [];

/** `n` spaces, each length made once. */
function spaces(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}
