import type { InvoiceRecord } from './invoice-record.js';

/**
 * The row check of src/ledger/row-checks.ts as a pure function, so that the import's reading
 * thread can compute an invoice's check beside its other work and the writing thread only
 * stores it. A 53-bit value of a row's values in column order: cyrb53's two 32-bit lanes, each
 * value tagged by its type. Not a secret: it catches edits made without dunning, not a forger.
 */

// The two lanes live here rather than in an object per row: a million rows allocate nothing.
let h1 = 0;
let h2 = 0;

/** The decimal digits of an integer, last first: mixed as String() would spell it, without making the string. */
const digits = new Uint16Array(24);

/** One value into the lanes: its type's tag, its UTF-16 units two a step, its length. */
function mix(v: unknown): void {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return mixInteger(v);
  const tag = v === null || v === undefined ? 0 : typeof v === 'string' ? 115 : 110;
  const s = tag === 0 ? '' : tag === 115 ? (v as string) : String(v);
  let a = Math.imul(h1 ^ tag, 2654435761);
  let b = Math.imul(h2 ^ tag, 1597334677);
  const n = s.length;
  const pairs = n & ~1;
  let i = 0;
  for (; i < pairs; i += 2) {
    const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  // An odd last unit goes alone (its upper half 0), without reading past the end.
  if (i < n) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = Math.imul(a ^ n, 2654435761);
  h2 = Math.imul(b ^ n, 1597334677);
}

/** An integer, as mix(String(v)) with the number's tag: amounts are most of a row's numbers. */
function mixInteger(v: number): void {
  let n = 0;
  let m = v < 0 ? -v : v;
  do {
    const d = m % 10;
    digits[n++] = 48 + d;
    m = (m - d) / 10;
  } while (m > 0);
  if (v < 0) digits[n++] = 45;
  let a = Math.imul(h1 ^ 110, 2654435761);
  let b = Math.imul(h2 ^ 110, 1597334677);
  let i = n - 1;
  for (; i > 0; i -= 2) {
    const c = digits[i]! | (digits[i - 1]! << 16);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  if (i === 0) {
    const c = digits[0]!;
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = Math.imul(a ^ n, 2654435761);
  h2 = Math.imul(b ^ n, 1597334677);
}

function begin(): void {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
}

function end(): number {
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/** The check of a row's values, in column order. */
export function rowDigestOf(values: readonly unknown[]): number {
  begin();
  for (let k = 0; k < values.length; k++) mix(values[k]);
  return end();
}

/** The check of the values at `args[at + positions[k]]`: a writer's arguments, read in place. */
export function rowDigestAt(args: readonly unknown[], at: number, positions: readonly number[], fixed: readonly unknown[]): number {
  begin();
  for (let k = 0; k < positions.length; k++) mix(positions[k]! >= 0 ? args[at + positions[k]!] : fixed[k]);
  return end();
}

/**
 * How a table's check is made from an import's invoice record, column by column in the table's
 * order: a field of the record, or a value the same for every row (a column default, the as-of day).
 */
export type CheckRecipe = readonly ({ field: keyof InvoiceRecord } | { value: string | number | null })[];

/** The recipes of an import's new rows (null: the ledger computes the check itself). */
export interface ImportRowChecks {
  invoice: CheckRecipe | null;
  customer: CheckRecipe | null;
}

/** An invoice record with the checks the reading thread computed for its invoice and customer rows. */
export type CheckedRecord = InvoiceRecord & { invoiceCheck?: number; customerCheck?: number };

/** The check of a record's row by a recipe. */
export function rowDigestBy(recipe: CheckRecipe, record: InvoiceRecord): number {
  begin();
  for (let k = 0; k < recipe.length; k++) {
    const part = recipe[k]!;
    mix('field' in part ? record[part.field] : part.value);
  }
  return end();
}
