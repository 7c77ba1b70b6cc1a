import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportOptions } from '../../src/app/import.js';
import { formatDecimal } from '../../src/domain/money.js';
import { loadMapping } from '../../src/import/mapping-file.js';
import { openLedger } from '../../src/ledger/open.js';
import { ROOT, tempDir } from '../helpers.js';

/**
 * One fixture per real-world export and dialect (test/fixtures/<name>.expected.json beside its
 * file), each with the invoices it must give and the open balance per currency.
 */
const FIXTURES = join(ROOT, 'test', 'fixtures');

interface Expected {
  about: string;
  files?: string[];
  options: { currency?: string; map?: string; skipInvalid?: boolean; dateOrder?: 'dmy' | 'mdy' };
  format: string;
  derivedDueDates: number;
  rejected?: number;
  paymentsAdded?: number;
  invoices: { number: string; customer: string; issueDate: string; dueDate: string; currency: string; amount: string; paid: string; status: string }[];
  open: Record<string, string>;
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json')).sort();
const moment = { asOf: '2026-03-02', stamp: { at: '2026-03-02T08:00:00.000Z', actor: 'test' } };

function inputFor(name: string, e: Expected): string[] {
  if (e.files) return e.files;
  const stem = name.replace('.expected.json', '');
  return [existsSync(join(FIXTURES, `${stem}.csv`)) ? `${stem}.csv` : `${stem}.tsv`];
}

describe('every real-world export imports with its invoices and open balances', () => {
  it('has a fixture for every preset', () => {
    const formats = new Set(fixtures.map((f) => (JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Expected).format));
    for (const name of ['quickbooks', 'xero', 'stripe', 'freshbooks', 'zoho', 'wave', 'invoiceninja', 'sage', 'akaunting', 'invoice2go']) expect(formats).toContain(name);
  });

  it('has a fixture for every real export in samples/', () => {
    const named = new Set(fixtures.flatMap((f) => (JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Expected).files ?? []));
    const samples = readdirSync(join(FIXTURES, 'samples')).filter((f) => f.endsWith('.csv'));
    expect(samples.length).toBeGreaterThanOrEqual(7);
    for (const f of samples) expect(named, f).toContain(`samples/${f}`);
  });

  it.each(fixtures)('%s', async (name) => {
    const e = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Expected;
    const dir = tempDir();
    // Copies: --skip-invalid writes a rejects file beside its input.
    const files = inputFor(name, e).map((f) => {
      const to = join(dir, basename(f));
      copyFileSync(join(FIXTURES, f), to);
      return to;
    });
    const options: ImportOptions = { currency: e.options.currency ?? null, skipInvalid: e.options.skipInvalid, dateOrder: e.options.dateOrder ?? null };
    if (e.options.map) options.mapping = loadMapping(join(FIXTURES, e.options.map));
    const db = openLedger(join(dir, 'dunning.db'));
    const report = await importFiles(db, files, moment, options);
    db.close();

    expect(report.formats.every((f) => f === e.format)).toBe(true);
    expect(report.derivedDueDates).toBe(e.derivedDueDates);
    expect(report.rejected).toBe(e.rejected ?? 0);
    if (e.paymentsAdded !== undefined) expect(report.payments.added).toBe(e.paymentsAdded);
    const ledger = new Database(join(dir, 'dunning.db'), { readonly: true });
    const rows = ledger
      .prepare(
        `SELECT i.number, i.customer_id AS customer, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency,
                i.amount_minor AS amount, i.paid_before_minor + COALESCE((SELECT SUM(amount_minor) FROM payments p WHERE p.invoice_number = i.number), 0) AS paid, i.status
         FROM invoices i ORDER BY i.rowid`,
      )
      .all() as { number: string; currency: string; amount: number; paid: number; status: string }[];
    ledger.close();
    const invoices = rows.map((r) => ({ ...r, amount: formatDecimal(r.amount, r.currency), paid: formatDecimal(r.paid, r.currency) }));
    // Invoice by invoice: every invoice in the ledger is one the fixture lists.
    expect(invoices.length).toBe(e.invoices.length);
    for (const want of e.invoices) expect(invoices.find((i) => i.number === want.number)).toEqual(want);
    const open: Record<string, number> = {};
    for (const r of rows) if (r.status === 'open') open[r.currency] = (open[r.currency] ?? 0) + r.amount - r.paid;
    expect(Object.fromEntries(Object.entries(open).map(([c, m]) => [c, formatDecimal(m, c)]))).toEqual(e.open);
  });
});
