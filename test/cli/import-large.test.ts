import Database from 'better-sqlite3';
import { appendFileSync, copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dunning, tempDir, writeCsv, type CliResult } from '../helpers.js';

/**
 * A file large enough to be loaded in bulk (over 4 MB, indexes
 * rebuilt at the end): the same promises as a small one. Nothing here is timed.
 * Size is what makes it large, so the rows are long (a customer's full trading name) and few:
 * 12,000 rows are still 12 of the reader's batches (1,024 rows) and over 4 MB in every file here.
 */
const ROWS = 12_000;
const CUSTOMERS = 1250;
const TRADING_AS = ' trading as the Customer Wholesale and Retail Partnership of the Northern Counties and the Western Isles for Office Furniture Stationery and Printing Supplies Catering Equipment and Cleaning Services Contract Division Accounts Payable Department Invoices Section Ref';
const row = (i: number, over: { due?: string; paid?: string } = {}) => {
  const c = i % CUSTOMERS;
  const paid = over.paid ?? (i % 3 === 0 ? '120.00' : '');
  return `INV-${String(i).padStart(6, '0')},C${c},"Customer ${c}, Trading Ltd${TRADING_AS}",ap${c}@customer.example,2026-01-01,${over.due ?? '2026-01-31'},GBP,120.00,${paid}`;
};
const rows = (change: (i: number) => string = (i) => row(i)) => Array.from({ length: ROWS }, (_, k) => change(k + 1));

/** The ledger of the file of ROWS imported once into an empty ledger (on 1 February), and what that import printed. */
let loaded: { dir: string; file: string; first: CliResult };
beforeAll(() => {
  const dir = tempDir();
  const file = writeCsv(dir, 'big.csv', rows());
  loaded = { dir, file, first: dunning(dir, ['import', file, '--json', '--as-of', '2026-02-01']) };
});

/** A folder holding a copy of that ledger: a copy of the file costs far less than the import. */
function copyOfLoaded(): string {
  const dir = tempDir();
  copyFileSync(join(loaded.dir, 'dunning.db'), join(dir, 'dunning.db'));
  return dir;
}

function query(dir: string, sql: string): unknown {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
}

describe('dunning import of a large canonical file', () => {
  it('loads every row, and the same file again changes nothing', () => {
    const { file, first } = loaded;
    expect(statSync(file).size).toBeGreaterThan(4 << 20);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ invoices: { added: ROWS, updated: 0, unchanged: 0 }, errors: [] });
    const dir = copyOfLoaded();
    expect(query(dir, 'SELECT COUNT(*) FROM customers')).toBe(CUSTOMERS);
    expect(query(dir, 'SELECT COUNT(*) FROM invoices WHERE paid_before_minor <> 0')).toBe(ROWS / 3);
    expect(query(dir, 'SELECT COUNT(*) FROM payments')).toBe(0);
    // The customer index, dropped for the bulk load, is back.
    expect(query(dir, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'invoices_by_customer'")).toBe(1);
    const events = query(dir, 'SELECT COUNT(*) FROM events');

    const again = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-03']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ invoices: { added: 0, updated: 0, unchanged: ROWS }, payments: { added: 0 } });
    expect(query(dir, 'SELECT COUNT(*) FROM events')).toBe(events);
  });

  it('updates only what a newer export changed, each change an event from old to new', () => {
    const dir = copyOfLoaded(); // January's export, imported on 1 February
    const newer = rows((i) => (i === 10_001 ? row(i, { due: '2026-02-28' }) : i === 10_003 ? row(i, { paid: '50.00' }) : row(i)));
    const r = dunning(dir, ['import', writeCsv(dir, 'feb.csv', newer), '--json', '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ invoices: { added: 0, updated: 1, unchanged: ROWS - 1 }, payments: { added: 1 } });
    const change = JSON.parse(query(dir, "SELECT data FROM events WHERE kind = 'invoice-updated'") as string);
    expect(change.changes).toEqual({ due_date: { from: '2026-01-31', to: '2026-02-28' } });
    expect(query(dir, "SELECT invoice_number || ' ' || amount_minor || ' ' || paid_on FROM payments WHERE reference LIKE 'import %'")).toBe('INV-010003 5000 2026-03-02');
  });

  it('names both lines of an invoice number that appears twice far apart', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'dup.csv', rows((i) => (i === 11_000 ? row(7) : row(i))));
    const r = dunning(dir, ['import', file]);
    expect(r.code).toBe(3);
    // Line 1 is the header: invoice i is on line i + 1.
    expect(r.stderr).toContain(`${file}:11001: invoice_number: INV-000007 appears again (first on line 8; one row per invoice)`);
  });

  it('names the first line of a number repeated a few rows on, and sets only the repeats aside', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'near.csv', rows((i) => (i === 10_005 || i === 10_006 ? row(10_002, { paid: '' }) : row(i))));
    const refused = dunning(dir, ['import', file]);
    expect(refused.code).toBe(3);
    for (const line of [10_006, 10_007]) {
      expect(refused.stderr).toContain(`${file}:${line}: invoice_number: INV-010002 appears again (first on line 10003; one row per invoice)`);
    }
    expect(query(dir, 'SELECT COUNT(*) FROM invoices')).toBe(0);

    const kept = dunning(dir, ['import', file, '--skip-invalid', '--json']);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ invoices: { added: ROWS - 2 }, rejected: 2 });
    expect(query(dir, 'SELECT COUNT(*) FROM invoices')).toBe(ROWS - 2);
    // The rows around the repeats, in the same statement, are all in; the first INV-010002 stands.
    expect(query(dir, "SELECT group_concat(number) FROM invoices WHERE number BETWEEN 'INV-010001' AND 'INV-010009'")).toBe(
      'INV-010001,INV-010002,INV-010003,INV-010004,INV-010007,INV-010008,INV-010009',
    );
    // What the first row said was paid is kept with it; the repeats (which said nothing was paid) change nothing.
    expect(query(dir, "SELECT group_concat(number || ' ' || paid_before_minor) FROM invoices WHERE number BETWEEN 'INV-010001' AND 'INV-010009' AND paid_before_minor <> 0")).toBe(
      'INV-010002 12000,INV-010008 12000',
    );
    expect(query(dir, 'SELECT COUNT(*) FROM invoices WHERE paid_before_minor <> 0')).toBe(ROWS / 3 - 1);
  });

  it('writes nothing when the last row of the file is bad', () => {
    const dir = tempDir();
    dunning(dir, ['import', writeCsv(dir, 'seed.csv', [row(999_999)]), '--as-of', '2026-02-01']);
    const tables = ['invoices', 'customers', 'payments', 'events', 'imports'];
    const before = tables.map((t) => query(dir, `SELECT COUNT(*) FROM ${t}`));
    const bad = [...rows(), 'INV-LAST,C1,Customer 1,,2026-02-30,2026-03-01,GBP,10.00,'];
    const file = writeCsv(dir, 'bad-end.csv', bad);
    const r = dunning(dir, ['import', file, '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:${ROWS + 2}: issue_date: "2026-02-30" is not a date (use YYYY-MM-DD)`);
    expect(JSON.parse(r.stdout).errors).toHaveLength(1);
    expect(tables.map((t) => query(dir, `SELECT COUNT(*) FROM ${t}`))).toEqual(before);
    expect(before[0]).toBe(1);
    expect(query(dir, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'invoices_by_customer'")).toBe(1);
    // The bulk load's rollback journal is put back to WAL when the import fails, too.
    expect(query(dir, 'PRAGMA journal_mode')).toBe('wal');
  });

  it('leaves the ledger in WAL mode, every reference whole and every check met, though it loaded in bulk', () => {
    expect(loaded.first.code, loaded.first.stderr).toBe(0);
    const db = new Database(join(loaded.dir, 'dunning.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // Foreign keys are not checked row by row during an import: it must make them whole itself.
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Nor are CHECK constraints during a bulk load: integrity_check checks them again.
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT COUNT(*) FROM invoices i JOIN customers c ON c.id = i.customer_id').pluck().get()).toBe(ROWS);
    } finally {
      db.close();
    }
  });

  it('records a customer whose details change part way through the file once per change', () => {
    const dir = tempDir();
    // C7's email changes from invoice 7,507 on: rows before repeat the old one, rows after the new.
    const changed = rows((i) => (i % CUSTOMERS === 7 && i > 7_500 ? row(i).replace('ap7@customer.example', 'new7@customer.example') : row(i)));
    const r = dunning(dir, ['import', writeCsv(dir, 'big.csv', changed), '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(query(dir, "SELECT email FROM customers WHERE id = 'C7'")).toBe('new7@customer.example');
    expect(query(dir, "SELECT COUNT(*) FROM events WHERE kind = 'customer-updated'")).toBe(1);
    const change = JSON.parse(query(dir, "SELECT data FROM events WHERE kind = 'customer-updated'") as string);
    expect(change.changes).toEqual({ email: { from: 'ap7@customer.example', to: 'new7@customer.example' } });
  });

  it('a command that finds the ledger taken by a bulk load exits 4, busy, and changes nothing', () => {
    const dir = tempDir();
    dunning(dir, ['import', writeCsv(dir, 'seed.csv', [row(1)]), '--as-of', '2026-02-01']);
    // As a bulk import holds it: a rollback journal and an exclusive lock (after the five-second wait).
    const loader = new Database(join(dir, 'dunning.db'));
    expect(loader.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
    loader.exec('BEGIN EXCLUSIVE');
    try {
      const r = dunning(dir, ['status', '--as-of', '2026-03-02']);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('busy');
    } finally {
      loader.exec('ROLLBACK');
      loader.close();
    }
    expect(dunning(dir, ['status', '--as-of', '2026-03-02']).code).toBe(0);
  });

  it('refuses bytes that are not UTF-8 far into the file, on their line, with exit 3 and nothing written', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'big.csv', rows());
    const bad = Buffer.from('INV-X,cafe,Caf\xe9 Lumi\xe8re,,2026-01-01,2026-01-31,EUR,10.00,\n', 'latin1');
    appendFileSync(file, Buffer.concat([bad, Buffer.from(`${row(ROWS + 1)}\n`)]));
    expect(statSync(file).size).toBeGreaterThan(4 << 20);
    const r = dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:${ROWS + 2}: (file): the file is not UTF-8 text (it may be Windows-1252 or Latin-1: save it as "CSV UTF-8" and import that)`);
    expect(r.stderr).not.toMatch(/sha256|unexpected failure|\n\s+at /);
    expect(query(dir, 'SELECT COUNT(*) FROM invoices')).toBe(0);
  });

  it('reads a large file a German spreadsheet re-saved (semicolons, 120,00, 31.01.2026) in full, without a mapping file', () => {
    const dir = tempDir();
    const german = (i: number) => row(i, { due: '2026-01-31' }).replace(/"([^"]*)"/, (_, name: string) => name.replace(',', '')).replaceAll(',', ';').replace('2026-01-01', '01.01.2026').replace('2026-01-31', '31.01.2026').replaceAll('120.00', '120,00');
    const file = writeCsv(dir, 'gross.csv', rows(german), 'invoice_number;customer_id;customer_name;email;issue_date;due_date;currency;amount;amount_paid');
    expect(statSync(file).size).toBeGreaterThan(4 << 20);
    const r = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ formats: ['canonical'], invoices: { added: ROWS }, errors: [] });
    expect(query(dir, "SELECT SUM(amount_minor) FROM invoices WHERE due_date = '2026-01-31'")).toBe(ROWS * 12000);
    expect(query(dir, 'SELECT SUM(paid_before_minor) FROM invoices')).toBe((ROWS / 3) * 12000);
  });
});
