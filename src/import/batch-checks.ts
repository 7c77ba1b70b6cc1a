import { rowDigestBy, type CheckedRecord, type ImportRowChecks } from '../domain/row-digest.js';
import type { ReadItem } from './read.js';

/**
 * The row checks of a batch's new invoices and customers, computed by the reading thread
 * (src/ledger/row-checks.ts): two per item, its invoice's and its customer's, NaN where there is
 * none (not an invoice, or a customer the file gave just before). A typed array, moved to the
 * writing thread with the batch rather than copied.
 */
export function batchChecks(items: readonly ReadItem[], checks: ImportRowChecks): Float64Array {
  const out = new Float64Array(items.length * 2).fill(Number.NaN);
  const { invoice, customer } = checks;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!('record' in item)) continue;
    const r = item.record;
    if (invoice) out[2 * i] = rowDigestBy(invoice, r);
    if (customer && !r.customerRepeated) out[2 * i + 1] = rowDigestBy(customer, r);
  }
  return out;
}

/** The writing side: each record gets the checks computed for it (CheckedRecord). */
export function attachChecks(items: readonly ReadItem[], checks: Float64Array): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!('record' in item)) continue;
    const r: CheckedRecord = item.record;
    const invoice = checks[2 * i]!;
    const customer = checks[2 * i + 1]!;
    if (invoice === invoice) r.invoiceCheck = invoice;
    if (customer === customer) r.customerCheck = customer;
  }
}
