import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { DunningError } from '../domain/errors.js';
import type { Ledger } from './open.js';

/** The ledger's pages do not hold together: SQLite said so, or `PRAGMA quick_check` found damage. */
export class DamagedLedger extends DunningError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: the ledger is damaged (${detail}); restore from a backup (see "When things go wrong" in the README)`);
  }
}

/** Whether an error is SQLite finding the file damaged or not a database at all. */
export const isDamage = (e: unknown): boolean =>
  e instanceof Error && /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code));

/** The first problem `PRAGMA quick_check` reports, or null when the ledger is sound. */
export function quickCheck(db: Ledger): string | null {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const first = rows[0]?.quick_check ?? 'no answer';
  if (first === 'ok') return null;
  // The first finding, on one line ("Tree 24 page 24: btreeInitPage() returns error code 11").
  return first.split('\n').find((l) => l.trim() !== '' && !l.startsWith('***'))?.trim() ?? first;
}

/**
 * The ledger file and its WAL as they stand: their sizes and modification times, to the
 * nanosecond. An empty WAL counts as none: SQLite makes one, empty, whenever the ledger opens,
 * and removes it on the last close; only a WAL with pages in it holds changes of its own.
 */
function fingerprint(path: string): string {
  const one = (p: string, emptyIsNone: boolean) => {
    try {
      const s = statSync(p, { bigint: true });
      return emptyIsNone && s.size === 0n ? '-' : `${s.size}@${s.mtimeNs}`;
    } catch {
      return '-';
    }
  };
  return `${one(path, false)} ${one(`${path}-wal`, true)}`;
}

/** Where the last good check is remembered: beside the ledger. */
export const checkedFile = (path: string) => `${path}.checked`;

/**
 * Refuses a damaged ledger. `quick_check` reads every page, seconds on a million-invoice ledger
 * (bench/NOTES.md), so a ledger found sound is remembered by its size and modification time and
 * not read again until something outside dunning changes it (`rememberSound` after dunning's own writes).
 */
export function refuseDamaged(db: Ledger, path: string): void {
  if (path === ':memory:' || !needsCheck(path)) return;
  let problem: string | null;
  try {
    problem = quickCheck(db);
  } catch (e) {
    if (isDamage(e)) throw new DamagedLedger(path, (e as Error).message);
    throw e;
  }
  if (problem !== null) throw new DamagedLedger(path, problem);
  rememberSound(path);
}

/** Whether the ledger changed since dunning last found it sound (or was never checked). */
export function needsCheck(path: string): boolean {
  try {
    return readFileSync(checkedFile(path), 'utf8') !== fingerprint(path);
  } catch {
    return true;
  }
}

/** The ledger as it now stands is sound (checked, or written by dunning since). */
export function rememberSound(path: string): void {
  if (path === ':memory:') return;
  try {
    writeFileSync(checkedFile(path), fingerprint(path), { mode: 0o600 });
  } catch {
    // a read-only folder: the check runs again next time
  }
}
