import Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import type { Ledger } from './open.js';
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

/** Opens a copy and proves it whole: `quick_check` passes and it has as many events as the ledger. Returns the problem, or null. */
export function checkCopy(path: string, events: number, nativeBinding?: string): string | null {
  const copy = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const problem = quickCheck(copy);
    if (problem !== null) return problem;
    const copied = copy.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    return copied === events ? null : `the copy has ${copied} events, the ledger ${events}`;
  } finally {
    copy.close();
  }
}
