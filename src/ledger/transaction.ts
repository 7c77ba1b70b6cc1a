import { BusyError } from '../domain/errors.js';
import type { Ledger } from './open.js';

/** Whether SQLite refused for another connection holding the ledger (after the busy timeout). */
export const isBusy = (e: unknown): boolean =>
  e instanceof Error && /SQLITE_BUSY|database is locked/.test(`${String((e as { code?: unknown }).code)} ${e.message}`);

/**
 * One write transaction around async work (reading a file, composing mail): taken with
 * BEGIN IMMEDIATE so that a second writer is told at once, committed only if `work` succeeds.
 */
export async function writeTransaction<T>(db: Ledger, work: () => Promise<T>, commit: (result: T) => boolean = () => true): Promise<T> {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (isBusy(e)) throw new BusyError(`${db.name}: the ledger is busy with another dunning run; try again when it has finished`);
    throw e;
  }
  let result: T;
  try {
    result = await work();
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  if (commit(result)) db.exec('COMMIT');
  else db.exec('ROLLBACK');
  return result;
}
