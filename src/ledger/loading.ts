import type { Ledger } from './open.js';

/** Page cache for a bulk load: the customers' table and index, written in no order, stay in it. */
const BULK_CACHE_KIB = 16 * 1024;

/**
 * Runs an import's write transaction with the ledger set for loading, then puts it back.
 *
 * - Foreign keys are not checked row by row: the importer writes each row's customer with its
 *   invoice and matches each payment to an invoice it has read or written, so it keeps them
 *   whole itself (tests run foreign_key_check after imports). Checking cost about a second per
 *   million rows. The pragma cannot change inside a transaction, hence here.
 * - A bulk load (a large file) skips the schema's CHECK constraints (well-formed dates, a
 *   three-letter currency, a known status): the importer has already checked each of those
 *   values, more strictly, and the checks cost a fifth of SQLite's time. Tests run
 *   integrity_check, which checks them again, after bulk imports.
 * - A bulk load also writes through a rollback journal instead of the WAL, which
 *   would take every page twice (into the WAL, then into the ledger), and gets a larger page
 *   cache. Another connection open on the ledger keeps it in WAL mode: the load is then slower,
 *   not wrong. A crash mid-load leaves a journal the next open rolls back, as it would a WAL.
 */
export async function whileLoading<T>(db: Ledger, bulk: boolean, work: () => Promise<T>): Promise<T> {
  const checking = db.pragma('foreign_keys', { simple: true }) === 1;
  if (checking) db.pragma('foreign_keys = OFF');
  const journal = bulk ? String(db.pragma('journal_mode = DELETE', { simple: true })) : null;
  const cache = bulk ? (db.pragma('cache_size', { simple: true }) as number) : null;
  if (cache !== null) db.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
  if (bulk) db.pragma('ignore_check_constraints = ON');
  try {
    return await work();
  } finally {
    if (checking) db.pragma('foreign_keys = ON');
    if (bulk) db.pragma('ignore_check_constraints = OFF');
    if (cache !== null) db.pragma(`cache_size = ${cache}`);
    if (journal === 'delete') {
      try {
        db.pragma('journal_mode = WAL');
      } catch {
        // Busy: the next openLedger puts WAL back.
      }
    }
  }
}
