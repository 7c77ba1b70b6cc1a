import type { Ledger } from './open.js';

/** Whether a letter event of this ledger recorded the file (its path relative to the outbox). */
export function letterFileRecorded(db: Ledger): (rel: string) => boolean {
  const recorded = db.prepare(
    `SELECT 1 FROM events e, json_each(e.data, '$.files') f
     WHERE e.kind IN ('letter', 'thank-you') AND json_extract(f.value, '$.path') = ?`,
  );
  return (rel) => recorded.get(rel) !== undefined;
}
