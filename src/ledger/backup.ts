import Database from 'better-sqlite3';
import { chmodSync, renameSync, rmSync } from 'node:fs';
import { sqliteAddon, type Ledger } from './open.js';
import { quickCheck } from './integrity.js';

/** Where the copy taken before migrating a ledger from schema `version` goes: beside it. */
export const migrationBackupPath = (path: string, version: number) => `${path}.schema-${version}.backup`;

/**
 * A consistent copy of the ledger, taken with `VACUUM INTO` while it is open (other readers may
 * carry on), written under a temporary name and renamed, so a copy is never half there.
 */
export function copyLedgerTo(db: Ledger, target: string): void {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    chmodSync(partial, 0o600);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Before a migration changes the schema, the ledger as it was is kept (DESIGN.md: every migration takes a backup first). */
export function backupBeforeMigration(db: Ledger, version: number): string | null {
  if (db.name === ':memory:' || db.memory) return null;
  const target = migrationBackupPath(db.name, version);
  copyLedgerTo(db, target);
  return target;
}

/**
 * Opens a copy, makes it a single file, and proves it whole: `quick_check` passes, and its newest event is the ledger's
 * event of that id, hash for hash (the ledger may have moved on since). The problem, or null.
 */
export function checkCopy(db: Ledger, path: string): string | null {
  const copy = new Database(path, { fileMustExist: true, nativeBinding: sqliteAddon() });
  try {
    // A copy is one file: out of WAL mode, so no -wal or -shm is left beside it.
    copy.pragma('journal_mode = DELETE');
    const problem = quickCheck(copy);
    if (problem !== null) return problem;
    const head = copy.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
    if (!head) return null;
    const same = db.prepare('SELECT hash FROM events WHERE id = ?').pluck().get(head.id) as string | undefined;
    return same === head.hash ? null : `the copy's event ${head.id} differs from the ledger's`;
  } finally {
    copy.close();
  }
}
