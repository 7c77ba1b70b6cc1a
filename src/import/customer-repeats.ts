import { own } from './own.js';
import type { InvoiceRecord } from './record.js';

/** Enough for an accountant's 100,000 customers; past it, rows are simply not marked. */
const REPEATS_LIMIT = 200_000;
/** Between two fields of a remembered customer, and in place of a null one. */
const SEP = '\u0000';
const NULL_FIELD = '\u0001';

/**
 * Marks rows whose customer fields are those of that customer's previous row in the file: most
 * rows of an export repeat a customer, and the ledger then has nothing to compare or write.
 * Each customer is remembered as one string of its five fields (one object each, not six: a
 * hundred thousand customers are looked up a million times, and fewer objects miss the cache
 * less), compared in place, without building the row's own string.
 */
export class CustomerRepeats {
  private readonly last = new Map<string, string>();

  mark(r: InvoiceRecord): void {
    const seen = this.last.get(r.customerId);
    if (seen !== undefined && sameFields(seen, r)) {
      r.customerRepeated = true;
      return;
    }
    if (seen === undefined && this.last.size >= REPEATS_LIMIT) return;
    if (hasMarker(r)) return;
    // join() makes a new string: the cells are slices of the reader's chunk, and would keep it alive.
    this.last.set(own(r.customerId), [r.customerName, r.email, r.language, r.address, r.phone].map((f) => f ?? NULL_FIELD).join(SEP));
  }
}

/** Whether the row's fields, joined as remembered, are `seen`, and could not be joined otherwise. */
function sameFields(seen: string, r: InvoiceRecord): boolean {
  let at = field(seen, 0, r.customerName, false);
  at = field(seen, at, r.email, false);
  at = field(seen, at, r.language, false);
  at = field(seen, at, r.address, false);
  return field(seen, at, r.phone, true) === seen.length + 1 && !hasMarker(r);
}

/** Where the next field starts if `value` is the field at `at` (-1: it is not). */
function field(seen: string, at: number, value: string | null, last: boolean): number {
  if (at < 0) return -1;
  const v = value ?? NULL_FIELD;
  const end = at + v.length;
  if (last ? end !== seen.length : end >= seen.length || seen.charCodeAt(end) !== 0) return -1;
  return seen.startsWith(v, at) ? end + 1 : -1;
}

/** A cell holding the separator or the null mark cannot be told apart once joined: never marked. */
function hasMarker(r: InvoiceRecord): boolean {
  return marked(r.customerName) || marked(r.email) || marked(r.language) || marked(r.address) || marked(r.phone);
}

function marked(f: string | null): boolean {
  return f !== null && (f.includes(SEP) || f.includes(NULL_FIELD));
}
