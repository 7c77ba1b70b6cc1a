import type { IsoDate } from '../domain/dates.js';
import type { Ledger } from './open.js';

/** Customers an accountant skipped in `review` for this as-of date (recorded as `skip` events). */
export function reviewSkips(db: Ledger, asOf: IsoDate): Set<string> {
  return new Set(
    db
      .prepare(`SELECT DISTINCT customer_id FROM events WHERE kind = 'skip' AND json_extract(data, '$.asOf') = ?`)
      .pluck()
      .all(asOf) as string[],
  );
}
