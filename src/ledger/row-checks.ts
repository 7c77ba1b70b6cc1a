import { rowDigestAt, rowDigestOf, type CheckRecipe } from '../domain/row-digest.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import type { Ledger } from './open.js';

/**
 * Row checks: every row dunning writes to a ledger table carries a check value (a hash of its
 * columns), kept by TEMP triggers that exist only on dunning's own connection. A row added,
 * changed or deleted by any other means (the sqlite3 shell, a script) leaves its check missing,
 * stale or counted, and `audit verify` names the table and the row. Invoices and customers keep
 * the check in the row, and their count and check sums in `row_sums` (an import writes a million
 * of them and computes each check as it goes); the smaller tables keep theirs in `row_checks`.
 * The same triggers keep the trail's newest event in `ledger_state`: a deleted newest event is caught.
 */

/** Tables whose checks live in `row_checks`, and how verify names a row of each (SQL over the row). */
export const CHECKED_TABLES: Record<string, string> = {
  payments: 'id',
  voided_payments: 'id',
  contacts: 'id',
  contact_invoices: "contact_id || ' ' || invoice_number",
  holds: 'id',
  plans: 'id',
  installments: "plan_id || '/' || seq",
  plan_invoices: "plan_id || ' ' || invoice_number",
  fees: 'id',
};

/** Tables that carry their check in a `row_check` column, and how a row is named. */
export const IN_ROW_TABLES: Record<string, string> = { invoices: 'number', customers: 'id' };

const DIGEST_FUNCTION = 'dunning_row_digest';
const LOW = 4294967295;

export { rowDigestOf };

export const rowDigest = (...values: unknown[]): number => rowDigestOf(values);

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const ALL_TABLES = () => [...Object.keys(IN_ROW_TABLES), ...Object.keys(CHECKED_TABLES)];
const namer = (table: string) => IN_ROW_TABLES[table] ?? CHECKED_TABLES[table]!;

/** The checked columns of a table, in order (the check column itself left out). */
function columnsOfTable(db: Ledger, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => c !== 'row_check');
}

/** Every checked table's columns, in one query (this runs as each command opens the ledger). */
function columnsOf(db: Ledger): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(ALL_TABLES().map((t) => [t, []]));
  const rows = db
    .prepare(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name IN (SELECT value FROM json_each(?)) ORDER BY m.name, p.cid`)
    .raw()
    .all(JSON.stringify(ALL_TABLES())) as [string, string][];
  for (const [table, column] of rows) if (column !== 'row_check') out[table]!.push(column);
  return out;
}

/** Whether this ledger keeps row checks (migration 5 and later). */
export function keepsRowChecks(db: Ledger): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_state'`).get() !== undefined;
}

export function registerRowDigest(db: Ledger): void {
  db.function(DIGEST_FUNCTION, { deterministic: true, varargs: true }, rowDigest);
}

const digestCall = (row: string, columns: string[]) => `${DIGEST_FUNCTION}(${columns.map((c) => `${row}.${quoted(c)}`).join(', ')})`;
const nameOf = (row: string, table: string) => namer(table).replace(/\b(id|number|contact_id|invoice_number|plan_id|seq)\b/g, (c) => `${row}.${c}`);

/** The TEMP triggers of a table checked in `row_checks`: they live and die with this connection. */
function sideTriggers(table: string, columns: string[]): string {
  const t = quoted(table);
  const insert = `INSERT INTO row_checks (tbl, row, name, digest) VALUES ('${table}', NEW.rowid, ${nameOf('NEW', table)}, ${digestCall('NEW', columns)});`;
  return `
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_insert AFTER INSERT ON main.${t} BEGIN ${insert} END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_update AFTER UPDATE ON main.${t} BEGIN
      DELETE FROM row_checks WHERE tbl = '${table}' AND row = OLD.rowid; ${insert} END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_delete AFTER DELETE ON main.${t} BEGIN
      DELETE FROM row_checks WHERE tbl = '${table}' AND row = OLD.rowid; END;`;
}

/** The insert triggers of a table that carries its check: a writer that gives none gets one computed. */
function inRowInsertTriggers(table: string, columns: string[]): string {
  const t = quoted(table);
  return `
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_insert AFTER INSERT ON main.${t} WHEN NEW.row_check IS NULL BEGIN
      UPDATE ${t} SET row_check = ${digestCall('NEW', columns)} WHERE rowid = NEW.rowid; END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_insert_sum AFTER INSERT ON main.${t} WHEN NEW.row_check IS NOT NULL BEGIN
      UPDATE row_sums SET rows = rows + 1, lo = lo + (NEW.row_check & ${LOW}), hi = hi + (NEW.row_check >> 32) WHERE tbl = '${table}'; END;`;
}

/** An update recomputes the check (unless the writer gave a new one); sums take the old out and the new in. */
function inRowTriggers(table: string, columns: string[]): string {
  const t = quoted(table);
  const now = `(SELECT row_check FROM ${t} WHERE rowid = NEW.rowid)`;
  return `${inRowInsertTriggers(table, columns)}
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_update AFTER UPDATE ON main.${t} BEGIN
      UPDATE ${t} SET row_check = ${digestCall('NEW', columns)} WHERE rowid = NEW.rowid AND NEW.row_check IS OLD.row_check;
      UPDATE row_sums SET rows = rows - (OLD.row_check IS NOT NULL) + 1,
        lo = lo - COALESCE(OLD.row_check & ${LOW}, 0) + (${now} & ${LOW}),
        hi = hi - COALESCE(OLD.row_check >> 32, 0) + (${now} >> 32) WHERE tbl = '${table}'; END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_delete AFTER DELETE ON main.${t} WHEN OLD.row_check IS NOT NULL BEGIN
      UPDATE row_sums SET rows = rows - 1, lo = lo - (OLD.row_check & ${LOW}), hi = hi - (OLD.row_check >> 32) WHERE tbl = '${table}'; END;`;
}

const HEAD_TRIGGER = `
  CREATE TEMP TRIGGER IF NOT EXISTS ledger_head AFTER INSERT ON main.events BEGIN
    UPDATE ledger_state SET head_id = NEW.id, head_hash = NEW.hash WHERE id = 1; END;`;

/** What a table's rows add up to now: count and check sums, and how many rows have no check (C only, one pass). */
function sumsNow(db: Ledger, table: string, after = 0): Sums & { unchecked: bigint } {
  return db
    .prepare(
      `SELECT COUNT(row_check) AS rows, COALESCE(SUM(row_check & ${LOW}), 0) AS lo, COALESCE(SUM(row_check >> 32), 0) AS hi,
       COUNT(*) - COUNT(row_check) AS unchecked FROM main.${quoted(table)} WHERE rowid > ?`,
    )
    .safeIntegers()
    .get(after) as Sums & { unchecked: bigint };
}

/** A table's count and check sums, as BigInt: past a few million rows the sums outgrow a double's exact range. */
type Sums = { rows: bigint; lo: bigint; hi: bigint };

/** Every check computed afresh from the rows as they stand: after a migration. */
function rebaseline(db: Ledger, columns: Record<string, string[]>, signature: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM row_checks').run();
    db.prepare('DELETE FROM row_sums').run();
    for (const [table, cols] of Object.entries(columns)) {
      if (table in IN_ROW_TABLES) {
        db.prepare(`UPDATE main.${quoted(table)} SET row_check = ${digestCall(quoted(table), cols)}`).run();
        const s = sumsNow(db, table);
        db.prepare('INSERT INTO row_sums (tbl, rows, lo, hi) VALUES (?, ?, ?, ?)').run(table, s.rows, s.lo, s.hi);
      } else {
        db.prepare(
          `INSERT INTO row_checks (tbl, row, name, digest) SELECT '${table}', t.rowid, ${nameOf('t', table)}, ${digestCall('t', cols)} FROM main.${quoted(table)} t`,
        ).run();
      }
    }
    db.prepare(
      `UPDATE ledger_state SET columns = ?, head_id = COALESCE((SELECT MAX(id) FROM events), 0),
       head_hash = COALESCE((SELECT hash FROM events ORDER BY id DESC LIMIT 1), ?) WHERE id = 1`,
    ).run(signature, '0'.repeat(64));
  }).immediate();
}

/** The schema version the row checks were last computed at (null: never). */
function recordedSchema(db: Ledger): number | null {
  const recorded = db.prepare('SELECT columns FROM ledger_state WHERE id = 1').pluck().get() as string | undefined;
  if (!recorded) return null;
  return (JSON.parse(recorded) as { schema: number }).schema;
}

const signatureOf = (db: Ledger, columns: Record<string, string[]>) => JSON.stringify({ schema: db.pragma('user_version', { simple: true }), columns });

/**
 * Makes this connection keep row checks and the trail head as it writes. After a migration (the
 * columns or the schema changed) every check is computed afresh from the rows as they stand.
 */
export function installRowChecks(db: Ledger): void {
  if (!keepsRowChecks(db)) return;
  registerRowDigest(db);
  const columns = columnsOf(db);
  // Only a migration re-baselines: columns added by hand at the same schema are for verify to report.
  if (recordedSchema(db) !== db.pragma('user_version', { simple: true })) rebaseline(db, columns, signatureOf(db, columns));
  const triggers = Object.entries(columns).map(([t, c]) => (t in IN_ROW_TABLES ? inRowTriggers(t, c) : sideTriggers(t, c)));
  // One transaction for all of them: each CREATE on its own would be a transaction of its own.
  db.transaction(() => db.exec(triggers.join('\n') + HEAD_TRIGGER))();
}

/**
 * The check of a new row as a writer that knows its values computes it: the values it inserts,
 * the columns it leaves to their defaults, in the table's order. Null when a default is not a
 * plain value (the trigger then computes the check).
 */
export class RowCheck {
  /** Per table column: where the writer's value is among its inserted ones (-1: a default, in `fixed`). */
  private readonly positions: number[] | null;
  private readonly fixed: unknown[] = [];

  constructor(db: Ledger, table: string, inserted: readonly string[]) {
    const info = db.prepare(`SELECT name, dflt_value AS d FROM pragma_table_info(?)`).all(table) as { name: string; d: string | null }[];
    const positions: number[] = [];
    let plain = keepsRowChecks(db) && info.some((c) => c.name === 'row_check');
    for (const c of info) {
      if (c.name === 'row_check') continue;
      const at = inserted.indexOf(c.name);
      const value = at >= 0 ? null : defaultValue(c.d);
      if (value === undefined) plain = false;
      positions.push(at);
      this.fixed.push(value);
    }
    this.positions = plain ? positions : null;
  }

  /** The check of a row inserted with these values (in the writer's column order), or null. */
  of(values: readonly unknown[]): number | null {
    return this.ofArgs(values, 0);
  }

  /** The same for the values at `args[at]` onwards: a multi-row statement's arguments, read in place. */
  ofArgs(args: readonly unknown[], at: number): number | null {
    return this.positions ? rowDigestAt(args, at, this.positions, this.fixed) : null;
  }

  /**
   * How the reading thread makes the same check from an invoice record: `from` names, for each
   * inserted column, the record's field or the value written for every row. Null as for `of`.
   */
  recipe(from: readonly ({ field: keyof InvoiceRecord } | { value: string | number | null })[]): CheckRecipe | null {
    if (!this.positions) return null;
    return this.positions.map((p, k) => (p >= 0 ? from[p]! : { value: this.fixed[k] as string | number | null }));
  }
}

/** A column default as a value: NULL, a number or a quoted string; undefined for an expression. */
function defaultValue(d: string | null): unknown {
  if (d === null || /^null$/i.test(d)) return null;
  if (/^-?\d+$/.test(d)) return Number(d);
  const m = /^'((?:[^']|'')*)'$/.exec(d);
  return m ? m[1]!.replaceAll("''", "'") : undefined;
}

/**
 * For a bulk load: the table's insert triggers set aside (the writer gives every row its check);
 * `resume` adds the rows written since to the table's sums and puts the triggers back.
 */
export function suspendRowSums(db: Ledger, table: string): { resume: () => void } {
  if (!keepsRowChecks(db) || !(table in IN_ROW_TABLES)) return { resume: () => {} };
  const high = (db.prepare(`SELECT COALESCE(MAX(rowid), 0) FROM main.${quoted(table)}`).pluck().get() as number) ?? 0;
  db.exec(`DROP TRIGGER IF EXISTS temp.row_check_${table}_insert; DROP TRIGGER IF EXISTS temp.row_check_${table}_insert_sum;`);
  return {
    resume: () => {
      const s = sumsNow(db, table, high);
      db.prepare('UPDATE row_sums SET rows = rows + ?, lo = lo + ?, hi = hi + ? WHERE tbl = ?').run(s.rows, s.lo, s.hi, table);
      const cols = columnsOfTable(db, table);
      // A row given no check (none should be): computed now, the update trigger counting it.
      // The sums' pass counted them: a load that checked every row is not read through again.
      if (s.unchecked > 0n) db.prepare(`UPDATE main.${quoted(table)} SET row_check = ${digestCall(quoted(table), cols)} WHERE rowid > ? AND row_check IS NULL`).run(high);
      db.exec(inRowInsertTriggers(table, cols));
    },
  };
}

/** A row whose check does not match: added, changed or deleted without dunning. */
export interface TamperedRow {
  table: string;
  row: string;
  how: 'added' | 'changed' | 'deleted';
}

/** Rows of a table that carries its check: each one named; deleted ones counted, and named where the ledger still refers to them. */
function tamperedInRow(db: Ledger, table: string, cols: string[], out: TamperedRow[]): void {
  const t = quoted(table);
  const bad = db
    .prepare(`SELECT ${nameOf('t', table)} AS row, t.row_check IS NULL AS added FROM main.${t} t WHERE t.row_check IS NULL OR t.row_check <> ${digestCall('t', cols)} ORDER BY t.rowid`)
    .all() as { row: string; added: number }[];
  for (const r of bad) out.push({ table, row: String(r.row), how: r.added ? 'added' : 'changed' });
  const recorded = db.prepare('SELECT rows, lo, hi FROM row_sums WHERE tbl = ?').safeIntegers().get(table) as Sums | undefined;
  if (!recorded) return;
  const now = sumsNow(db, table);
  const changedCounted = bad.filter((b) => !b.added).length;
  if (now.rows === recorded.rows && (changedCounted > 0 || (now.lo === recorded.lo && now.hi === recorded.hi))) return;
  const missing = Number(recorded.rows - now.rows);
  const named = deletedNames(db, table);
  for (const name of named) out.push({ table, row: name, how: 'deleted' });
  if (named.length >= missing && !(missing <= 0 && named.length === 0)) return;
  // Named nowhere else: where the rows were, by the rows either side (an import numbers them in order).
  const gaps = missing > named.length ? gapsIn(db, table) : [];
  for (const g of gaps) out.push({ table, row: g, how: 'deleted' });
  if (gaps.length === 0) out.push({ table, row: missing > 0 ? `(${missing - named.length} of them, no longer named anywhere)` : '(one, replaced by another)', how: 'deleted' });
}

/** Where rows are missing from a table whose rows dunning never deletes: "between X and Y", "after Z". */
function gapsIn(db: Ledger, table: string): string[] {
  const t = quoted(table);
  const name = nameOf('x', table);
  const rows = db
    .prepare(
      `SELECT (SELECT ${name} FROM main.${t} x WHERE x.rowid = g.rowid) AS before,
              (SELECT ${name} FROM main.${t} x WHERE x.rowid > g.rowid ORDER BY x.rowid LIMIT 1) AS after
       FROM main.${t} g WHERE NOT EXISTS (SELECT 1 FROM main.${t} n WHERE n.rowid = g.rowid + 1) ORDER BY g.rowid LIMIT 20`,
    )
    .all() as { before: string; after: string | null }[];
  return rows.map((r) => (r.after === null ? `after ${r.before}, the last` : `between ${r.before} and ${r.after}`)).filter((g) => !g.endsWith('the last') || rows.length === 1);
}

/** Invoices or customers the ledger still names (events, payments, contacts) that are gone from their table. */
function deletedNames(db: Ledger, table: string): string[] {
  const sql =
    table === 'invoices'
      ? `SELECT invoice_number FROM events WHERE invoice_number IS NOT NULL UNION SELECT invoice_number FROM payments UNION SELECT invoice_number FROM contact_invoices
         EXCEPT SELECT number FROM invoices`
      : `SELECT customer_id FROM events WHERE customer_id IS NOT NULL UNION SELECT customer_id FROM contacts UNION SELECT customer_id FROM invoices
         EXCEPT SELECT id FROM customers`;
  return db.prepare(sql).pluck().all() as string[];
}

/** Every row of the checked tables that dunning did not write as it stands. */
export function tamperedRows(db: Ledger): TamperedRow[] {
  registerRowDigest(db);
  const out: TamperedRow[] = [];
  for (const [table, cols] of Object.entries(columnsOf(db))) {
    if (table in IN_ROW_TABLES) {
      tamperedInRow(db, table, cols, out);
      continue;
    }
    const t = quoted(table);
    const changed = db
      .prepare(
        `SELECT ${nameOf('t', table)} AS row, c.digest IS NULL AS added FROM main.${t} t
         LEFT JOIN row_checks c ON c.tbl = '${table}' AND c.row = t.rowid
         WHERE c.digest IS NULL OR c.digest <> ${digestCall('t', cols)} ORDER BY t.rowid`,
      )
      .all() as { row: string | number; added: number }[];
    for (const r of changed) out.push({ table, row: String(r.row), how: r.added ? 'added' : 'changed' });
    const deleted = db
      .prepare(`SELECT name FROM row_checks c WHERE c.tbl = '${table}' AND NOT EXISTS (SELECT 1 FROM main.${t} WHERE rowid = c.row) ORDER BY c.row`)
      .pluck()
      .all() as string[];
    for (const name of deleted) out.push({ table, row: name, how: 'deleted' });
  }
  return out;
}

/** The newest event dunning recorded writing, or null for a ledger that keeps no record of it. */
export function recordedHead(db: Ledger): { id: number; hash: string } | null {
  if (!keepsRowChecks(db)) return null;
  const row = db.prepare('SELECT head_id AS id, head_hash AS hash FROM ledger_state WHERE id = 1').get() as { id: number; hash: string } | undefined;
  return row ?? null;
}

/** Whether the row checks were computed over the columns the tables have now (none added by hand). */
export function columnsAsRecorded(db: Ledger): boolean {
  const recorded = db.prepare('SELECT columns FROM ledger_state WHERE id = 1').pluck().get() as string | undefined;
  if (recorded === undefined) return true;
  return recorded === signatureOf(db, columnsOf(db));
}
