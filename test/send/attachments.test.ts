import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendBook } from './send-book.js';
import { startSmtp, type TestServer } from './smtp-fixture.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
  server.fault = () => undefined;
});
afterAll(() => server.close());

describe('sending.attachInvoices', () => {
  it('given 50 customers with one to three invoices each, every letter carries exactly its own invoices\' files and never another customer\'s', async () => {
    const book = new SendBook(server, { attachInvoices: 'invoices/{number}.pdf' });
    mkdirSync(join(book.dir, 'invoices'));
    const rows: string[] = [];
    const own = new Map<string, string[]>();
    const missing = new Set<string>();
    for (let c = 1; c <= 50; c++) {
      const numbers = Array.from({ length: 1 + (c % 3) }, (_, k) => `${c % 7 === 0 ? 'SI/' : 'INV-'}${c}${String.fromCharCode(65 + k)}`);
      own.set(`c${c}`, numbers);
      for (const n of numbers) {
        rows.push(`${n},c${c},Customer ${c},c${c}@attach.test,2026-01-01,2026-01-31,GBP,100.00,0`);
        // Every ninth invoice has no PDF yet: the letter goes without it, and says so.
        if (rows.length % 9 === 0) missing.add(n);
        else writeFileSync(join(book.dir, 'invoices', `${n.replace('/', '-')}.pdf`), `%PDF-1.4 invoice ${n} for customer c${c}`);
      }
    }
    await book.invoices('2026-02-05', rows);
    await book.run('2026-02-05');
    const before = server.received.length;
    const r = await book.send('2026-02-05');
    expect(r.sent).toHaveLength(50);

    for (const m of server.received.slice(before)) {
      const customer = /^c(\d+)@attach\.test$/.exec(m.to[0]!)![0].split('@')[0]!;
      const parsed = await simpleParser(m.raw);
      // Addressed to the customer it went to, from the business, as drafted.
      expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((a) => a.address) : []).toEqual(m.to);
      expect(parsed.from?.value[0]?.address).toBe('accounts@studio-nord.test');
      expect(parsed.subject).toMatch(/^A quick reminder about invoices? /);
      const expected = own.get(customer)!.filter((n) => !missing.has(n));
      expect(parsed.attachments.map((a) => a.filename).sort(), customer).toEqual(expected.map((n) => `${n.replace('/', '-')}.pdf`).sort());
      for (const a of parsed.attachments) expect(a.content.toString()).toMatch(new RegExp(` for customer ${customer}$`));
      // The letter itself is intact: its text names the customer's invoices.
      expect(parsed.text).toContain(expected[0] ?? own.get(customer)![0]!);
    }
    const noted = r.sent.flatMap((s) => s.missingAttachments ?? []).map((n) => n.split(' ')[0]);
    expect(noted.sort()).toEqual([...missing].sort());
    book.close();
  });
});
