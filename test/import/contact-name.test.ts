import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { customerSet } from '../../src/app/customer.js';
import { importFiles, type ImportOptions } from '../../src/app/import.js';
import { verifyTrail } from '../../src/app/verify.js';
import type { InvoiceRecord } from '../../src/domain/invoice-record.js';
import { CANONICAL_COLUMNS, canonicalColumns, checkCanonicalRow, plainCanonicalRow } from '../../src/import/canonical.js';
import { CustomerRepeats } from '../../src/import/customer-repeats.js';
import { MappingSchema } from '../../src/import/mapping-schema.js';
import { BatchPacker, BatchUnpacker } from '../../src/import/packed-batch.js';
import type { ReadItem } from '../../src/import/read.js';
import { findCustomer } from '../../src/ledger/customers.js';
import { Book } from '../app/book.js';
import { CANONICAL_HEADER } from '../helpers.js';

/**
 * The optional contact_name column: the person letters are addressed to ("Dear Sam Patel,").
 * A file with it sets and changes the ledger's contact name like any customer field; a file
 * without it leaves the contact name alone (it may have been set with `customer set`).
 */

const WITH_CONTACT = `${CANONICAL_HEADER},contact_name`;
const books: Book[] = [];
const book = () => {
  const b = new Book();
  books.push(b);
  return b;
};
afterEach(() => {
  for (const b of books.splice(0)) b.close();
});

/** Imports rows under a header; the import's report. */
async function importRows(b: Book, asOf: string, header: string, rows: string[], options: ImportOptions = {}) {
  const file = join(b.dir, `export-${asOf}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return importFiles(b.db, [file], b.moment(asOf), options);
}

const customerUpdates = (b: Book) =>
  (b.db.prepare("SELECT data FROM events WHERE kind = 'customer-updated' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as { changes: Record<string, unknown> });
const verifiesClean = (b: Book) => expect(verifyTrail(b.db, b.ws.outboxDir).problems).toEqual([]);

const ACME = 'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,1200.00,';
const ACME_2 = 'INV-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,300.00,';
const KESTREL = 'K-1,kestrel,Kestrel Events Ltd,k@kestrel.example,2026-01-10,2026-02-09,GBP,800.00,';

describe('importing a contact person from the canonical CSV', () => {
  it('given a contact_name of Sam Patel, the customer has that contact and the drafted letter opens "Dear Sam Patel,"', async () => {
    const b = book();
    await importRows(b, '2026-03-01', WITH_CONTACT, [`${KESTREL},Sam Patel`, `${ACME},`, `${ACME_2},`]);
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBe('Sam Patel');
    expect(findCustomer(b.db, 'acme')?.contactName).toBeNull();
    const run = await b.run('2026-03-02');
    const letter = run.letters.find((l) => l.customer === 'kestrel')!;
    const mail = await simpleParser(readFileSync(letter.files[0]!));
    expect(mail.text).toContain('Dear Sam Patel,');
    expect(mail.text).not.toContain('Dear Kestrel Events Ltd');
    verifiesClean(b);
  });

  it('given a file without the column, a contact name set by `customer set` stays, and nothing is reported changed', async () => {
    const b = book();
    await importRows(b, '2026-03-01', CANONICAL_HEADER, [KESTREL, ACME]);
    await customerSet(b.db, b.moment('2026-03-01'), { customer: 'kestrel', contactName: 'Sam Patel' });
    const before = customerUpdates(b).length;
    const again = await importRows(b, '2026-03-02', CANONICAL_HEADER, [KESTREL, ACME, ACME_2]);
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBe('Sam Patel');
    expect(again.notes.filter((n) => n.includes('changed'))).toEqual([]);
    expect(customerUpdates(b)).toHaveLength(before);
    verifiesClean(b);
  });

  it('given a re-import with another contact name, the change is reported like any customer field and recorded from old to new', async () => {
    const b = book();
    await importRows(b, '2026-03-01', WITH_CONTACT, [`${KESTREL},Sam Patel`, `${ACME},Jo Bloggs`]);
    const again = await importRows(b, '2026-03-02', WITH_CONTACT, [`${KESTREL},Priya Shah`, `${ACME},Jo Bloggs`, `${ACME_2},Jo Bloggs`]);
    expect(again.notes).toContain('customer kestrel: contact_name changed');
    expect(again.notes.filter((n) => n.startsWith('customer acme'))).toEqual([]);
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBe('Priya Shah');
    expect(customerUpdates(b).at(-1)?.changes).toEqual({ contact_name: { from: 'Sam Patel', to: 'Priya Shah' } });
    verifiesClean(b);
  });

  it('given the column with an empty cell, the file says there is no contact person: the name set before is cleared and reported', async () => {
    const b = book();
    await importRows(b, '2026-03-01', CANONICAL_HEADER, [KESTREL]);
    await customerSet(b.db, b.moment('2026-03-01'), { customer: 'kestrel', contactName: 'Sam Patel' });
    const again = await importRows(b, '2026-03-02', WITH_CONTACT, [`${KESTREL},`]);
    expect(again.notes).toContain('customer kestrel: contact_name changed');
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBeNull();
    verifiesClean(b);
  });

  it('given a ledger that already has customers, a new customer with a contact and an old one changing email and contact together verify clean', async () => {
    const b = book();
    await importRows(b, '2026-03-01', CANONICAL_HEADER, [ACME]);
    const again = await importRows(b, '2026-03-02', WITH_CONTACT, [`${KESTREL},Sam Patel`, `${ACME.replace('ap@acme', 'accounts@acme')},Jo Bloggs`]);
    expect(again.notes).toContain('customer acme: email, contact_name changed');
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBe('Sam Patel');
    expect(findCustomer(b.db, 'acme')).toMatchObject({ email: 'accounts@acme.example', contactName: 'Jo Bloggs' });
    verifiesClean(b);
  });

  it('given --skip-invalid (rows kept for a rejects file, customers compared by the writer), a contact name changing along the file ends as its last row says', async () => {
    const b = book();
    const r = await importRows(b, '2026-03-01', WITH_CONTACT, [`${KESTREL},Sam Patel`, `K-2,kestrel,Kestrel Events Ltd,k@kestrel.example,2026-01-12,2026-02-11,GBP,80.00,,Priya Shah`, 'K-3,kestrel,Kestrel Events Ltd,k@kestrel.example,not a date,2026-02-11,GBP,1.00,,Priya Shah'], { skipInvalid: true });
    expect(r.invoices.added).toBe(2);
    expect(findCustomer(b.db, 'kestrel')?.contactName).toBe('Priya Shah');
    verifiesClean(b);
  });

  it('given a mapping file that maps a contact column, the contact name is imported; one that maps none leaves it alone', async () => {
    const b = book();
    const header = 'No.,Client,Contact,Date,Due,Total,Currency';
    const mapping = MappingSchema.parse({ columns: { invoice_number: 'No.', customer_name: 'Client', contact_name: 'Contact', issue_date: 'Date', due_date: 'Due', amount: 'Total', currency: 'Currency' } });
    await importRows(b, '2026-03-01', header, ['A-1,Kestrel Events Ltd,Sam Patel,2026-01-10,2026-02-09,100.00,GBP'], { mapping });
    const id = (b.db.prepare('SELECT id FROM customers').pluck().get() as string)!;
    expect(findCustomer(b.db, id)?.contactName).toBe('Sam Patel');
    const without = MappingSchema.parse({ columns: { invoice_number: 'No.', customer_name: 'Client', issue_date: 'Date', due_date: 'Due', amount: 'Total', currency: 'Currency' } });
    const again = await importRows(b, '2026-03-02', header, ['A-1,Kestrel Events Ltd,,2026-01-10,2026-02-09,100.00,GBP'], { mapping: without });
    expect(findCustomer(b.db, id)?.contactName).toBe('Sam Patel');
    expect(again.notes.filter((n) => n.includes('changed'))).toEqual([]);
    verifiesClean(b);
  });
});

describe('the contact_name column on the fast path', () => {
  const header = [...CANONICAL_COLUMNS, 'contact_name'];
  const columns = canonicalColumns(header);
  const ctx = { file: 'f.csv', currency: 'EUR' };
  const row = (contact: string) => ['INV-1', 'C1', 'Acme Ltd', 'ap@acme.example', '2026-01-01', '2026-01-31', 'USD', '1250.00', '', contact];

  it.each([
    ['a contact person', 'Sam Patel', 'Sam Patel'],
    ['an accented name', 'Zoë Patel', 'Zoë Patel'],
    ['an empty cell (no contact person)', '', null],
  ])('%s: taken by the fast path, exactly as the full check reads it', (_, cell, expected) => {
    const fast = plainCanonicalRow(row(cell), 7, columns, ctx);
    expect(fast?.contactName).toBe(expected);
    expect(checkCanonicalRow(row(cell), 7, columns, ctx)).toEqual({ record: fast });
  });

  it('a name with spaces around it is left to the full check, which trims it', () => {
    expect(plainCanonicalRow(row(' Sam Patel '), 7, columns, ctx)).toBeNull();
    const full = checkCanonicalRow(row(' Sam Patel '), 7, columns, ctx);
    expect('record' in full && full.record.contactName).toBe('Sam Patel');
  });

  it('a file without the column gives records without a contact name at all, on both paths', () => {
    const plain = canonicalColumns([...CANONICAL_COLUMNS]);
    const cells = row('').slice(0, -1);
    const fast = plainCanonicalRow(cells, 7, plain, ctx)!;
    const full = checkCanonicalRow(cells, 7, plain, ctx);
    expect('contactName' in fast).toBe(false);
    expect('record' in full && 'contactName' in full.record).toBe(false);
  });

  it('whatever the contact cell, the fast path agrees with the full check or leaves the row to it (random cells)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (contact) => {
        const fast = plainCanonicalRow(row(contact), 7, columns, ctx);
        const full = checkCanonicalRow(row(contact), 7, columns, ctx);
        if (fast) expect(full).toEqual({ record: fast });
        else expect('record' in full && full.record.contactName).toBe(contact.trim() || null);
      }),
      { seed: 1515, numRuns: 300 },
    );
  });
});

const record = (line: number, over: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  line,
  number: `INV-${line}`,
  customerId: 'acme',
  customerIdDerived: false,
  customerName: 'Acme Ltd',
  email: 'ap@acme.example',
  language: null,
  address: null,
  phone: null,
  issueDate: '2026-01-01',
  dueDate: '2026-01-31',
  currency: 'GBP',
  amount: 120000,
  amountPaid: 0,
  status: 'open',
  customerRepeated: false,
  ...over,
});

describe('contact names crossing from the reading thread', () => {
  it('arrive as sent, names and nulls, with problems in their places; a repeated row sends none', () => {
    const batch: ReadItem[] = [
      { record: record(2, { contactName: 'Sam Patel' }) },
      { problems: [{ file: 'a.csv', line: 3, column: 'due_date', message: 'not a date' }] },
      { record: record(4, { customerId: 'k', contactName: null }) },
      { record: record(5, { customerId: 'z', contactName: 'Zoë 🎂 Brontë', address: 'a\nb' }) },
    ];
    const sent = new BatchPacker().pack(batch).batch;
    expect(sent.contacts).toBe(true);
    expect(new BatchUnpacker().unpack(structuredClone(sent))).toEqual(batch);
    const repeated = new BatchPacker().pack([{ record: record(6, { contactName: 'Sam Patel', customerRepeated: true }) }]).batch;
    expect(repeated.text).toBe('INV-6acme');
  });

  it('a file without the column packs as before: seven fields a row, and no contact name unpacked', () => {
    const sent = new BatchPacker().pack([{ record: record(2) }]).batch;
    expect(sent.contacts).toBe(false);
    expect(sent.lengths).toHaveLength(7);
    const [item] = new BatchUnpacker().unpack(sent);
    expect(item && 'record' in item && 'contactName' in item.record).toBe(false);
  });

  it('any batch of rows with contact names comes back as it went (random batches)', () => {
    const name = fc.option(fc.string({ maxLength: 8 }), { nil: null });
    const rows = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), contact: name, email: name }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(rows, (rs) => {
        const batch: ReadItem[] = rs.map((r, k) => ({ record: record(k + 2, { customerId: r.id, email: r.email, contactName: r.contact }) }));
        const back = new BatchUnpacker().unpack(structuredClone(new BatchPacker().pack(batch).batch));
        expect(back).toEqual(batch);
      }),
      { seed: 1616, numRuns: 200 },
    );
  });
});

describe('a customer repeated along the file, with contact names', () => {
  const marks = (rows: InvoiceRecord[], repeats: CustomerRepeats) =>
    rows.map((r) => {
      repeats.mark(r);
      return r.customerRepeated === true;
    });

  it('a row whose contact name differs from the previous row is not a repeat; the same name is', () => {
    const rows = [record(2, { contactName: 'Sam Patel' }), record(3, { contactName: 'Sam Patel' }), record(4, { contactName: 'Priya Shah' }), record(5, { contactName: null }), record(6, { contactName: null })];
    expect(marks(rows, new CustomerRepeats(undefined, true))).toEqual([false, true, false, false, true]);
  });

  it('any sequence of rows is marked exactly where the customer, contact name included, is as on its previous row (random rows)', () => {
    const rows = fc.array(fc.record({ id: fc.constantFrom('a', 'b'), contact: fc.constantFrom(null, '', 'Sam', 'Sam Patel'), phone: fc.constantFrom(null, '1') }), { maxLength: 30 });
    fc.assert(
      fc.property(rows, (rs) => {
        const records = rs.map((r, k) => record(k + 2, { customerId: r.id, contactName: r.contact, phone: r.phone }));
        const last = new Map<string, string>();
        const expected = records.map((r) => {
          const key = JSON.stringify([r.phone, r.contactName]);
          const repeated = last.get(r.customerId) === key;
          last.set(r.customerId, key);
          return repeated;
        });
        expect(marks(records, new CustomerRepeats(undefined, true))).toEqual(expected);
      }),
      { seed: 1717, numRuns: 200 },
    );
  });
});
