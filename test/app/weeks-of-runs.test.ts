import { describe, expect, it } from 'vitest';
import { Book } from './book.js';

/**
 * Sequences of morning runs over simulated weeks, asserting exactly who hears what on which day
 * under the default ladder: courtesy 3 days before the due date; reminder 3 days after (7 days
 * since the last letter); second reminder at 14 (7); final notice at 30 (10); hand-off at 60 (14).
 */
describe('a month of daily runs', () => {
  it('gives each customer exactly the letters a credit controller would expect, one step at a time', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', [
      'A-1,acme,Acme Ltd,ap@acme.example,2026-02-02,2026-03-04,GBP,500.00,', // falls due in the month
      'B-1,bakery,Corner Bakery,hi@bakery.example,2025-12-26,2026-01-25,GBP,800.00,', // 35 days late on day one
      'C-1,cafe,Café Zoë,zoe@cafe.example,2026-02-08,2026-03-10,EUR,45.00,', // pays after its reminder
      'D-1,dairy,Dairy Farm,d@dairy.example,2026-02-20,2026-04-20,GBP,60.00,', // not due this month
    ]);
    await book.daily('2026-03-01', '2026-04-01', async (day) => {
      if (day === '2026-03-10') await book.pay(day, 'A-1', '200.00'); // a part payment
      if (day === '2026-03-20') await book.pay(day, 'C-1', '45.00'); // paid in full after the reminder
    });

    expect(book.diary).toEqual({
      '2026-03-01': ['acme:courtesy', 'bakery:reminder'], // bakery is 35 days late but starts at the reminder
      '2026-03-07': ['cafe:courtesy'],
      '2026-03-08': ['acme:reminder', 'bakery:second-reminder'],
      '2026-03-14': ['cafe:reminder'],
      '2026-03-18': ['acme:second-reminder', 'bakery:final-notice'],
      '2026-03-20': ['cafe:thank-you'], // once, and not held back by the contact interval
      '2026-04-01': ['bakery:flag:handoff'], // 14 days after the final notice, no letter to the customer
    });
    // The part payment shows in the next letter's total.
    expect(book.reports['2026-03-08']!.letters.find((l) => l.customer === 'acme')!.total).toEqual([{ currency: 'GBP', minor: 50000, amount: '500.00' }]);
    expect(book.reports['2026-03-18']!.letters.find((l) => l.customer === 'acme')!.total).toEqual([{ currency: 'GBP', minor: 30000, amount: '300.00' }]);
    expect(book.reports['2026-03-20']!.letters[0]).toMatchObject({ customer: 'cafe', invoices: ['C-1'], total: [{ currency: 'EUR', minor: 4500 }] });
    book.close();
  });

  it('counts a phone call noted by hand as a contact: the next letter waits its 7 days from it', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-20,2026-02-20,GBP,500.00,']);
    await book.daily('2026-03-01', '2026-03-20', async (day) => {
      if (day === '2026-03-05') await book.note(day, 'acme', 'Rang Sam: the payment run is next week');
    });
    // Without the call the second reminder would go on 03-08; the call on 03-05 moves it to 03-12.
    expect(book.diary).toEqual({ '2026-03-01': ['acme:reminder'], '2026-03-12': ['acme:second-reminder'] });
    book.close();
  });
});

describe('a laptop asleep for 40 days', () => {
  it('catches up one polite step at a time, never jumping to the final notice', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['K-1,kestrel,Kestrel Events,k@kestrel.example,2026-01-20,2026-02-20,GBP,950.00,']);
    await book.run('2026-03-01');
    // Asleep from 2 March to 9 April: no runs at all.
    await book.daily('2026-04-10', '2026-05-05');
    expect(book.diary).toEqual({
      '2026-03-01': ['kestrel:reminder'],
      '2026-04-10': ['kestrel:second-reminder'], // 49 days late, yet only the next step
      '2026-04-20': ['kestrel:final-notice'], // 10 days after the second reminder
      '2026-05-04': ['kestrel:flag:handoff'], // 14 days after the final notice
    });
    book.close();
  });
});

describe('payments arriving between runs', () => {
  it('stops chasing an invoice paid in full from an export, thanks once, and keeps chasing the rest', async () => {
    const book = new Book();
    const rows = (aPaid: string) => [
      `A-1,acme,Acme Ltd,ap@acme.example,2026-01-20,2026-02-20,GBP,400.00,${aPaid}`,
      'A-2,acme,Acme Ltd,ap@acme.example,2026-01-25,2026-02-25,GBP,100.00,',
    ];
    await book.invoices('2026-03-01', rows(''));
    await book.daily('2026-03-01', '2026-03-16', async (day) => {
      if (day === '2026-03-05') await book.invoices(day, rows('400.00'));
    });
    expect(book.diary).toEqual({
      '2026-03-01': ['acme:reminder'],
      '2026-03-05': ['acme:thank-you'],
      '2026-03-11': ['acme:second-reminder'], // A-2 alone: 14 days late on 03-11, 10 days after its reminder
    });
    expect(book.reports['2026-03-11']!.letters[0]!.invoices).toEqual(['A-2']);
    book.close();
  });
});

describe('a dispute raised and resolved', () => {
  it('holds an invoice in dispute, then resumes where it stood when released', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['B-1,bakery,Corner Bakery,hi@bakery.example,2026-01-01,2026-02-01,GBP,800.00,']);
    await book.daily('2026-03-01', '2026-04-05', async (day) => {
      if (day === '2026-03-04') await book.hold(day, 'B-1', 'disputes the delivery charge');
      if (day === '2026-03-20') await book.release(day, 'B-1', 'agreed: the charge stands');
    });
    expect(book.diary).toEqual({
      '2026-03-01': ['bakery:reminder'],
      '2026-03-20': ['bakery:second-reminder'], // the day it is released, not the reminder again
      '2026-03-30': ['bakery:final-notice'],
    });
    expect(book.reports['2026-03-08']!.skipped).toEqual([{ customer: 'bakery', name: 'Corner Bakery', reason: 'hold' }]);
    book.close();
  });

  it('lifts a hold with an end date by itself, the day after it ends', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['B-1,bakery,Corner Bakery,hi@bakery.example,2026-01-01,2026-02-01,GBP,800.00,']);
    await book.daily('2026-03-01', '2026-03-14', async (day) => {
      if (day === '2026-03-02') await book.hold(day, 'bakery', 'cheque in the post', '2026-03-12');
    });
    expect(book.diary).toEqual({ '2026-03-01': ['bakery:reminder'], '2026-03-13': ['bakery:second-reminder'] });
    const timeline = (await book.show('2026-03-14', 'bakery')).timeline.map((e) => `${e.on} ${e.kind}`);
    expect(timeline).toContain('2026-03-13 release');
    book.close();
  });
});

describe('a payment plan', () => {
  it('pauses dunning while installments come in, and resumes where it stood when one is missed, saying so', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['P-1,delta,Delta Print,ops@delta.example,2026-01-01,2026-02-01,GBP,900.00,']);
    await book.daily('2026-03-01', '2026-04-06', async (day) => {
      if (day === '2026-03-03') await book.arrange(day, { customer: 'delta', installments: '3', every: 'week', start: '2026-03-06' });
      if (day === '2026-03-06') await book.pay(day, 'P-1', '300.00');
      if (day === '2026-03-15') await book.pay(day, 'P-1', '300.00'); // due 03-13, inside the 3 days' grace
      // The third, due 03-20, never comes: missed once its grace has run out (03-24).
    });
    expect(book.diary).toEqual({
      '2026-03-01': ['delta:reminder'],
      '2026-03-24': ['delta:second-reminder'], // not the reminder again, not the final notice
      '2026-04-03': ['delta:final-notice'],
    });
    expect(book.reports['2026-03-08']!.skipped).toEqual([{ customer: 'delta', name: 'Delta Print', reason: 'plan' }]);
    expect(book.reports['2026-03-24']!.letters[0]!.total).toEqual([{ currency: 'GBP', minor: 30000, amount: '300.00' }]);
    const missed = book.db.prepare("SELECT data FROM events WHERE kind = 'letter' ORDER BY id").all() as { data: string }[];
    expect(missed.map((e) => JSON.parse(e.data).planMissed)).toEqual([false, true, false]); // said once, in the first letter after
    const show = await book.show('2026-04-06', 'delta');
    expect(show.plan).toMatchObject({ state: 'missed', missedOn: '2026-03-24', installments: [{ paid: true }, { paid: true }, { paid: false }] });
    book.close();
  });

  it('closes itself when completed, and a promise to pay kept is a plan of one', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['P-1,delta,Delta Print,ops@delta.example,2026-01-01,2026-02-01,GBP,900.00,']);
    await book.daily('2026-03-01', '2026-03-20', async (day) => {
      if (day === '2026-03-02') await book.arrange(day, { customer: 'delta', start: '2026-03-13' }); // "by Friday week"
      if (day === '2026-03-13') await book.pay(day, 'P-1', '900.00');
    });
    expect(book.diary).toEqual({ '2026-03-01': ['delta:reminder'], '2026-03-13': ['delta:thank-you'] });
    const kinds = (book.db.prepare("SELECT kind FROM events WHERE customer_id = 'delta' ORDER BY id").pluck().all() as string[]).filter((k) => k.startsWith('plan'));
    expect(kinds).toEqual(['plan', 'plan-completed']);
    book.close();
  });
});
