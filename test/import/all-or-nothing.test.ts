import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/import.js';
import { InputError } from '../../src/domain/errors.js';
import { openLedger } from '../../src/ledger/open.js';
import { CANONICAL_HEADER, tempDir } from '../helpers.js';

/**
 * An import is all or nothing: one bad row among good ones, wherever it stands, and the ledger
 * (holding an earlier import) is exactly as it was; the problem names that row alone.
 */
const moment = { asOf: '2026-03-02', stamp: { at: '2026-03-02T08:00:00.000Z', actor: 'test' } };
const SEED = `${CANONICAL_HEADER}\nSEED-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,USD,100.00,\n`;

/** Every table's rows, in full: nothing added, changed or removed. */
function snapshot(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    db.close();
  }
}

const canonicalRow = (n: number, over = '') => over || `INV-${n},acme,Acme Ltd,ap@acme.example,2026-01-0${(n % 9) + 1},2026-02-01,USD,${n}0.00,`;
const many = (bad: string, count: number, row: (n: number) => string) => Array.from({ length: count }, (_, i) => (i === Math.floor(count / 2) ? bad : row(i + 1)));

const CASES: { format: string; file: string; content: string; line: number; column: string }[] = [
  {
    format: 'canonical, streamed, a bad row among 3,000 good ones',
    file: 'invoices.csv',
    content: `${CANONICAL_HEADER}\n${many('INV-X,acme,Acme Ltd,,2026-01-01,2026-02-30,USD,10.00,', 3001, canonicalRow).join('\n')}\n`,
    line: 1502,
    column: 'due_date',
  },
  {
    format: 'canonical re-saved by a spreadsheet',
    file: 'resaved.csv',
    content: `${CANONICAL_HEADER.replaceAll(',', ';')}\nA-1;acme;Acme Ltd;;15.01.2026;14.02.2026;EUR;1.234,56;\nA-2;acme;Acme Ltd;;06.01.2026;05.02.2026;EUR;12,3,4;\nA-3;acme;Acme Ltd;;07.01.2026;06.02.2026;EUR;99,00;\n`,
    line: 3,
    column: 'amount',
  },
  {
    format: 'Stripe',
    file: 'stripe.csv',
    content: 'id,Number,Amount Due,Amount Paid,Currency,Customer,Date (UTC),Total,Status\nin_1,S-1,10.00,0,usd,cus_1,2025-01-01,10.00,open\nin_2,S-2,10.00,0,usd,cus_1,2025-01-02,10.00,on hold\nin_3,S-3,10.00,0,usd,cus_1,2025-01-03,10.00,open\n',
    line: 3,
    column: 'Status',
  },
  {
    format: 'Xero, one row per line',
    file: 'xero.csv',
    content: 'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,LineAmount,Currency,Type,Status\nAcme,X-1,13/02/2026,20/02/2026,30.00,10.00,GBP,Sales invoice,AUTHORISED\nAcme,X-1,13/02/2026,20/02/2026,30.00,20.00,GBP,Sales invoice,AUTHORISED\nAcme,X-2,14/02/2026,21/02/2026,45.00,45.00,GBP,Sales invoice,AUTHORISED\nAcme,X-2,14/02/2026,21/02/2026,50.00,5.00,GBP,Sales invoice,AUTHORISED\nAcme,X-3,15/02/2026,22/02/2026,10.00,10.00,GBP,Sales invoice,AUTHORISED\n',
    line: 5,
    column: 'amount',
  },
  {
    format: 'a payments export',
    file: 'payments.csv',
    content: 'Client,Invoice Number,Amount,Date,Currency\nAcme,SEED-1,$10.00,1/29/2026,\nAcme,NOPE-9,$10.00,1/30/2026,\nAcme,SEED-1,$20.00,1/31/2026,\n',
    line: 3,
    column: 'invoice_number',
  },
];

describe('an import is all or nothing, with good rows before and after the bad one', () => {
  it.each(CASES)('$format', async ({ file, content, line, column }) => {
    const dir = tempDir();
    const dbPath = join(dir, 'dunning.db');
    const db = openLedger(dbPath);
    writeFileSync(join(dir, 'seed.csv'), SEED);
    await importFiles(db, [join(dir, 'seed.csv')], moment);
    const before = snapshot(dbPath);
    writeFileSync(join(dir, file), content);
    const error = await importFiles(db, [join(dir, file)], moment).catch((e: unknown) => e);
    db.close();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => [p.line, p.column])).toEqual([[line, column]]);
    expect(snapshot(dbPath)).toEqual(before);
  });
});
