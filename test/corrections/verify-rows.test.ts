import Database from 'better-sqlite3';
import { copyFileSync, cpSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { customerSet } from '../../src/app/customer.js';
import { paymentList, paymentVoid } from '../../src/app/payment.js';
import { verifyTrail } from '../../src/app/verify.js';
import { openLedger, type Ledger } from '../../src/ledger/open.js';
import { Book } from '../app/book.js';

/**
 * `audit verify` in both directions: a normal life of the books verifies clean, and a row of any
 * ledger table added, changed or deleted outside dunning (here with better-sqlite3, as the
 * sqlite3 shell would) is named with its table and row; so is a deleted newest event.
 */

const ROWS = [
  'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,1200.00,0',
  'INV-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,300.00,0',
  'INV-3,kestrel,Kestrel Ltd,ap@kestrel.example,2026-01-10,2026-02-09,GBP,800.00,0',
];

/** Books after a normal life: import, pay, void, hold, release, arrange, note, run, customer set. */
async function live(book: Book): Promise<Book> {
  await book.invoices('2026-03-01', ROWS);
  await book.pay('2026-03-02', 'INV-2', '100.00');
  await book.pay('2026-03-02', 'INV-2', '100.00');
  const typedTwice = paymentList(book.db, 'INV-2').payments[1]!.id;
  await paymentVoid(book.db, book.moment('2026-03-02'), { id: String(typedTwice), reason: 'typed twice' });
  await book.hold('2026-03-02', 'INV-3', 'disputed');
  await book.release('2026-03-03', 'INV-3', 'dispute settled');
  await book.run('2026-03-04');
  await book.note('2026-03-05', 'kestrel', 'Phoned: paying Friday');
  await book.arrange('2026-03-06', { customer: 'acme', installments: '2', every: 'month', start: '2026-03-20' });
  await customerSet(book.db, book.moment('2026-03-06'), { customer: 'kestrel', email: 'accounts@kestrel.example', contactName: 'Sam Okafor' });
  return book;
}

/** The lived-in books are made once; each test works on its own copy of the ledger and outbox. */
let template: Promise<Book> | undefined;
async function livedIn(): Promise<Book> {
  template ??= live(new Book()).then((b) => {
    b.db.pragma('wal_checkpoint(TRUNCATE)');
    return b;
  });
  const from = await template;
  const book = new Book();
  book.db.close();
  cpSync(from.ws.outboxDir, book.ws.outboxDir, { recursive: true });
  copyFileSync(from.ws.dbPath, book.ws.dbPath);
  // The copy is this book's ledger now (Book opens its own in its constructor).
  (book as { db: Ledger }).db = openLedger(book.ws.dbPath);
  return book;
}

/** Tampers as someone with the sqlite3 shell would: another connection, the append-only guards dropped. */
function tamper(book: Book, sql: string): void {
  const raw = new Database(book.ws.dbPath);
  try {
    raw.exec('DROP TRIGGER IF EXISTS events_append_only_update; DROP TRIGGER IF EXISTS events_append_only_delete;');
    raw.pragma('foreign_keys = OFF');
    raw.exec(sql);
    raw.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END;
              CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted'); END;`);
  } finally {
    raw.close();
  }
}

const rowProblems = (book: Book) =>
  verifyTrail(book.db, book.ws.outboxDir)
    .problems.filter((p) => p.check === 'row')
    .map((p) => `${p.table} ${p.row}: ${p.message.includes('added') ? 'added' : p.message.includes('changed') ? 'changed' : 'deleted'}`);

afterAll(async () => (await template)?.close());

describe('audit verify after a normal life of the books', () => {
  it('given imports, payments, a void, a hold and its release, a run, a note, a plan and a customer edit, the trail verifies clean', async () => {
    const book = await livedIn();
    const report = verifyTrail(book.db, book.ws.outboxDir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    book.close();
  });
});

describe('audit verify names each row edited outside dunning', () => {
  const cases: [string, string, string][] = [
    ['an invoice whose amount was lowered', `UPDATE invoices SET amount_minor = 100 WHERE number = 'INV-1'`, 'invoices INV-1: changed'],
    ['an invoice deleted', `DELETE FROM invoices WHERE number = 'INV-3'`, 'invoices INV-3: deleted'],
    ['an invoice slipped in', `INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES ('INV-9', 'acme', '2026-01-01', '2026-01-31', 'GBP', 5)`, 'invoices INV-9: added'],
    ['a payment changed', `UPDATE payments SET amount_minor = 20000 WHERE id = 1`, 'payments 1: changed'],
    ['a payment deleted', `DELETE FROM payments WHERE id = 1`, 'payments 1: deleted'],
    ['a payment added', `INSERT INTO payments (id, invoice_number, paid_on, amount_minor, source) VALUES (50, 'INV-1', '2026-03-01', 120000, 'manual')`, 'payments 50: added'],
    ['a contact deleted (the reminder would go again)', `DELETE FROM contacts WHERE id = (SELECT MIN(id) FROM contacts)`, 'contacts 1: deleted'],
    ['a contact changed', `UPDATE contacts SET stage = 'final-notice' WHERE id = 1`, 'contacts 1: changed'],
    ['a contact added', `INSERT INTO contacts (id, customer_id, contacted_on, kind, channel) VALUES (99, 'acme', '2026-03-05', 'note', 'phone')`, 'contacts 99: added'],
    ['a hold released by hand', `UPDATE holds SET released_on = '2026-03-02' WHERE id = 1`, 'holds 1: changed'],
    ['a hold deleted', `DELETE FROM holds WHERE id = 1`, 'holds 1: deleted'],
    ['a hold added', `INSERT INTO holds (id, customer_id, reason, placed_on) VALUES (7, 'acme', 'by hand', '2026-03-02')`, 'holds 7: added'],
    ['a plan marked completed', `UPDATE plans SET status = 'completed' WHERE id = 1`, 'plans 1: changed'],
    ['a plan deleted', `DELETE FROM plans WHERE id = 1`, 'plans 1: deleted'],
    ['a plan added', `INSERT INTO plans (id, customer_id, currency, created_on) VALUES (5, 'kestrel', 'GBP', '2026-03-06')`, 'plans 5: added'],
    ['a fee added', `INSERT INTO fees (id, invoice_number, stage, kind, currency, amount_minor, description, charged_on) VALUES (3, 'INV-1', 'reminder', 'fee', 'GBP', 4000, 'late fee', '2026-03-04')`, 'fees 3: added'],
    ['a customer email changed', `UPDATE customers SET email = 'thief@example.com' WHERE id = 'acme'`, 'customers acme: changed'],
  ];
  it.each(cases)('%s', async (_what, sql, named) => {
    const book = await livedIn();
    tamper(book, sql);
    expect(rowProblems(book)).toContain(named);
    expect(verifyTrail(book.db, book.ws.outboxDir).ok).toBe(false);
    book.close();
  });

  it('a fee changed or deleted is named', async () => {
    const book = new Book({ fees: { enabled: true } });
    await book.invoices('2026-03-01', ROWS);
    const raw = () => new Database(book.ws.dbPath);
    // A fee written by dunning's own connection, as run writes them.
    book.db
      .prepare(`INSERT INTO fees (invoice_number, stage, kind, currency, amount_minor, description, charged_on) VALUES ('INV-1', 'reminder', 'fee', 'GBP', 4000, 'late fee', '2026-03-04')`)
      .run();
    expect(rowProblems(book)).toEqual([]);
    const db = raw();
    db.prepare('UPDATE fees SET amount_minor = 9000').run();
    db.close();
    expect(rowProblems(book)).toEqual(['fees 1: changed']);
    const db2 = raw();
    db2.prepare('DELETE FROM fees').run();
    db2.close();
    expect(rowProblems(book)).toEqual(['fees 1: deleted']);
    book.close();
  });
});

describe('audit verify catches a deleted newest event, whatever its kind', () => {
  const newest: [string, (b: Book) => Promise<unknown>][] = [
    ['payment', (b) => b.pay('2026-03-07', 'INV-1', '10.00')],
    ['payment-void', async (b) => paymentVoid(b.db, b.moment('2026-03-07'), { id: '1', reason: 'wrong invoice' })],
    ['hold', (b) => b.hold('2026-03-07', 'kestrel', 'disputed')],
    ['release', async (b) => { await b.hold('2026-03-07', 'kestrel', 'disputed'); return b.release('2026-03-07', 'kestrel'); }],
    ['note', (b) => b.note('2026-03-07', 'acme', 'Left a voicemail')],
    ['plan', (b) => b.arrange('2026-03-07', { customer: 'kestrel', installments: '1', start: '2026-03-30' })],
    ['customer-updated', (b) => customerSet(b.db, b.moment('2026-03-07'), { customer: 'acme', phone: '+44 117 496 0000' })],
    ['run', (b) => b.run('2026-03-20')],
    ['import', (b) => b.invoices('2026-03-07', ['INV-4,acme,Acme Ltd,ap@acme.example,2026-03-01,2026-03-31,GBP,50.00,0'])],
  ];
  it.each(newest)('a deleted %s event is reported as missing', async (kind, act) => {
    const book = await livedIn();
    await act(book);
    const last = book.db.prepare('SELECT id, kind FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; kind: string };
    expect(last.kind).toBe(kind);
    // Only the event goes: its rows stay, as a careless cover-up would leave them.
    tamper(book, `DELETE FROM events WHERE id = ${last.id}`);
    const report = verifyTrail(book.db, book.ws.outboxDir);
    expect(report.ok).toBe(false);
    expect(report.problems.find((p) => p.check === 'head')?.message).toMatch(new RegExp(`event ${last.id}, the newest dunning wrote, is missing`));
    book.close();
  });
});

describe('audit verify after a bulk import (the importer computes each row check as it writes)', () => {
  it('given 5,000 invoices loaded in bulk, the trail verifies clean; a changed one is named, a deleted one counted', async () => {
    const book = new Book();
    const rows = Array.from({ length: 5000 }, (_, i) => `B-${i + 1},c${i % 700},Customer ${i % 700},ap@c${i % 700}.example,2026-01-01,2026-01-31,EUR,${100 + i}.50,0`);
    await book.invoices('2026-03-01', rows);
    expect(book.db.prepare('SELECT COUNT(*) FROM invoices WHERE row_check IS NULL').pluck().get()).toBe(0);
    expect(verifyTrail(book.db, book.ws.outboxDir).problems).toEqual([]);
    // A second file on top: updated and new invoices, through the triggers.
    await book.invoices('2026-03-02', ['B-1,c0,Customer 0,new@c0.example,2026-01-01,2026-02-15,EUR,101.50,0', 'B-5001,c1,Customer 1,ap@c1.example,2026-02-01,2026-03-01,EUR,10.00,0']);
    expect(verifyTrail(book.db, book.ws.outboxDir).problems).toEqual([]);
    tamper(book, `UPDATE invoices SET due_date = '2026-12-31' WHERE number = 'B-77'; DELETE FROM invoices WHERE number = 'B-4000'`);
    expect(rowProblems(book)).toEqual(['invoices B-77: changed', 'invoices between B-3999 and B-4001: deleted']);
    book.close();
  });
});

describe('rows written with their event', () => {
  it('a hold whose event was deleted is named, as is the run whose event went', async () => {
    const book = await livedIn();
    tamper(book, `DELETE FROM events WHERE kind IN ('hold', 'run')`);
    const messages = verifyTrail(book.db, book.ws.outboxDir).problems.filter((p) => p.check === 'reference').map((p) => p.message);
    expect(messages).toEqual(['hold 1 (disputed) has no event in the trail (an event was deleted)', 'run 1 (2026-03-04) has no event in the trail (an event was deleted)']);
    book.close();
  });
});
