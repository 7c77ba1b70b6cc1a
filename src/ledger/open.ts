import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BusyError, UsageError } from '../domain/errors.js';
import { backupBeforeMigration } from './backup.js';
import { ledgerKind } from './identity.js';
import { DamagedLedger, isDamage, refuseDamaged, rememberSound } from './integrity.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
import { installRowChecks } from './row-checks.js';
import { isBusy } from './transaction.js';

export type Ledger = Database.Database;

/**
 * better-sqlite3's compiled addon, named rather than found: the `bindings` package it otherwise
 * uses searches a dozen places for it, a few ms of every command's start-up (issue 7), and does
 * not search from the CLI's bundle (scripts/bundle-cli.js), which holds better-sqlite3's code.
 */
export function sqliteAddon(): string | undefined {
  const require = createRequire(import.meta.url);
  for (const build of ['Release', 'Debug']) {
    try {
      return require.resolve(`better-sqlite3/build/${build}/better_sqlite3.node`);
    } catch {
      // not this build; the next, or bindings' own search
    }
  }
  return undefined;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default true; the CLI passes false but for `import` and `init`). */
  create?: boolean;
  readonly?: boolean;
  /** Milliseconds to wait for another writer before giving up (default 5000). */
  busyTimeoutMs?: number;
  migrations?: Migration[];
  /**
   * Keep each row written's check (default true): TEMP triggers on this connection. A command
   * that only reads (status, report) skips making them.
   */
  rowChecks?: boolean;
  /**
   * Read the file through memory mapping (SQLite's mmap_size): a quarter off a scan of a
   * million invoices, for the commands that only read (status, report and their workers).
   */
  mapped?: boolean;
}

/** As much of the ledger as a mapped read may map: more than any ledger this tool keeps. */
const MAP_BYTES = 1 << 30;

const SQLITE_HEADER = 'SQLite format 3\0';

/** Refuses, before SQLite touches it, a path that cannot be a ledger: a folder, a FIFO, /dev/null, a text file. */
function refuseWrongKind(path: string): boolean {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e; // permission denied, say: the CLI says so in one line
  }
  if (stat.isDirectory()) throw new UsageError(`${path}: is a folder, not a ledger file (pass --db FOLDER/dunning.db)`);
  if (!stat.isFile()) throw new UsageError(`${path}: is not a regular file (a device or a pipe), so it cannot be a ledger (pass --db with a file)`);
  if (stat.size === 0) return true;
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) {
    throw new UsageError(`${path}: not a dunning ledger (not an SQLite database); check --db`);
  }
  return true;
}

/**
 * Opens (and creates, owner-only) a ledger, in WAL mode with foreign keys, and brings its
 * schema up to date. Refused: a ledger written by a newer dunning (never downgraded), a file
 * that is not a dunning ledger (never migrated), and a damaged ledger (PRAGMA quick_check).
 */
export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  const { create = true, readonly = false, busyTimeoutMs = 5000, migrations = MIGRATIONS, rowChecks = true, mapped = false } = options;
  const exists = path === ':memory:' || refuseWrongKind(path);
  const noLedger = () =>
    new UsageError(`${path}: no ledger here (run \`dunning import FILE\` or \`dunning init\` to create one, or pass --db PATH)`);
  if (!exists && (!create || readonly)) throw noLedger();
  if (!exists) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path, { readonly, fileMustExist: exists, nativeBinding: sqliteAddon() });
  if (!exists) chmodSync(path, 0o600);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const kind = ledgerKind(db, path);
    if (kind === 'new' && !create) throw noLedger();
    if (kind === 'dunning') refuseDamaged(db, path);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    if (mapped) db.pragma(`mmap_size = ${MAP_BYTES}`);
    migrate(db, migrations);
    if (!readonly && rowChecks) installRowChecks(db);
  } catch (e) {
    db.close();
    if (isBusy(e)) {
      throw new BusyError(`${path}: the ledger is busy with another dunning command; try again shortly`);
    }
    if (isDamage(e)) throw new DamagedLedger(path, (e as Error).message);
    throw e;
  }
  if (!readonly) rememberOwnWrites(db, path);
  return db;
}

/** dunning's own writes keep the ledger sound: closing remembers it, so the next command need not check it again. */
function rememberOwnWrites(db: Ledger, path: string): void {
  const close = db.close.bind(db);
  db.close = () => {
    const wasOpen = db.open;
    close();
    if (wasOpen) rememberSound(path);
    return db;
  };
}

export function schemaVersion(db: Ledger): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the ledger's version, each in its own transaction. By version
 * number, not position: migrations numbered ahead of time may land before the ones below them.
 */
export function migrate(db: Ledger, migrations: Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new UsageError(
      `${db.name}: this ledger was written by a newer dunning (schema ${current}, this one knows ${latest}); upgrade dunning to open it`,
    );
  }
  const pending = migrations.filter((x) => x.version > current);
  if (pending.length === 0) return;
  if (current > 0) backupBeforeMigration(db, current);
  for (const m of pending) {
    db.transaction(() => {
      // Another process may have migrated while this one waited for the lock.
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export { SCHEMA_VERSION };
