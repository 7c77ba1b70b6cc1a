import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badAddressCustomers } from '../../src/ledger/deliveries.js';
import { SendBook, invoiceRow } from './send-book.js';
import { startSmtp, testCertificate, type Fault, type TestServer } from './smtp-fixture.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
});
afterAll(() => server.close());

let books = 0;
let domain = '';
/** Customer n's address in the current book: each book has its own domain, so the server counts its attempts apart. */
const address = (n: number) => `c${n}@${domain}`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => invoiceRow(i + 1, address(i + 1)));

/** A book with one reminder drafted for each of customers 1..n, and the server's faults by customer number. */
async function booked(n: number, faults: Record<number, (attempt: number) => Fault | undefined>, sending: Record<string, unknown> = {}) {
  domain = `book${++books}.test`;
  server.received.length = 0;
  server.dataSeen.length = 0;
  server.fault = (rcpt, attempt) => faults[Number(/^c(\d+)@/.exec(rcpt)?.[1])]?.(attempt);
  const book = new SendBook(server, sending);
  await book.invoices('2026-02-05', rows(n));
  await book.run('2026-02-05');
  return book;
}
const delivered = (customer: string) => server.received.filter((m) => m.to.includes(`${customer}@${domain}`)).length;

describe('send when the server has a temporary problem', () => {
  it('given a 451 at MAIL FROM, the letter is failed with a next attempt 15 minutes on, waits before it, and goes once after it', async () => {
    const book = await booked(2, { 1: (a) => (a === 1 ? { at: 'mail', code: 451, text: '4.3.0 try again later' } : undefined) });
    const first = await book.send('2026-02-05', { at: '2026-02-05T10:00:00Z' });
    expect(first.failed).toEqual([expect.objectContaining({ customer: 'c1', reason: expect.stringContaining('451'), nextAttempt: '2026-02-05T10:15:00.000Z' })]);
    expect(first.sent.map((s) => s.customer)).toEqual(['c2']);

    const early = await book.send('2026-02-05', { at: '2026-02-05T10:05:00Z' });
    expect(early.waiting).toEqual([expect.objectContaining({ customer: 'c1', until: '2026-02-05T10:15:00.000Z' })]);
    expect(delivered('c1')).toBe(0);

    const later = await book.send('2026-02-05', { at: '2026-02-05T10:20:00Z' });
    expect(later.sent.map((s) => s.customer)).toEqual(['c1']);
    expect(delivered('c1')).toBe(1);
    expect(book.states()).toEqual({ c1: 'sent', c2: 'sent' });
    book.close();
  });

  it('given a 421 after DATA, the letter is failed and tried again later, never lost', async () => {
    const book = await booked(1, { 1: (a) => (a === 1 ? { at: 'data', code: 421, text: '4.4.2 closing connection' } : undefined) });
    const first = await book.send('2026-02-05');
    expect(first.failed.map((f) => f.customer)).toEqual(['c1']);
    expect((await book.send('2026-02-05', { at: '2026-02-05T11:00:00Z' })).sent.map((s) => s.customer)).toEqual(['c1']);
    expect(delivered('c1')).toBe(1);
    book.close();
  });

  it('given a server that always says 451, the letter gives up after sending.maxAttempts tries and says how to try again', async () => {
    const book = await booked(1, { 1: () => ({ at: 'rcpt', code: 451 }) }, { maxAttempts: 2 });
    await book.send('2026-02-05', { at: '2026-02-05T10:00:00Z' });
    const second = await book.send('2026-02-05', { at: '2026-02-05T12:00:00Z' });
    expect(second.failed).toEqual([expect.objectContaining({ customer: 'c1', nextAttempt: null, reason: expect.stringMatching(/gave up after 2 attempts: send --retry \d+/) })]);
    const third = await book.send('2026-02-05', { at: '2026-02-06T12:00:00Z' });
    expect(third.failed.map((f) => f.nextAttempt)).toEqual([null]);
    expect(server.dataSeen.filter((id) => id === second.failed[0]!.messageId)).toEqual([]);
    book.close();
  });

  it('given a server that goes silent before the message, the letter is failed after the timeout (nothing was handed over)', async () => {
    const book = await booked(1, { 1: (a) => (a === 1 ? { silent: 'mail' } : undefined) });
    // A short socket timeout: what is proved is what a timeout leaves, not how long it takes.
    const r = await book.send('2026-02-05', { smtp: { ca: testCertificate().cert, timeouts: { connection: 2000, greeting: 2000, socket: 400 } } });
    expect(r.failed).toEqual([expect.objectContaining({ customer: 'c1', reason: expect.stringMatching(/timeout/i) })]);
    expect(book.states()).toEqual({ c1: 'failed' });
    book.close();
  });
});

describe('send when the connection is lost', () => {
  it('given the connection dropped in the middle of DATA, the letter is failed (the server never had all of it) and goes once later', async () => {
    const book = await booked(1, { 1: (a) => (a === 1 ? { drop: 'mid-data' } : undefined) }, { attachInvoices: 'invoices/{number}.pdf' });
    mkdirSync(join(book.dir, 'invoices'));
    writeFileSync(join(book.dir, 'invoices', 'INV-1.pdf'), randomBytes(12 * 1024 * 1024));
    const first = await book.send('2026-02-05');
    expect(first.failed.map((f) => f.customer)).toEqual(['c1']);
    expect(delivered('c1')).toBe(0);
    const again = await book.send('2026-02-05', { at: '2026-02-05T11:00:00Z' });
    expect(again.sent.map((s) => s.customer)).toEqual(['c1']);
    expect(delivered('c1')).toBe(1);
    book.close();
  });

  it('given the connection dropped after the whole message, the letter is unknown: listed on every send, never sent again until --retry', async () => {
    const book = await booked(1, { 1: (a) => (a === 1 ? { drop: 'after-data' } : undefined) });
    const first = await book.send('2026-02-05');
    expect(first.unknown.map((u) => u.customer)).toEqual(['c1']);
    const messageId = first.unknown[0]!.messageId;
    const second = await book.send('2026-02-05', { at: '2026-02-05T12:00:00Z' });
    expect(second.unknown.map((u) => u.messageId)).toEqual([messageId]);
    expect(server.dataSeen.filter((id) => id === messageId)).toHaveLength(1);

    const retried = await book.send('2026-02-05', { at: '2026-02-05T13:00:00Z', retry: [String(first.unknown[0]!.letter)] });
    expect(retried.sent.map((s) => s.messageId)).toEqual([messageId]);
    expect(retried.unknown).toEqual([]);
    book.close();
  });
});

describe('send when the address is refused for good', () => {
  it('given a 550 at RCPT, the letter is rejected, the customer is flagged bad-address, and nothing more is drafted to that address until a new one is recorded', async () => {
    const book = await booked(2, { 2: () => ({ at: 'rcpt', code: 550, text: '5.1.1 no such mailbox' }) });
    const r = await book.send('2026-02-05');
    expect(r.rejected).toEqual([expect.objectContaining({ customer: 'c2', reason: expect.stringContaining('550') })]);
    expect(r.sent.map((s) => s.customer)).toEqual(['c1']);
    expect(badAddressCustomers(book.db)).toEqual([expect.objectContaining({ customer: 'c2', address: address(2) })]);

    // The second reminder falls due on 14 February: nothing is drafted to the dead address; the account is flagged.
    await book.invoices('2026-02-14', rows(2));
    const run = await book.run('2026-02-14');
    expect(run.letters.map((l) => l.customer)).toEqual(['c1']);
    expect(run.flagged).toEqual([expect.objectContaining({ customer: 'c2', reason: 'no-contact-details' })]);
    const later = await book.send('2026-02-14');
    expect(later.sent.map((s) => s.customer)).toEqual(['c1']);
    expect(server.received.filter((m) => m.to.includes(address(2)))).toEqual([]);

    // A new address clears the flag.
    book.db.prepare(`UPDATE customers SET email = 'accounts@c2.test' WHERE id = 'c2'`).run();
    expect(badAddressCustomers(book.db)).toEqual([]);
    book.close();
  });
});
