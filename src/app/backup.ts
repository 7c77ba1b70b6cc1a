import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DunningError, UsageError } from '../domain/errors.js';
import { checkCopy } from '../ledger/backup.js';
import { eventCount } from '../ledger/ledger-facts.js';
import type { Ledger } from '../ledger/open.js';
import type { Workspace } from './workspace.js';

export interface BackupReport {
  file: string;
  bytes: number;
  /** The events the copy holds: the trail up to its newest. */
  events: number;
}

/** Where `dunning backup` writes with no FILE, or into FOLDER: `dunning.db.2026-03-02.backup`. */
export function backupTarget(ws: Workspace, asOf: string, file?: string): string {
  const name = `${basename(ws.dbPath)}.${asOf}.backup`;
  if (!file) return join(ws.dir, name);
  return existsSync(file) && statSync(file).isDirectory() ? join(file, name) : file;
}

/**
 * An online copy of the ledger, taken with SQLite's backup API while other commands may read
 * it, written under a temporary name, proved whole (quick_check, and its newest event matches
 * the ledger's), made owner-only and only then given its name. An existing file is never replaced.
 */
export async function backupLedger(db: Ledger, target: string): Promise<BackupReport> {
  if (existsSync(target)) throw new UsageError(`${target} already exists; a backup never replaces a file (name another FILE)`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    chmodSync(partial, 0o600);
    const problem = checkCopy(db, partial);
    if (problem !== null) throw new DunningError(`the copy at ${partial} did not verify (${problem}); the ledger may be damaged: run \`dunning audit verify\``);
    renameSync(partial, target);
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(leftover, { force: true });
  }
  const events = eventCount(db);
  return { file: target, bytes: statSync(target).size, events };
}
