import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTrail } from '../../src/app/verify.js';
import { SendBook, invoiceRow } from './send-book.js';
import { startSmtp, type TestServer } from './smtp-fixture.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
});
afterAll(() => server.close());

describe('dunning send over STARTTLS with a login', () => {
  it('given three reminders drafted this morning, each reaches the server once, as drafted, and a second send sends nothing', async () => {
    const book = new SendBook(server);
    await book.invoices('2026-02-05', [invoiceRow(1), invoiceRow(2), invoiceRow(3)]);
    const run = await book.run('2026-02-05');
    expect(run.letters.map((l) => l.stage)).toEqual(['reminder', 'reminder', 'reminder']);
    const before = server.received.length;

    const r = await book.send('2026-02-05');
    expect(r.sent.map((s) => s.customer)).toEqual(['c1', 'c2', 'c3']);
    expect(r.sent.every((s) => /^250 .*queued as Q\d+/.test(s.response))).toBe(true);
    expect(server.logins.at(-1)).toBe('dunning');
    expect(r.failed.concat(r.rejected, r.unknown, r.cancelled, r.waiting)).toEqual([]);
    const got = server.received.slice(before);
    expect(got.map((m) => m.to)).toEqual([['c1@customers.test'], ['c2@customers.test'], ['c3@customers.test']]);
    expect(got.map((m) => m.messageId)).toEqual(r.sent.map((s) => s.messageId));

    // The message is the draft: same Message-ID, no X-Unsent, the Reply-To asked for.
    const message = got[0]!.raw.toString('latin1');
    expect(message).not.toMatch(/^X-Unsent/im);
    expect(message).toMatch(/^Reply-To: Accounts <accounts@studio-nord\.test>/im);
    expect(message).toContain(`<${r.sent[0]!.messageId}>`);

    // Sent letters move to outbox/sent/, and the audit trail follows them there.
    expect(existsSync(join(book.ws.outboxDir, r.sent[0]!.file))).toBe(false);
    expect(existsSync(join(book.ws.outboxDir, 'sent', r.sent[0]!.file))).toBe(true);
    expect(verifyTrail(book.db, book.ws.outboxDir).problems).toEqual([]);

    const again = await book.send('2026-02-05', { at: '2026-02-05T11:00:00Z' });
    expect(again.sent).toEqual([]);
    expect(server.received.length).toBe(before + 3);
    expect(book.states()).toEqual({ c1: 'sent', c2: 'sent', c3: 'sent' });
    book.close();
  });

  it('tells its progress after each batch of 50 letters, for the bar a person at a terminal sees', async () => {
    const book = new SendBook(server);
    await book.invoices('2026-02-05', Array.from({ length: 120 }, (_, k) => invoiceRow(k + 1)));
    await book.run('2026-02-05');
    const told: [number, number][] = [];
    const r = await book.send('2026-02-05', { progress: (done, total) => told.push([done, total]) });
    expect(r.sent).toHaveLength(120);
    expect(told).toEqual([[50, 120], [100, 120], [120, 120]]);
    book.close();
  });

  it('records each letter as sending, then sent with the server reply, in the audit trail', async () => {
    const book = new SendBook(server);
    await book.invoices('2026-02-05', [invoiceRow(1)]);
    await book.run('2026-02-05');
    const r = await book.send('2026-02-05');
    const kinds = book.db.prepare(`SELECT kind, data FROM events WHERE kind IN ('sending', 'sent') ORDER BY id`).all() as { kind: string; data: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['sending', 'sent']);
    expect(JSON.parse(kinds[1]!.data)).toMatchObject({ letter: r.sent[0]!.letter, response: r.sent[0]!.response, to: 'c1@customers.test' });
    book.close();
  });

  it('sends from sending.from with an archive copy to sending.bcc in the envelope only, never in a header the customer sees', async () => {
    const book = new SendBook(server, { from: 'Zoë at Studio Nord <zoe@studio-nord.test>', bcc: 'archive@studio-nord.test' });
    await book.invoices('2026-02-05', [invoiceRow(1, 'ap@bcc.test')]);
    await book.run('2026-02-05');
    const r = await book.send('2026-02-05');
    const got = server.received.find((m) => m.to[0] === 'ap@bcc.test')!;
    expect(got.messageId).toBe(r.sent[0]!.messageId);
    expect(got.from).toBe('zoe@studio-nord.test');
    expect(got.to).toEqual(['ap@bcc.test', 'archive@studio-nord.test']);
    const head = got.raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head).not.toMatch(/archive@/);
    expect(head).toMatch(/^From: =\?UTF-8\?Q\?Zo=C3=AB_at_Studio_Nord\?= <zoe@studio-nord\.test>$/m);
    expect(head.match(/^From:/gm)).toHaveLength(1);
    book.close();
  });

  it('with secure "starttls", a server that offers no STARTTLS gets neither the password nor a letter', async () => {
    const plain = await startSmtp({ tls: false });
    try {
      const book = new SendBook(plain);
      await book.invoices('2026-02-05', [invoiceRow(1, 'ap@plain.test')]);
      await book.run('2026-02-05');
      await expect(book.send('2026-02-05')).rejects.toThrow(/the secure connection failed: .*STARTTLS.*\(check sending\.smtp\.secure and port/);
      expect(plain.received).toEqual([]);
      expect(plain.logins).toEqual([]);
      expect(book.states()).toEqual({ c1: 'drafted' });
      book.close();
    } finally {
      await plain.close();
    }
  });
});
