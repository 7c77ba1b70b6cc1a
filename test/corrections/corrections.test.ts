import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/app/audit.js';
import { loadConfig } from '../../src/app/config.js';
import { customerSet } from '../../src/app/customer.js';
import { importFiles } from '../../src/app/import.js';
import { paymentList, paymentVoid } from '../../src/app/payment.js';
import { receivablesStatus } from '../../src/app/status.js';
import { UsageError } from '../../src/domain/errors.js';
import { findCustomer } from '../../src/ledger/customers.js';
import { invoiceBalance } from '../../src/ledger/payments.js';
import { Book } from '../app/book.js';
import { CANONICAL_HEADER } from '../helpers.js';

/** Mistakes put right, each an event written with its change, in a credit controller's words. */

const ROWS = [
  'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,1200.00,0',
  'INV-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,300.00,0',
];

let book: Book;
afterEach(() => book?.close());

async function books(): Promise<Book> {
  book = new Book();
  await book.invoices('2026-03-01', ROWS);
  return book;
}

describe('a payment typed twice is voided', () => {
  it('given 100.00 recorded twice on INV-2, voiding the second leaves 200.00 owed, and the list still shows it, marked void', async () => {
    await books();
    await book.pay('2026-03-02', 'INV-2', '100.00');
    await book.pay('2026-03-02', 'INV-2', '100.00');
    expect(invoiceBalance(book.db, 'INV-2')!.balance).toBe(10000);
    const second = paymentList(book.db, 'INV-2').payments[1]!;
    const r = await paymentVoid(book.db, book.moment('2026-03-03'), { id: String(second.id), reason: 'typed twice' });
    expect(r.balance).toEqual({ currency: 'GBP', minor: 20000, amount: '200.00' });
    expect(invoiceBalance(book.db, 'INV-2')!.balance).toBe(20000);
    expect(paymentList(book.db, 'acme')).toEqual({
      payments: [
        expect.objectContaining({ id: second.id - 1, invoice: 'INV-2', paidOn: '2026-03-02', amount: { currency: 'GBP', minor: 10000, amount: '100.00' }, reference: null, source: 'manual', void: false }),
        expect.objectContaining({ id: second.id, invoice: 'INV-2', paidOn: '2026-03-02', amount: { currency: 'GBP', minor: 10000, amount: '100.00' }, void: true, voidReason: 'typed twice' }),
      ],
    });
    expect(auditTrail(book.db).at(-1)).toMatchObject({ kind: 'payment-void', invoice: 'INV-2', what: `payment ${second.id} of 100.00 GBP (paid 2026-03-02) voided: typed twice` });
  });

  it('a voided payment stops counting in status: the owner sees the whole balance owed again', async () => {
    await books();
    await book.pay('2026-03-02', 'INV-1', '1,200.00');
    const cfg = await loadConfig(book.ws.configPath);
    const owedBy = () => receivablesStatus(book.db, cfg.policy, '2026-03-04').customers.find((c) => c.id === 'acme')?.open;
    expect(owedBy()).toEqual([{ currency: 'GBP', minor: 30000, amount: '300.00' }]);
    await paymentVoid(book.db, book.moment('2026-03-03'), { id: String(paymentList(book.db, 'INV-1').payments[0]!.id), reason: 'cheque bounced' });
    expect(owedBy()).toEqual([{ currency: 'GBP', minor: 150000, amount: '1500.00' }]);
  });

  it('voiding twice, an unknown id, or without a reason is refused and changes nothing', async () => {
    await books();
    await book.pay('2026-03-02', 'INV-2', '50.00');
    const id = String(paymentList(book.db, 'INV-2').payments[0]!.id);
    await expect(paymentVoid(book.db, book.moment('2026-03-03'), { id, reason: '' })).rejects.toThrow(/--reason/);
    await paymentVoid(book.db, book.moment('2026-03-03'), { id, reason: 'wrong invoice' });
    const events = auditTrail(book.db).length;
    await expect(paymentVoid(book.db, book.moment('2026-03-03'), { id, reason: 'again' })).rejects.toThrow(/voided already on 2026-03-03 \(wrong invoice\)/);
    await expect(paymentVoid(book.db, book.moment('2026-03-03'), { id: '999', reason: 'x' })).rejects.toThrow(UsageError);
    expect(auditTrail(book.db)).toHaveLength(events);
  });
});

describe('pay takes amounts as an import writes them', () => {
  it.each([
    ['1,200.00', 0],
    ['250.50', 94950],
    ['GBP 300.00', 90000],
    ['£1,000.00', 20000],
  ])('paying %s on INV-1 of 1,200.00 leaves what is still owed', async (amount, left) => {
    await books();
    await book.pay('2026-03-02', 'INV-1', amount);
    expect(invoiceBalance(book.db, 'INV-1')!.balance).toBe(left);
  });

  it('a misplaced thousands separator or another currency is refused, nothing recorded', async () => {
    await books();
    await expect(book.pay('2026-03-02', 'INV-1', '1,20.00')).rejects.toThrow(/thousands separators are out of place/);
    await expect(book.pay('2026-03-02', 'INV-1', 'EUR 20.00')).rejects.toThrow(/is in EUR, but the invoice is in GBP/);
    expect(paymentList(book.db, 'INV-1').payments).toEqual([]);
  });
});

describe('customer set', () => {
  it('a new email and a contact name are written with an event naming each old and new value', async () => {
    await books();
    const r = await customerSet(book.db, book.moment('2026-03-02'), { customer: 'acme', email: 'accounts@acme.example', contactName: 'Sam Okafor' });
    expect(r.changes).toEqual({ email: { from: 'ap@acme.example', to: 'accounts@acme.example' }, contact_name: { from: null, to: 'Sam Okafor' } });
    expect(findCustomer(book.db, 'acme')).toMatchObject({ email: 'accounts@acme.example', contactName: 'Sam Okafor' });
    expect(auditTrail(book.db).at(-1)!.what).toBe('customer changed by hand: contact_name null -> Sam Okafor, email ap@acme.example -> accounts@acme.example');
  });

  it('the same details again change nothing and write no event; a bad email or language is refused', async () => {
    await books();
    const events = auditTrail(book.db).length;
    expect((await customerSet(book.db, book.moment('2026-03-02'), { customer: 'acme', email: 'ap@acme.example' })).changes).toEqual({});
    expect(auditTrail(book.db)).toHaveLength(events);
    await expect(customerSet(book.db, book.moment('2026-03-02'), { customer: 'acme', email: 'not an address' })).rejects.toThrow(/not an email address/);
    await expect(customerSet(book.db, book.moment('2026-03-02'), { customer: 'acme', language: 'klingon' })).rejects.toThrow(/language code/);
    await expect(customerSet(book.db, book.moment('2026-03-02'), { customer: 'INV-1', phone: '1' })).rejects.toThrow(/is an invoice; name its customer instead \(acme\)/);
  });
});

describe('a re-import tells the owner what changed', () => {
  async function reimport(rows: string[]) {
    const file = join(book.dir, 'newer.csv');
    writeFileSync(file, [CANONICAL_HEADER, ...rows].join('\n') + '\n');
    return importFiles(book.db, [file], book.moment('2026-03-05'));
  }

  it('names each customer field a newer export changed', async () => {
    await books();
    const r = await reimport(['INV-1,acme,Acme Ltd,billing@acme.example,2026-01-01,2026-01-31,GBP,1200.00,0']);
    expect(r.notes).toContain('customer acme: email changed');
  });

  it('given 500.00 recorded on INV-1 and an export saying 200.00 was paid, the import says so with both amounts and keeps 500.00', async () => {
    await books();
    await book.pay('2026-03-02', 'INV-1', '500.00');
    const r = await reimport(['INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,1200.00,200.00']);
    expect(r.notes).toContainEqual(expect.stringMatching(/^INV-1: this export says 200\.00 GBP was paid, but the ledger has 500\.00 GBP recorded/));
    expect(invoiceBalance(book.db, 'INV-1')!.balance).toBe(70000);
  });
});
