import type { Ledger } from './open.js';

/**
 * Row checks: every row dunning writes to a ledger table gets a check value (a hash of its
 * columns) in `row_checks`, written by TEMP triggers that exist only on dunning's own connection.
 * A row added, changed or deleted by any other means (the sqlite3 shell, a script) leaves its
 * check missing, stale or orphaned, and `audit verify` names the table and the row. The same
 * triggers keep the trail's newest event in `ledger_state`, so a deleted newest event is caught.
 */

/** The tables checked, and how verify names a row of each (an SQL expression over the row). */
export const CHECKED_TABLES: Record<string, string> = {
  customers: 'id',
  invoices: 'number',
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

const DIGEST_FUNCTION = 'dunning_row_digest';

/**
 * A 53-bit check value of a row's values, in column order (cyrb53's two 32-bit lanes). Not a
 * secret: it catches edits made without dunning, not a forger who runs dunning's own code.
 */
export function rowDigest(...values: unknown[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const v of values) {
    const s = v === null ? '\u0000' : typeof v === 'string' ? `s${v}` : `n${String(v)}`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The columns of each checked table, in order, as the ledger has them now. */
function columnsOf(db: Ledger): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(CHECKED_TABLES)) {
    out[table] = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
  }
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
const nameOf = (row: string, table: string) => CHECKED_TABLES[table]!.replace(/\b(id|number|contact_id|invoice_number|plan_id|seq)\b/g, (c) => `${row}.${c}`);

/** The TEMP triggers of one table: they live and die with this connection. */
function triggersFor(table: string, columns: string[]): string {
  const t = quoted(table);
  const insert = (row: 'NEW') =>
    `INSERT INTO row_checks (tbl, row, name, digest) VALUES ('${table}', ${row}.rowid, ${nameOf(row, table)}, ${digestCall(row, columns)});`;
  return `
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_insert AFTER INSERT ON main.${t} BEGIN ${insert('NEW')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_update AFTER UPDATE ON main.${t} BEGIN
      DELETE FROM row_checks WHERE tbl = '${table}' AND row = OLD.rowid; ${insert('NEW')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS row_check_${table}_delete AFTER DELETE ON main.${t} BEGIN
      DELETE FROM row_checks WHERE tbl = '${table}' AND row = OLD.rowid; END;`;
}

const HEAD_TRIGGER = `
  CREATE TEMP TRIGGER IF NOT EXISTS ledger_head AFTER INSERT ON main.events BEGIN
    UPDATE ledger_state SET head_id = NEW.id, head_hash = NEW.hash WHERE id = 1; END;`;

/**
 * Makes this connection keep row checks and the trail head as it writes. After a migration (the
 * columns or the schema changed) every check is computed afresh from the rows as they stand.
 */
export function installRowChecks(db: Ledger): void {
  if (!keepsRowChecks(db)) return;
  registerRowDigest(db);
  const columns = columnsOf(db);
  const signature = JSON.stringify({ schema: db.pragma('user_version', { simple: true }), columns });
  db.exec(Object.entries(columns).map(([t, c]) => triggersFor(t, c)).join('\n') + HEAD_TRIGGER);
  // Only a migration re-baselines: columns added by hand at the same schema are for verify to report.
  if (recordedSchema(db) === db.pragma('user_version', { simple: true })) return;
  db.transaction(() => {
    db.prepare('DELETE FROM row_checks').run();
    for (const [table, cols] of Object.entries(columns)) {
      db.prepare(
        `INSERT INTO row_checks (tbl, row, name, digest) SELECT '${table}', t.rowid, ${nameOf('t', table)}, ${digestCall('t', cols)} FROM main.${quoted(table)} t`,
      ).run();
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

/** A row whose check does not match: added, changed or deleted without dunning. */
export interface TamperedRow {
  table: string;
  row: string;
  how: 'added' | 'changed' | 'deleted';
}

/** Every row of the checked tables that dunning did not write as it stands. */
export function tamperedRows(db: Ledger): TamperedRow[] {
  registerRowDigest(db);
  const columns = columnsOf(db);
  const out: TamperedRow[] = [];
  for (const [table, cols] of Object.entries(columns)) {
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
  const signature = JSON.stringify({ schema: db.pragma('user_version', { simple: true }), columns: columnsOf(db) });
  return recorded === signature;
}
