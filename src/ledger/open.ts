import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BusyError, UsageError } from '../domain/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
import { isBusy } from './transaction.js';

export type Ledger = Database.Database;

/**
 * better-sqlite3's compiled addon, named rather than found: the `bindings` package it otherwise
 * uses searches a dozen places for it, a few ms of every command's start-up (issue 7), and does
 * not search from the CLI's bundle (scripts/bundle-cli.js), which holds better-sqlite3's code.
 */
function sqliteAddon(): string | undefined {
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
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  readonly?: boolean;
  /** Milliseconds to wait for another writer before giving up (default 5000). */
  busyTimeoutMs?: number;
  migrations?: Migration[];
}

/**
 * Opens (and creates, owner-only) a ledger, in WAL mode with foreign keys, and brings its
 * schema up to date. A ledger written by a newer dunning is refused, never downgraded.
 */
export function openLedger(path: string, options: OpenOptions = {}): Ledger {
  const { create = true, readonly = false, busyTimeoutMs = 5000, migrations = MIGRATIONS } = options;
  const exists = path === ':memory:' || existsSync(path);
  if (!exists && (!create || readonly)) {
    throw new UsageError(`${path}: no ledger here (run \`dunning import FILE\` or \`dunning init\` to create one, or pass --db PATH)`);
  }
  if (!exists) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path, { readonly, fileMustExist: exists, nativeBinding: sqliteAddon() });
  if (!exists) chmodSync(path, 0o600);
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (e) {
    db.close();
    if (isBusy(e)) {
      throw new BusyError(`${path}: the ledger is busy with another dunning command; try again shortly`);
    }
    throw e;
  }
  return db;
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
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export { SCHEMA_VERSION };
