import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveriesIn } from '../../src/ledger/deliveries.js';
import { SendBook, invoiceRow } from './send-book.js';
import { startSmtp, testCertificate, type Fault, type TestServer } from './smtp-fixture.js';

let server: TestServer;
beforeAll(async () => {
  server = await startSmtp();
});
afterAll(() => server.close());

// 200 letters: the first 200 fates of seed 1016 (fc.sample draws the same prefix whatever numRuns is)
// hold every fault on a first attempt, a silent server, and letters that fail all three attempts.
const LETTERS = 200;

/** What the server does with one attempt: mostly accept, otherwise every fault send must survive. */
const fault: fc.Arbitrary<Fault | undefined> = fc.oneof(
  { weight: 60, arbitrary: fc.constant(undefined) },
  { weight: 8, arbitrary: fc.constant<Fault>({ at: 'mail', code: 451 }) },
  { weight: 6, arbitrary: fc.constant<Fault>({ at: 'data', code: 421 }) },
  { weight: 5, arbitrary: fc.constant<Fault>({ at: 'rcpt', code: 550 }) },
  { weight: 4, arbitrary: fc.constant<Fault>({ at: 'data', code: 554 }) },
  { weight: 5, arbitrary: fc.constant<Fault>({ drop: 'mid-data' }) },
  { weight: 5, arbitrary: fc.constant<Fault>({ drop: 'after-data' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ silent: 'mail' }) },
);

describe('200 letters against a server with random faults', () => {
  it('delivers each letter at most once and leaves every one in a definite state', async () => {
    // Each letter's fate on each of its (at most 3) attempts, from a fixed seed.
    const plans = fc.sample(fc.array(fault, { minLength: 3, maxLength: 3 }), { seed: 1016, numRuns: LETTERS });
    server.fault = (rcpt, attempt) => plans[Number(/^c(\d+)@/.exec(rcpt)![1]) - 1]![attempt - 1];
    const book = new SendBook(server);
    await book.invoices('2026-02-05', Array.from({ length: LETTERS }, (_, i) => invoiceRow(i + 1, `c${i + 1}@random.test`)));
    expect((await book.run('2026-02-05')).letters).toHaveLength(LETTERS);

    // Sends every hour for a day, as cron would: failed letters come round again after their back-off.
    // A silent server costs a socket timeout: kept short here so the run stays quick.
    const smtp = { ca: testCertificate().cert, timeouts: { connection: 2000, greeting: 2000, socket: 600 } };
    for (let hour = 9; hour < 24; hour++) await book.send('2026-02-05', { at: `2026-02-05T${String(hour).padStart(2, '0')}:00:00Z`, smtp });

    const all = deliveriesIn(book.db, ['drafted', 'sending', 'sent', 'failed', 'rejected', 'cancelled', 'unknown']);
    expect(all).toHaveLength(LETTERS);
    const accepted = new Map<string, number>();
    for (const m of server.received) accepted.set(m.to[0]!, (accepted.get(m.to[0]!) ?? 0) + 1);
    const counts: Record<string, number> = {};
    for (const d of all) {
      const to = `${d.customerId}@random.test`;
      counts[d.state] = (counts[d.state] ?? 0) + 1;
      // Definite: sent, rejected, unknown, or failed for good after maxAttempts; never drafted or sending.
      expect(['sent', 'rejected', 'unknown', 'failed'], `${d.customerId} ${d.state}`).toContain(d.state);
      if (d.state === 'failed') expect(d.nextAttempt, `${d.customerId} gave up`).toBeNull();
      // At most once; exactly once when sent; never when refused or failed.
      expect(accepted.get(to) ?? 0, `${d.customerId} ${d.state}`).toBe(d.state === 'sent' ? 1 : 0);
    }
    expect(counts.sent).toBeGreaterThan(LETTERS / 2);
    expect(Object.keys(counts).sort()).toEqual(['failed', 'rejected', 'sent', 'unknown']);
    book.close();
  }, 600_000);
});
