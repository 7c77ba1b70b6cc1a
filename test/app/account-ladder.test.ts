import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { Book } from './book.js';

/** Every letter and flag to one customer, in order, as `day stage`. */
function letters(book: Book, customer: string): string[] {
  return Object.entries(book.diary).flatMap(([day, done]) =>
    done.filter((d) => d.startsWith(`${customer}:`)).map((d) => `${day} ${d.slice(customer.length + 1)}`),
  );
}

describe('a customer who never pays, with a new invoice every month', () => {
  it('climbs one ladder, never down and never restarted', { timeout: 300_000 }, async () => {
    const book = new Book();
    const invoice = (n: number, issued: string, due: string) => `K-${n},kestrel,Kestrel Events,k@kestrel.example,${issued},${due},GBP,400.00,`;
    const rows = [invoice(1, '2026-01-01', '2026-01-31')];
    const issued: Record<string, string> = {
      '2026-02-01': invoice(2, '2026-02-01', '2026-03-03'),
      '2026-03-01': invoice(3, '2026-03-01', '2026-03-31'),
      '2026-04-01': invoice(4, '2026-04-01', '2026-05-01'),
    };
    await book.invoices('2026-01-20', rows);
    // A run every Monday, Wednesday and Friday; each new invoice imported the day it is issued.
    for (let day = '2026-01-20'; day <= '2026-04-10'; day = addDays(day, 1)) {
      const fresh = issued[day];
      if (fresh) {
        rows.push(fresh);
        await book.invoices(day, rows);
      }
      if ([1, 3, 5].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) await book.run(day);
    }
    // Before: courtesy, reminder, second reminder, final notice, then a reminder about K-2, and so on.
    // Now one ladder, one step per letter, ending with the flag for the owner.
    expect(letters(book, 'kestrel')).toEqual([
      '2026-01-28 courtesy',
      '2026-02-04 reminder',
      '2026-02-16 second-reminder',
      '2026-03-02 final-notice',
      '2026-04-01 flag:handoff', // K-2, K-3 and K-4 fell due meanwhile: none restarted the ladder
    ]);
    book.close();
  });
});

describe('the same day run twice (cron, then by hand)', () => {
  it('does everything the day holds the first time; the second run adds nothing', { timeout: 300_000 }, async () => {
    const book = new Book();
    await book.invoices('2026-01-01', [
      'K-1,kestrel,Kestrel Events,k@kestrel.example,2026-01-01,2026-01-31,GBP,400.00,',
      'K-2,kestrel,Kestrel Events,k@kestrel.example,2026-02-01,2026-03-03,GBP,400.00,',
    ]);
    const seconds: string[] = [];
    for (const day of ['2026-02-03', '2026-02-10', '2026-02-14', '2026-02-20', '2026-03-02', '2026-03-12', '2026-04-01', '2026-04-02']) {
      await book.run(day);
      const again = await book.run(day);
      seconds.push(...again.letters.map((l) => `${day} ${l.stage}`), ...again.flagged.map((f) => `${day} flag:${f.reason}`));
    }
    expect(seconds).toEqual([]);
    expect(letters(book, 'kestrel')).toEqual([
      '2026-02-03 reminder',
      '2026-02-14 second-reminder',
      '2026-03-02 final-notice',
      '2026-04-01 flag:handoff',
    ]);
    book.close();
  });
});
