import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, ROOT, tempDir, writeCsv } from '../helpers.js';

const ROWS = [
  'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,1200.00,',
  'INV-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,300.50,100.50',
  'CN-1,acme,Acme Ltd,ap@acme.example,2026-01-10,2026-01-10,GBP,-50.00,',
  'INV-3,lumiere,Atelier Lumière,,2026-01-02,2026-02-01,EUR,990.00,990.00',
];

function count(dir: string, sql: string): number {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('dunning import (canonical CSV)', () => {
  it('loads invoices, customers and what was already paid, and reports it as JSON', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'invoices.csv', ROWS);
    const r = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-02']);
    expect(r.stderr).toContain('4 new');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      files: [file],
      invoices: { added: 4, updated: 0, unchanged: 0 },
      payments: { added: 0 },
      rejected: 0,
      errors: [],
    });
    expect(count(dir, 'SELECT COUNT(*) FROM customers')).toBe(2);
    expect(count(dir, "SELECT amount_minor FROM invoices WHERE number = 'INV-2'")).toBe(30050);
    expect(count(dir, "SELECT amount_minor FROM invoices WHERE number = 'CN-1'")).toBe(-5000);
    // What the export says was paid before is part of the invoice: it has no day, and is no payment we saw.
    expect(count(dir, "SELECT paid_before_minor FROM invoices WHERE number = 'INV-2'")).toBe(10050);
    expect(count(dir, 'SELECT COUNT(*) FROM payments')).toBe(0);
    expect(count(dir, "SELECT COUNT(*) FROM events WHERE kind = 'import' AND data LIKE '%sha256%'")).toBe(1);
  });

  it('changes nothing when the same file is imported again', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'invoices.csv', ROWS);
    dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    const events = count(dir, 'SELECT COUNT(*) FROM events');
    const r = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-03']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).invoices).toEqual({ added: 0, updated: 0, unchanged: 4 });
    expect(count(dir, 'SELECT COUNT(*) FROM events')).toBe(events);
    expect(count(dir, 'SELECT COUNT(*) FROM invoices WHERE paid_before_minor <> 0')).toBe(2);
    expect(count(dir, 'SELECT COUNT(*) FROM payments')).toBe(0);
  });

  it('updates what a newer export changed: a higher amount paid becomes a payment, a new due date an event', () => {
    const dir = tempDir();
    dunning(dir, ['import', writeCsv(dir, 'jan.csv', ROWS), '--as-of', '2026-02-01']);
    const newer = [...ROWS];
    newer[0] = 'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-14,GBP,1200.00,400.00';
    newer.push('INV-4,acme,Acme Ltd,ap@acme.example,2026-02-01,2026-03-03,GBP,80.00,');
    const r = dunning(dir, ['import', writeCsv(dir, 'feb.csv', newer), '--json', '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ invoices: { added: 1, updated: 1, unchanged: 3 }, payments: { added: 1 } });
    expect(count(dir, "SELECT due_date FROM invoices WHERE number = 'INV-1'") as unknown).toBe('2026-02-14');
    expect(count(dir, "SELECT amount_minor FROM payments WHERE invoice_number = 'INV-1'")).toBe(40000);
    expect(count(dir, "SELECT paid_on FROM payments WHERE invoice_number = 'INV-1'") as unknown).toBe('2026-03-02');
    const change = count(dir, "SELECT data FROM events WHERE kind = 'invoice-updated'") as unknown as string;
    expect(JSON.parse(change).changes).toEqual({ due_date: { from: '2026-01-31', to: '2026-02-14' } });
  });

  it('counts the same money once: a dated payment takes the place of what the invoice export said was paid', () => {
    const dir = tempDir();
    dunning(dir, ['import', writeCsv(dir, 'invoices.csv', ROWS), '--as-of', '2026-03-02']);
    writeFileSync(join(dir, 'bank.json'), JSON.stringify({ name: 'bank', kind: 'payments', columns: { invoice_number: 'Invoice', amount: 'Amount', paid_on: 'Date' } }));
    // The 100.50 INV-2 showed as paid, now with its day, and 50.00 more.
    const payments = join(dir, 'payments.csv');
    writeFileSync(payments, 'Invoice,Amount,Date\nINV-2,100.50,2026-02-10\nINV-2,50.00,2026-02-20\n');
    const r = dunning(dir, ['import', payments, '--map', join(dir, 'bank.json'), '--json', '--as-of', '2026-03-03']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).payments).toEqual({ added: 2 });
    const shown = JSON.parse(dunning(dir, ['show', 'INV-2', '--json', '--as-of', '2026-03-03']).stdout);
    expect(shown.invoices[0]).toMatchObject({ paid: { minor: 15050 }, balance: { minor: 15000 } });
    expect(count(dir, "SELECT group_concat(line, '; ') FROM (SELECT paid_on || ' ' || amount_minor || ' ' || reference AS line FROM payments ORDER BY id)")).toBe(
      '2026-02-10 10050 payment in payments.csv; 2026-02-10 -10050 replaced by dated payment; 2026-02-20 5000 payment in payments.csv',
    );
    // The same file again changes nothing.
    const again = dunning(dir, ['import', payments, '--map', join(dir, 'bank.json'), '--json', '--as-of', '2026-03-04']);
    expect(JSON.parse(again.stdout).payments).toEqual({ added: 0 });
    expect(count(dir, 'SELECT COUNT(*) FROM payments')).toBe(3);
  });

  it('refuses a file with bad rows, lists every problem as file:line: column, exits 3 and writes nothing', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'bad.csv', [
      ROWS[0]!,
      'INV-9,acme,Acme Ltd,ap@acme.example,2026-02-30,2026-03-01,GBP,12.345,',
      'INV-10,acme,Acme Ltd,not-an-email,2026-01-01,2026-01-31,XYZ,10.00,',
      ROWS[0]!,
    ]);
    const r = dunning(dir, ['import', file, '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:3: issue_date: "2026-02-30" is not a date (use YYYY-MM-DD)`);
    expect(r.stderr).toContain(`${file}:3: amount: "12.345" has more decimal places than GBP allows (2)`);
    expect(r.stderr).toContain(`${file}:4: email: "not-an-email" is not an email address`);
    expect(r.stderr).toContain(`${file}:4: currency: "XYZ" is not an ISO 4217 currency code`);
    expect(r.stderr).toContain(`${file}:5: invoice_number: INV-1 appears again (first on line 2`);
    const report = JSON.parse(r.stdout);
    expect(report.errors).toHaveLength(5);
    expect(report.errors[0]).toEqual({ file, line: 3, column: 'issue_date', message: '"2026-02-30" is not a date (use YYYY-MM-DD)' });
    expect(count(dir, 'SELECT COUNT(*) FROM invoices')).toBe(0);
    expect(count(dir, 'SELECT COUNT(*) FROM events')).toBe(0);
  });

  it('names the line of a row with the wrong number of cells', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'ragged.csv', [ROWS[0]!, 'INV-2,acme,Acme Ltd']);
    const r = dunning(dir, ['import', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`${file}:3: \\(row\\): .*as many cells as the header`));
  });

  it('asks for a currency when the file names none, and takes --currency', () => {
    const dir = tempDir();
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,amount,amount_paid';
    const file = writeCsv(dir, 'nocur.csv', ['INV-1,acme,Acme Ltd,,2026-01-01,2026-01-31,10.00,'], header);
    const refused = dunning(dir, ['import', file]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`${file}:1: currency: the file names no currency (add a currency column, pass --currency CODE`);
    const ok = dunning(dir, ['import', file, '--currency', 'EUR']);
    expect(ok.code).toBe(0);
    expect(count(dir, "SELECT currency FROM invoices") as unknown).toBe('EUR');
  });

  it('writes nothing with --dry-run', () => {
    const dir = tempDir();
    const r = dunning(dir, ['import', writeCsv(dir, 'invoices.csv', ROWS), '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).invoices.added).toBe(4);
    expect(count(dir, 'SELECT COUNT(*) FROM invoices')).toBe(0);
  });

  it('is a usage error (exit 2) to name a file that does not exist', () => {
    const dir = tempDir();
    const r = dunning(dir, ['import', 'missing.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.csv: no such file');
    expect(existsSync(join(dir, 'dunning.db'))).toBe(false);
  });

  it.each([
    ['a directory', (dir: string) => dir, 'is a directory, not a file (name the CSV file inside it)'],
    ['a device', () => '/dev/null', 'is a device, not a file (save the export to a file and name that)'],
    ['a named pipe', (dir: string) => (execFileSync('mkfifo', [join(dir, 'pipe.csv')]), join(dir, 'pipe.csv')), 'is a pipe (FIFO), not a file'],
  ])('refuses %s given as the file: exit 3, one line of what to do, no stack trace', (_, path, message) => {
    const dir = tempDir();
    const target = path(dir);
    const r = dunning(dir, ['import', target, '--as-of', '2026-03-02']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${target}:1: (file): ${message}`);
    expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });

  it('imports the canonical CSV a German spreadsheet re-saved (BOM, semicolons, 1.234,56, 31.01.2026) without a mapping file, and says how it read it', () => {
    const dir = tempDir();
    const file = join(dir, 'rechnungen.csv');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'canonical-resaved-de.csv'), file);
    const r = dunning(dir, ['import', file, '--json', '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ formats: ['canonical'], invoices: { added: 5 }, errors: [] });
    expect(r.stderr).toContain(`${file}: read as a spreadsheet saved it, with day/month/year dates and decimal commas`);
  });
});
