import type { Statement } from 'better-sqlite3';
import type { Ledger } from './open.js';

const prepared = new WeakMap<Ledger, Map<string, Statement>>();

/**
 * The statement for `sql` on this ledger, prepared the first time it is asked for: preparing is
 * SQLite compiling the SQL, which a statement run once per letter should not repeat.
 */
export function statement(db: Ledger, sql: string): Statement {
  let mine = prepared.get(db);
  if (!mine) prepared.set(db, (mine = new Map()));
  let s = mine.get(sql);
  if (!s) mine.set(sql, (s = db.prepare(sql)));
  return s;
}
