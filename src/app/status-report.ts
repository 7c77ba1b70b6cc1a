import type { IsoDate } from '../domain/dates.js';
import type { MoneyJson } from '../domain/money.js';
import { hasInvoices } from '../ledger/ledger-facts.js';
import type { Ledger } from '../ledger/open.js';
import type { Bucket } from '../report/aging.js';
import type { RunReport } from './run.js';

/**
 * The `status` report's shape, and its answer for a ledger with no invoices. Kept apart from
 * the planner (./status.ts) so that `status` on an empty ledger starts without loading it.
 */
export { BUCKETS, type Bucket } from '../report/aging.js';

/** The `status --json` contract (DESIGN.md), plus `next`: what `run` would do today. */
export interface StatusReport {
  asOf: IsoDate;
  /** `credits`: credit notes and overpayments (negative), beside the buckets, never inside `current`. */
  totals: { currency: string; open: MoneyJson; overdue: MoneyJson; buckets: Record<Bucket, MoneyJson>; credits: MoneyJson }[];
  customers: { id: string; name: string; stage: string | null; open: MoneyJson[]; overdue: MoneyJson[]; hold: boolean; plan: boolean }[];
  next: Omit<RunReport, 'asOf' | 'dryRun'>;
}

/** The report of a ledger without a single invoice (nothing is owed, nothing to plan), or null. */
export function statusOfEmptyLedger(db: Ledger, asOf: IsoDate): StatusReport | null {
  if (hasInvoices(db)) return null;
  return { asOf, totals: [], customers: [], next: { letters: [], flagged: [], skipped: [] } };
}
