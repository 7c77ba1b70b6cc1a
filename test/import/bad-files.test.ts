import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportOptions } from '../../src/app/import.js';
import { DunningError, InputError } from '../../src/domain/errors.js';
import { loadMapping } from '../../src/import/mapping-file.js';
import { openImport } from '../../src/import/read.js';
import { openLedger } from '../../src/ledger/open.js';
import { CANONICAL_HEADER, tempDir } from '../helpers.js';

/**
 * The catalogue of bad files: each is refused with its exit code and a message a bookkeeper
 * understands, and the ledger (holding one earlier import) is left exactly as it was.
 */
const moment = { asOf: '2026-03-02', stamp: { at: '2026-03-02T08:00:00.000Z', actor: 'test' } };
const GOOD = 'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,USD,100.00,';
const canonical = (...rows: string[]) => [CANONICAL_HEADER, ...rows].join('\n') + '\n';
const STRIPE = 'id,Number,Amount Due,Amount Paid,Currency,Customer,Customer Name,Date (UTC),Due Date (UTC),Total,Status';
const stripe = (...rows: string[]) => [STRIPE, ...rows].join('\n') + '\n';
const XERO = 'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Currency,Type,Status';
const xero = (...rows: string[]) => [XERO, ...rows].join('\n') + '\n';
const ZOHO = 'Invoice Date,Invoice Number,Invoice Status,Customer Name,Due Date,Currency Code,Item Total,Total,Balance,Payment Terms';
const zoho = (...rows: string[]) => [ZOHO, ...rows].join('\n') + '\n';
const PAYMENTS = 'Client,Invoice Number,Amount,Date,Currency';
const payments = (...rows: string[]) => [PAYMENTS, ...rows].join('\n') + '\n';

/** Good rows enough to pass the first 64 KB (each some 70 bytes). */
const manyRows = (n: number) => Array.from({ length: n }, (_, i) => `INV-${i + 10},acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,USD,100.00,`);
const manyStripeRows = (n: number) => Array.from({ length: n }, (_, i) => `in_${i},S-${i + 10},100.00,0,usd,cus_1,Acme Ltd,2025-01-01,,100.00,open`);

type Case = [name: string, content: string | Buffer, message: string | RegExp, options?: ImportOptions & { map?: object }];

const CASES: Case[] = [
  ['an empty file', '', 'the file is empty'],
  ['blank lines only', '\n\n\r\n', 'matches no format dunning knows: (no header row)'],
  ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'holds binary data (export as CSV)'],
  ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(canonical(GOOD), 'utf16le')]), 'UTF-16 text (save it as "CSV UTF-8"'],
  ['Windows-1252 text (an unknown encoding)', Buffer.from(canonical('INV-2,cafe,Caf\xe9 Lumi\xe8re,,2026-01-01,2026-01-31,EUR,10.00,'), 'latin1'), 'not UTF-8 text (it may be Windows-1252'],
  ['a 10 MB single line', 'x'.repeat(10 * 1024 * 1024), /matches no format dunning knows: "x{200}…"/],
  ['a header no format has', 'Foo,Bar,Baz\n1,2,3\n', 'matches no format dunning knows: "Foo,Bar,Baz" (name one with --format'],
  ['another format than --format names', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,10.00,open'), 'is not a xero export', { format: 'xero' }],
  ['a canonical file without its amount column', 'invoice_number,customer_name,issue_date,due_date,currency\nINV-2,Acme,2026-01-01,2026-01-31,USD\n', 'matches no format'],
  ['a mapping naming columns the file lacks', 'Ref,Who,When\n1,Acme,2026-01-01\n', 'lacks the columns the mapping file names', { map: { columns: { invoice_number: 'Ref', customer_name: 'Who', issue_date: 'When', amount: 'Total' } } }],
  ['a month 13', canonical('INV-2,acme,Acme Ltd,,2026-13-01,2026-01-31,USD,10.00,'), '"2026-13-01" is not a date (use YYYY-MM-DD)'],
  ['an impossible date', canonical('INV-2,acme,Acme Ltd,,2026-02-30,2026-03-31,USD,10.00,'), '"2026-02-30" is not a date'],
  ['an impossible day/month date', xero('Acme,INV-2,31/02/2026,15/03/2026,10.00,GBP,Sales invoice,AUTHORISED'), '"31/02/2026" is not a date (no such day)'],
  ['dates that read both ways', xero('Acme,INV-2,03/02/2026,04/03/2026,10.00,GBP,Sales invoice,AUTHORISED'), 'no day in the file is over 12 to tell (pass --date-order dmy or --date-order mdy)'],
  ['dates written both ways', xero('Acme,INV-2,13/02/2026,20/02/2026,10.00,GBP,Sales invoice,AUTHORISED', 'Acme,INV-3,02/13/2026,02/20/2026,10.00,GBP,Sales invoice,AUTHORISED'), 'some dates are day/month/year and others month/day/year'],
  ['a date that is no date at all', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,next tuesday,,10.00,open'), '"next tuesday" is not a date (write it like'],
  ['a number too small to be an Excel date', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,123,,10.00,open'), '"123" is not a date'],
  ['an amount with letters', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,12a.50,'), '"12a.50" is not an amount'],
  ['an amount with letters in an export', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,ten dollars,open'), '"ten dollars" is not an amount'],
  ['more decimals than the currency has', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,GBP,12.345,'), 'has more decimal places than GBP allows (2)'],
  ['decimals in yen', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,JPY,100.5,'), 'has more decimal places than JPY allows (0)'],
  ['thousands separators out of place', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,"1,23.45",open'), 'its thousands separators are out of place'],
  ['an amount in another currency than the invoice', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,€12.00,open'), '"€12.00" is in EUR, but the invoice is in USD'],
  ['two currencies for one invoice', zoho('2026-01-05,INV-7,Sent,Acme,2026-02-04,USD,10.00,20.00,20.00,30', '2026-01-05,INV-7,Sent,Acme,2026-02-04,EUR,10.00,20.00,20.00,30'), 'invoice INV-7 has two currencies: USD on line 2, EUR here'],
  ['two totals for one invoice', zoho('2026-01-05,INV-7,Sent,Acme,2026-02-04,USD,10.00,20.00,20.00,30', '2026-01-05,INV-7,Sent,Acme,2026-02-04,USD,10.00,25.00,25.00,30'), 'invoice INV-7 has two totals'],
  ['one invoice number twice with different amounts', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,', 'INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,12.00,'), 'INV-2 appears again (first on line 2'],
  ['one invoice number twice in an export of one row per invoice', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,10.00,open', 'in_2,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,12.00,open'), 'A-1 appears again'],
  ['a currency that is no ISO code', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,XYZ,10.00,'), '"XYZ" is not an ISO 4217 currency code'],
  ['no currency anywhere', 'Invoice Number,Customer Name,Invoice Date,Due Date,Invoice Total,Invoice Paid\n1,Acme,27-01-2022,26-02-2022,10.00,0\n', 'the file names no currency (pass --currency CODE'],
  ['no currency column in the canonical file', 'invoice_number,customer_id,customer_name,email,issue_date,due_date,amount,amount_paid\nINV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,10.00,\n', 'the file names no currency'],
  ['a status no one knows', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,10.00,on the shelf'), '"on the shelf" is not a status this format knows (map it under "statuses"'],
  ['a document type no one knows', 'Type,Account Reference,Date,Reference,Net Amount,Tax Amount\nSR,ACME,03/02/2026,R1,10.00,0\n', '"SR" is not a document type this format knows', { currency: 'GBP' }],
  ['an empty invoice number', canonical(',acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,'), 'invoice_number: is empty (every invoice needs its number)'],
  ['an empty customer name', stripe('in_1,A-1,10.00,0,usd,,,2025-01-01,,10.00,open'), 'is empty (name the customer)'],
  ['an empty invoice date', stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,,,10.00,open'), 'is empty (every invoice needs its date)'],
  ['a due date before the issue date', canonical('INV-2,acme,Acme Ltd,,2026-02-01,2026-01-01,USD,10.00,'), 'is before the issue date'],
  ['a negative amount paid', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,-5.00'), 'is negative (record refunds as a credit note)'],
  ['more open than the total', zoho('2026-01-05,INV-7,Sent,Acme,2026-02-04,USD,10.00,20.00,30.00,30'), "more is open than the invoice's total"],
  ['a quoted cell never closed', canonical('INV-2,acme,"Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,'), 'a quoted cell is never closed'],
  ['a row short of cells', canonical('INV-2,acme,Acme Ltd'), 'every row needs as many cells as the header'],
  ['an email that is no address', canonical('INV-2,acme,Acme Ltd,acme at example,2026-01-01,2026-01-31,USD,10.00,'), '"acme at example" is not an email address'],
  ['terms that are no number of days', zoho('2026-01-05,INV-7,Sent,Acme,,USD,10.00,20.00,20.00,soon'), '"soon" is not a number of days'],
  ['a line-item export with no total on an invoice', 'Client Name,Invoice #,Date Issued,Invoice Status,Line Total,Currency\nAcme,0001,2021-01-28,sent,,USD\n', 'is empty (every invoice needs its total)'],
  ['an invoice moved to another customer', canonical('INV-1,other,Other Ltd,,2026-01-01,2026-01-31,USD,100.00,'), 'invoice_number: INV-1 already belongs to customer acme in the ledger, and this row gives it to customer other'],
  ['a column twice in the header', `${CANONICAL_HEADER},amount\nINV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,,12.00\n`, 'the header has "amount" twice (columns 8 and 10'],
  ['a column twice in an export', 'id,Amount Due,Currency,Status,Total,Customer,Date (UTC),Total\nin_1,10.00,usd,open,10.00,cus_1,2025-01-01,12.00\n', 'the header has "Total" twice (columns 5 and 8'],
  ['more paid than the invoice', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10.00,12.00'), "amount_paid: 12.00 is more than the invoice's total 10.00"],
  ['more paid than the invoice in an export', stripe('in_1,A-1,10.00,12.00,usd,cus_1,Acme,2025-01-01,,10.00,open'), "12.00 paid is more than the invoice's total 10.00"],
  ['an amount just over the limit', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,90000000.01,'), '"90000000.01" is above the largest amount dunning keeps'],
  ['an amount too large to add up exactly', canonical('INV-2,acme,Acme Ltd,,2026-01-01,2026-01-31,USD,10000000000.01,'), '"10000000000.01" is above the largest amount dunning keeps (9,000,000,000 minor units'],
  ['an amount too large in an export', xero('Acme,INV-2,13/02/2026,20/02/2026,"20,000,000,000.00",GBP,Sales invoice,AUTHORISED'), 'is above the largest amount dunning keeps'],
  ['a NUL byte after the first 64 KB', canonical(...manyRows(1200), 'INV-9999,acme,Acme\u0000 Ltd,,2026-01-01,2026-01-31,USD,10.00,'), /bad\.csv:1202: \(file\): this is not a CSV file: it holds binary data/],
  ['a NUL byte after the first 64 KB of an export', stripe(...manyStripeRows(1200), 'in_x,X-1,10.00,0,usd,cus_1,Ac\u0000me,2025-01-01,,10.00,open'), /bad\.csv:1202: \(file\): this is not a CSV file/],
  ['bytes that are not UTF-8 after the first 64 KB', Buffer.concat([Buffer.from(canonical(...manyRows(1500))), Buffer.from('INV-9999,cafe,Caf\xe9,,2026-01-01,2026-01-31,EUR,10.00,\n', 'latin1')]), /bad\.csv:1502: \(file\): the file is not UTF-8 text/],
  ['bytes that are not UTF-8 after the first 64 KB of an export', Buffer.concat([Buffer.from(stripe(...manyStripeRows(1500))), Buffer.from('in_x,X-1,10.00,0,eur,cus_1,Caf\xe9,2025-01-01,,10.00,open\n', 'latin1')]), /bad\.csv:1502: \(file\): the file is not UTF-8 text/],
  ['a character cut short at the end of the file', Buffer.concat([Buffer.from(canonical(GOOD.replace('INV-1', 'INV-2')) + 'INV-3,cafe,Caf'), Buffer.from([0xc3])]), /bad\.csv:3: \(file\): the file is not UTF-8 text/],
  ['a character cut short at the end of an export', Buffer.concat([Buffer.from(stripe('in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,10.00,open') + 'in_2,A-2,10.00,0,usd,cus_1,Caf'), Buffer.from([0xc3])]), /bad\.csv:3: \(file\): the file is not UTF-8 text/],
  ['a payment for an invoice the ledger lacks', payments('Acme,INV-404,$10.00,1/29/2026,'), 'no invoice INV-404 in the ledger (import the invoices first'],
  ['a payment in another currency than its invoice', payments('Acme,INV-1,10.00,1/29/2026,EUR'), 'the payment is in EUR, but invoice INV-1 is in USD'],
  ['a payment of nothing', payments('Acme,INV-1,$0.00,1/29/2026,'), 'is zero (a payment moves money)'],
  ['a payment without a date', payments('Acme,INV-1,$10.00,,'), 'is empty (give the day the payment came in)'],
  ['a payment amount with letters', payments('Acme,INV-1,ten,1/29/2026,'), '"ten" is not an amount'],
];

function ledgerState(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return ['invoices', 'payments', 'customers', 'events', 'imports'].map((t) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
  } finally {
    db.close();
  }
}

describe('bad files are refused with a reason and leave the ledger as it was', () => {
  /** A ledger holding one earlier import, made once: each case gets a copy (a copy costs a tenth of a new ledger's schema and import). */
  let seeded: string;
  beforeAll(async () => {
    const dir = tempDir();
    seeded = join(dir, 'dunning.db');
    const db = openLedger(seeded);
    writeFileSync(join(dir, 'seed.csv'), canonical(GOOD));
    await importFiles(db, [join(dir, 'seed.csv')], moment);
    db.close();
  });

  it('has a catalogue of at least 40', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)('%s', async (_name, content, message, options = {}) => {
    const dir = tempDir();
    const dbPath = join(dir, 'dunning.db');
    copyFileSync(seeded, dbPath);
    const db = openLedger(dbPath);
    const before = ledgerState(dbPath);
    expect(before.slice(0, 1)).toEqual([1]); // the earlier import's invoice is there
    const file = join(dir, 'bad.csv');
    writeFileSync(file, content);
    const { map, ...rest } = options;
    if (map) {
      writeFileSync(join(dir, 'map.json'), JSON.stringify(map));
      rest.mapping = loadMapping(join(dir, 'map.json'));
    }
    let error: unknown;
    try {
      await importFiles(db, [file], moment, rest);
    } catch (e) {
      error = e;
    } finally {
      db.close();
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as DunningError).exitCode).toBe(3);
    const problems = (error as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.file).toBe(file);
    const text = problems.map((p) => `${p.file}:${p.line}: ${p.column}: ${p.message}`).join('\n');
    if (typeof message === 'string') expect(text).toContain(message);
    else expect(text).toMatch(message);
    expect(ledgerState(dbPath)).toEqual(before);
  });

  it('takes a header with no rows as nothing to import (exit 0), and says so', async () => {
    const dir = tempDir();
    const db = openLedger(join(dir, 'dunning.db'));
    writeFileSync(join(dir, 'empty.csv'), `${CANONICAL_HEADER}\n`);
    const report = await importFiles(db, [join(dir, 'empty.csv')], moment);
    db.close();
    expect(report.invoices).toEqual({ added: 0, updated: 0, unchanged: 0 });
    expect(report.notes).toEqual([`${join(dir, 'empty.csv')} has a header but no rows: nothing to import`]);
  });
});

describe('files that cannot be read as CSV are refused with exit 3 and what to do', () => {
  async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  }

  async function refusal(path: string, options: ImportOptions = {}): Promise<string> {
    const dir = tempDir();
    const dbPath = join(dir, 'dunning.db');
    const db = openLedger(dbPath);
    const before = ledgerState(dbPath);
    try {
      await importFiles(db, [path], moment, options);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as DunningError).exitCode).toBe(3);
      expect(ledgerState(dbPath)).toEqual(before);
      return (e as InputError).problems.map((p) => `${p.file}:${p.line}: ${p.column}: ${p.message}`).join('\n');
    } finally {
      db.close();
    }
    throw new Error('the import was not refused');
  }

  it('a directory given as the file', async () => {
    const dir = tempDir();
    expect(await refusal(dir)).toBe(`${dir}:1: (file): is a directory, not a file (name the CSV file inside it)`);
  });

  it('a named pipe (FIFO): refused without waiting for a writer', async () => {
    const fifo = join(tempDir(), 'export.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toContain('is a pipe (FIFO), not a file (save the export to a file and name that)');
  });

  it('a device such as /dev/null', async () => {
    expect(await refusal('/dev/null')).toBe('/dev/null:1: (file): is a device, not a file (save the export to a file and name that)');
  });

  it('a file that vanishes between being opened and being read', async () => {
    const file = join(tempDir(), 'invoices.csv');
    writeFileSync(file, canonical(GOOD));
    const read = await openImport(file, { file, format: 'auto', kind: null, mapping: null, currency: null, defaultCurrency: null, dateOrder: null, termsDays: 30 });
    unlinkSync(file);
    const items = (await collect(read.items)).flat();
    expect(items.at(-1)).toEqual({ problems: [{ file, line: 1, column: '(file)', message: 'the file is gone (it was moved or deleted while it was read: import it again)' }] });
  });

  it('a file that shrinks while it is read', async () => {
    const file = join(tempDir(), 'invoices.csv');
    writeFileSync(file, canonical(GOOD, GOOD.replace('INV-1', 'INV-2')));
    const read = await openImport(file, { file, format: 'auto', kind: null, mapping: null, currency: null, defaultCurrency: null, dateOrder: null, termsDays: 30 });
    truncateSync(file, CANONICAL_HEADER.length + 1 + GOOD.length + 1);
    const problems = (await collect(read.items)).flat().filter((i) => 'problems' in i);
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(problems[0])).toMatch(/the file changed while it was read \(\d+ bytes when the import began, \d+ read: wait until the export is complete, then import it again\)/);
  });

  it('a payments file after an invoices file that failed is one line, not one per payment', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'invoices.csv'), canonical('INV-2,acme,Acme Ltd,,2026-02-30,2026-03-31,USD,10.00,'));
    writeFileSync(join(dir, 'payments.csv'), payments(...Array.from({ length: 400 }, (_, i) => `Acme,INV-${i + 2},$1.00,1/29/2026,`)));
    const db = openLedger(join(dir, 'dunning.db'));
    const error = await importFiles(db, [join(dir, 'invoices.csv'), join(dir, 'payments.csv')], moment).catch((e: InputError) => e);
    db.close();
    expect((error as InputError).problems).toEqual([
      { file: join(dir, 'invoices.csv'), line: 2, column: 'issue_date', message: '"2026-02-30" is not a date (use YYYY-MM-DD)' },
      { file: join(dir, 'payments.csv'), line: 1, column: '(file)', message: 'not checked: its invoices were not imported (fix the invoices file, then import both again)' },
    ]);
  });
});

describe('a report whose title rows come before the header', () => {
  const TITLE = ['Craft & Co Studio', 'A/R Aging Detail', 'As of March 1, 2026', ''];

  it('shows the header it found, not a title row, when no format matches it', async () => {
    const dir = tempDir();
    const file = join(dir, 'aging.csv');
    writeFileSync(file, [...TITLE, 'Date,Kind,Ref,Client,Due,Sum,Left', '02/20/2026,Invoice,1045,Acme Ltd,03/22/2026,10.00,10.00'].join('\r\n'));
    const db = openLedger(join(dir, 'dunning.db'));
    const error = (await importFiles(db, [file], moment).catch((e: unknown) => e)) as InputError;
    db.close();
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.line).toBe(5);
    expect(error.problems[0]!.message).toContain('matches no format dunning knows: "Date,Kind,Ref,Client,Due,Sum,Left"');
  });

  it('finds a QuickBooks Online header that names the customer "Customer full name", below 19 title rows', async () => {
    const dir = tempDir();
    const file = join(dir, 'aging.csv');
    const titles = [...TITLE, ...Array.from({ length: 15 }, (_, i) => `Note ${i + 1}, filtered`)];
    expect(titles).toHaveLength(19);
    const rows = [',Date,Transaction type,Num,Customer full name,Due date,Amount,Open balance', ',02/20/2026,Invoice,1045,Acme Ltd,03/22/2026,"1,284.50","1,284.50"', ',Total for Current,,,,,"$1,284.50","$1,284.50"', ',TOTAL,,,,,"$1,284.50","$1,284.50"'];
    writeFileSync(file, [...titles, ...rows].join('\r\n'));
    const db = openLedger(join(dir, 'dunning.db'));
    const report = await importFiles(db, [file], moment, { currency: 'USD' });
    db.close();
    expect(report.formats).toEqual(['quickbooks']);
    expect(report.invoices.added).toBe(1);
    expect(report.derivedCustomers).toEqual([{ id: 'acme-ltd', name: 'Acme Ltd' }]);
  });

  it('looks for the header in the first 20 rows only', async () => {
    const dir = tempDir();
    const file = join(dir, 'late.csv');
    writeFileSync(file, [...Array.from({ length: 20 }, (_, i) => `Title ${i + 1}`), CANONICAL_HEADER, GOOD].join('\n'));
    const db = openLedger(join(dir, 'dunning.db'));
    const error = (await importFiles(db, [file], moment).catch((e: unknown) => e)) as InputError;
    db.close();
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems[0]!.message).toContain('matches no format dunning knows');
  });
});
