import { UsageError } from '../domain/errors.js';
import type { Ledger } from './open.js';

/** `PRAGMA application_id` of a dunning ledger: "DUNN" in ASCII, set by migration 9. */
export const DUNNING_APPLICATION_ID = 0x44554e4e;

/** Tables every dunning ledger has had since migration 1: how a ledger from before the id is known. */
const FIRST_TABLES = ['customers', 'invoices', 'events'];

export type LedgerKind = 'new' | 'dunning';

/**
 * What an SQLite file is, before anything is written to it: an empty file (a new ledger), a
 * dunning ledger, or something else, which is refused and never migrated (issue 19, item 17).
 */
export function ledgerKind(db: Ledger, path: string): LedgerKind {
  const notOurs = (why: string) =>
    new UsageError(`${path}: not a dunning ledger (${why}); check --db, or run \`dunning import FILE\` with --db naming a new file`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < 0) throw notOurs(`its schema version is ${version}`);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === DUNNING_APPLICATION_ID) return 'dunning';
  if (appId !== 0) throw notOurs(`it belongs to another application, id 0x${(appId >>> 0).toString(16)}`);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (version === 0 && tables.size === 0) return 'new';
  if (version > 0 && FIRST_TABLES.every((t) => tables.has(t))) return 'dunning';
  throw notOurs(`it holds ${tables.size} table${tables.size === 1 ? '' : 's'} that dunning did not make`);
}

/**
 * The ledger's own random id (migration 9): its letters' `.partial` files carry it, so ledgers
 * sharing one outbox never finish or remove each other's. Null before migration 9.
 */
export function ledgerId(db: Ledger): string | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_identity'").get();
  return exists ? ((db.prepare('SELECT id FROM ledger_identity').pluck().get() as string | undefined) ?? null) : null;
}
