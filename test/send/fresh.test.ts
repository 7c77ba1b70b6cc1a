import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrange } from '../../src/app/arrange.js';
import { hold } from '../../src/app/hold.js';
import { pay } from '../../src/app/pay.js';
import { markSent, recordMailBounce } from '../../src/app/send-by-hand.js';
import { verifyTrail } from '../../src/app/verify.js';
import { badAddressCustomers } from '../../src/ledger/deliveries.js';
import { SendBook, invoiceRow } from './send-book.js';
import { startSmtp, type TestServer } from './smtp-fixture.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
  server.fault = () => undefined;
});
afterAll(() => server.close());

/** Four customers with a reminder drafted on 5 February; the business then hears from some of them. */
async function morningOfReminders(sending: Record<string, unknown> = {}) {
  const book = new SendBook(server, sending);
  await book.invoices('2026-02-05', [invoiceRow(1), invoiceRow(2), invoiceRow(3), invoiceRow(4)]);
  await book.run('2026-02-05');
  return book;
}

describe('a letter is fresh before it goes', () => {
  it('given customers who paid, were put on hold or agreed a plan since the letter was drafted, their letters are cancelled with the reason and the next run drafts what is right', async () => {
    const book = await morningOfReminders();
    const m = book.moment('2026-02-05');
    await pay(book.db, m, { invoice: 'INV-1', amount: '100.00' });
    await hold(book.db, m, { target: 'c2', reason: 'disputes the hours' });
    await arrange(book.db, m, { customer: 'c3', installments: '2', every: 'month', start: '2026-02-20' });

    const r = await book.send('2026-02-05');
    expect(r.cancelled.map((c) => [c.customer, c.reason])).toEqual([
      ['c1', 'paid since it was drafted'],
      ['c2', 'on hold'],
      ['c3', 'a payment plan was agreed since it was drafted'],
    ]);
    expect(r.sent.map((s) => s.customer)).toEqual(['c4']);
    const kinds = book.db.prepare(`SELECT customer_id, json_extract(data, '$.reason') FROM events WHERE kind = 'send-cancelled' ORDER BY id`).raw().all();
    expect(kinds).toEqual([
      ['c1', 'paid since it was drafted'],
      ['c2', 'on hold'],
      ['c3', 'a payment plan was agreed since it was drafted'],
    ]);
    // The cancelled letter is no contact: released on the 6th, c2 gets its reminder at once.
    await book.invoices('2026-02-06', [invoiceRow(1), invoiceRow(2), invoiceRow(3), invoiceRow(4)]);
    const { release } = await import('../../src/app/hold.js');
    await release(book.db, book.moment('2026-02-06'), { target: 'c2' });
    const next = await book.run('2026-02-06');
    expect(next.letters.map((l) => `${l.customer}:${l.stage}`)).toEqual(['c2:reminder']);
    expect(verifyTrail(book.db, book.ws.outboxDir).problems).toEqual([]);
    book.close();
  });

  it('a thank-you letter is not cancelled by the payment it thanks for', async () => {
    const book = await morningOfReminders();
    await book.send('2026-02-05');
    await book.invoices('2026-02-08', [invoiceRow(1).replace(/,0$/, ',100.00'), invoiceRow(2), invoiceRow(3), invoiceRow(4)]);
    const run = await book.run('2026-02-08');
    expect(run.letters.map((l) => `${l.customer}:${l.stage}`)).toEqual(['c1:thank-you']);
    const r = await book.send('2026-02-08');
    expect(r.sent.map((s) => s.customer)).toEqual(['c1']);
    book.close();
  });
});

describe('a letter goes only to the address it was drafted for', () => {
  it('given a customer whose email was changed since drafting, the letter is cancelled and the next run drafts one to the new address', async () => {
    const book = await morningOfReminders();
    const { customerSet } = await import('../../src/app/customer.js');
    await customerSet(book.db, book.moment('2026-02-05'), { customer: 'c3', email: 'accounts@c3.test' });
    const r = await book.send('2026-02-05');
    expect(r.cancelled).toEqual([expect.objectContaining({ customer: 'c3', reason: "the customer's email changed since it was drafted (to accounts@c3.test)" })]);
    await book.invoices('2026-02-06', [invoiceRow(1), invoiceRow(2), invoiceRow(3, 'accounts@c3.test'), invoiceRow(4)]);
    expect((await book.run('2026-02-06')).letters.map((l) => l.customer)).toEqual(['c3']);
    const next = await book.send('2026-02-06');
    expect(next.sent.map((s) => s.customer)).toEqual(['c3']);
    expect(server.received.at(-1)!.to).toEqual(['accounts@c3.test']);
    book.close();
  });

  it('without a sending block nothing is sent, and the message says where the set-up is described', async () => {
    const book = await morningOfReminders();
    const { writeFileSync, readFileSync } = await import('node:fs');
    const config = JSON.parse(readFileSync(book.ws.configPath, 'utf8'));
    delete config.sending;
    writeFileSync(book.ws.configPath, JSON.stringify(config));
    await expect(book.send('2026-02-05')).rejects.toThrow(/nothing is set up for sending: add a "sending" block to dunning.config.json \(the README section "Sending letters"/);
    book.close();
  });
});

describe('the sending window', () => {
  it('outside the hours letters wait until the window opens (in the config time zone); --now sends them', async () => {
    const book = await morningOfReminders({ window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' } });
    // Thursday 5 February 2026, 07:00 in London.
    const early = await book.send('2026-02-05', { at: '2026-02-05T07:00:00Z' });
    expect(early.sent).toEqual([]);
    expect(early.waiting.map((w) => w.until)).toEqual(Array(4).fill('2026-02-05T09:00:00.000Z'));
    expect(early.waiting[0]!.reason).toBe('outside sending hours 09:00-17:00 (Europe/London)');
    expect(book.states()).toEqual({ c1: 'drafted', c2: 'drafted', c3: 'drafted', c4: 'drafted' });
    const now = await book.send('2026-02-05', { at: '2026-02-05T07:01:00Z', ignoreWindow: true });
    expect(now.sent).toHaveLength(4);
    book.close();
  });

  it('a public holiday of sending.holidays is skipped: letters drafted on Christmas Eve wait for the 29th', async () => {
    const book = new SendBook(server, { holidays: 'GB', window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' } });
    await book.invoices('2026-12-24', [invoiceRow(1).replace('2026-01-31', '2026-12-20')]);
    await book.run('2026-12-24');
    const r = await book.send('2026-12-25', { at: '2026-12-25T10:00:00Z', staleOk: true });
    // 25 Dec holiday, 26-27 weekend, 28 Boxing Day (substitute): the 29th at 09:00 London.
    expect(r.waiting.map((w) => [w.until, w.reason])).toEqual([['2026-12-29T09:00:00.000Z', '2026-12-25 is a public holiday (Christmas Day)']]);
    book.close();
  });

  it('sending.perDay holds back the rest for the next day, --limit for the next send', async () => {
    const book = await morningOfReminders({ perDay: 3 });
    const r = await book.send('2026-02-05', { limit: 2 });
    expect(r.sent).toHaveLength(2);
    expect(r.waiting.map((w) => w.reason)).toEqual(['sending.perDay: 3 letters a day; the rest go on the next sending day', '--limit 2']);
    const second = await book.send('2026-02-05', { at: '2026-02-05T11:00:00Z' });
    expect(second.sent).toHaveLength(1);
    expect(second.waiting).toHaveLength(1);
    book.close();
  });

  it('--dry-run lists what would go and writes nothing', async () => {
    const book = await morningOfReminders();
    const events = () => book.db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    const before = events();
    const r = await book.send('2026-02-05', { dryRun: true });
    expect(r.due?.map((d) => d.customer)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(r.sent).toEqual([]);
    expect(events()).toBe(before);
    book.close();
  });
});

describe('letters sent by hand, and bounces that come back by mail', () => {
  it('mark-sent --date marks the day\'s letters sent; send then leaves them alone, and verify follows them to outbox/sent/', async () => {
    const book = await morningOfReminders();
    const m = book.moment('2026-02-05');
    const r = await markSent(book.db, book.ws, m, { date: '2026-02-05' });
    expect(r.marked.map((x) => [x.customer, x.channel])).toEqual([['c1', 'email'], ['c2', 'email'], ['c3', 'email'], ['c4', 'email']]);
    expect((await book.send('2026-02-05')).sent).toEqual([]);
    expect(verifyTrail(book.db, book.ws.outboxDir).problems).toEqual([]);
    expect((await markSent(book.db, book.ws, m, { letter: String(r.marked[0]!.letter) })).alreadySent).toHaveLength(1);
    book.close();
  });

  it('mark-sent settles a letter a dead send left sending, and refuses while a live send holds it', async () => {
    const book = await morningOfReminders();
    const { adoptDrafts, deliveriesIn, setDeliveryState } = await import('../../src/ledger/deliveries.js');
    const { writeFileSync } = await import('node:fs');
    adoptDrafts(book.db, 'now');
    const d = deliveriesIn(book.db, ['drafted'])[0]!;
    setDeliveryState(book.db, d.letterEvent, { state: 'sending', at: 'now' });
    // This process holds the lock: a live send.
    writeFileSync(`${book.ws.dbPath}.send-lock`, String(process.pid));
    await expect(markSent(book.db, book.ws, book.moment('2026-02-05'), { letter: String(d.letterEvent) })).rejects.toThrow(/handing this letter to the server right now/);
    // A process that no longer exists: the send died.
    writeFileSync(`${book.ws.dbPath}.send-lock`, '999999999');
    const r = await markSent(book.db, book.ws, book.moment('2026-02-05'), { letter: d.file.split('/').pop()! });
    expect(r.marked).toEqual([expect.objectContaining({ letter: d.letterEvent, was: 'sending', channel: 'email' })]);
    book.close();
  });

  it('bounce ADDRESS flags its customer bad-address, and their drafted letter is cancelled', async () => {
    const book = await morningOfReminders();
    const b = await recordMailBounce(book.db, book.moment('2026-02-05'), 'C2@customers.test', '550 5.1.1 user unknown');
    expect(b.customers).toEqual(['c2']);
    expect(badAddressCustomers(book.db).map((x) => x.customer)).toEqual(['c2']);
    const r = await book.send('2026-02-05');
    expect(r.cancelled.map((c) => c.customer)).toEqual(['c2']);
    await expect(recordMailBounce(book.db, book.moment('2026-02-05'), 'nobody@nowhere.test', undefined)).rejects.toThrow(/no customer has this email address/);
    // The run plans as if c2 had no email: no new draft to the dead address each morning, but a flag.
    await book.invoices('2026-02-06', [invoiceRow(1), invoiceRow(2), invoiceRow(3), invoiceRow(4)]);
    const next = await book.run('2026-02-06');
    expect(next.letters.map((l) => l.customer)).toEqual([]);
    expect(next.flagged).toEqual([expect.objectContaining({ customer: 'c2', reason: 'no-contact-details' })]);
    book.close();
  });
});
