/**
 * Pictures in Unicode block characters, for a terminal: a horizontal bar (eighths of a cell)
 * and a sparkline (eight heights). Pure text; colour is the caller's.
 */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const HEIGHTS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A bar `width` cells long at `max`, for a value from 0 to max (negative: none). */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

/** A sparkline of the values, low to high; a gap (space) where a value is missing. */
export function sparkline(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return ' '.repeat(values.length);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  return values
    .map((v) => (v === null ? ' ' : HEIGHTS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (HEIGHTS.length - 1))]!))
    .join('');
}
