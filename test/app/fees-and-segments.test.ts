import { describe, expect, it } from 'vitest';
import { planAccount } from '../../src/domain/plan.js';
import { loadConfig } from '../../src/app/config.js';
import { loadAccounts } from '../../src/ledger/accounts.js';
import { letterContext } from '../../src/letters/context.js';
import { Book } from './book.js';

const UK = {
  fees: {
    stages: { 'second-reminder': { fixed: { GBP: '10.00' } } },
    statutory: { regime: 'uk', referenceRate: '4.00', fromStage: 'final-notice' },
  },
};

describe('late fees and statutory interest, when the owner turns them on', () => {
  it('charges each invoice once per stage, itemises them on the letter and in show, and records them', async () => {
    const book = new Book(UK);
    await book.invoices('2026-03-01', ['F-1,fox,Fox Studio,f@fox.example,2025-12-31,2026-01-30,GBP,2000.00,']);
    await book.daily('2026-03-01', '2026-03-20');
    expect(book.diary).toEqual({ '2026-03-01': ['fox:reminder'], '2026-03-08': ['fox:second-reminder'], '2026-03-18': ['fox:final-notice'] });

    const show = await book.show('2026-03-20', 'fox');
    expect(show.fees.map((f) => [f.chargedOn, f.stage, f.kind, f.amount.minor])).toEqual([
      ['2026-03-08', 'second-reminder', 'fee', 1000],
      // 200000 × 12% × 47 days / 365 = 3090.41 → 3090, rounded down
      ['2026-03-18', 'final-notice', 'interest', 3090],
      ['2026-03-18', 'final-notice', 'compensation', 7000],
    ]);
    expect(show.feeTotals).toEqual([{ currency: 'GBP', minor: 11090, amount: '110.90' }]);
    const finalEvent = book.db.prepare("SELECT data FROM events WHERE kind = 'letter' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(finalEvent).fees.map((f: { kind: string }) => f.kind)).toEqual(['interest', 'compensation']);
    book.close();
  });

  it('fills the letter context with every fee on the listed invoices and their totals', async () => {
    const book = new Book(UK);
    await book.invoices('2026-03-01', ['F-1,fox,Fox Studio,f@fox.example,2025-12-31,2026-01-30,GBP,2000.00,']);
    await book.daily('2026-03-01', '2026-03-17');
    const loaded = await loadConfig(book.ws.configPath);
    const account = loadAccounts(book.db, '2026-03-18')[0]!;
    const d = planAccount(account, loaded.policy, '2026-03-18');
    if (!d || !('letter' in d)) throw new Error('expected the final notice');
    const ctx = letterContext(d.letter, account.customer, loaded.business, '2026-03-18', 'en-GB');
    expect(ctx.fees.map((f) => [f.kind, f.minor])).toEqual([
      ['fee', 1000],
      ['interest', 3090],
      ['compensation', 7000],
    ]);
    expect(ctx.feeTotals).toEqual([{ currency: 'GBP', minor: 11090 }]);
    expect(ctx.plan).toBeNull();
    book.close();
  });

  it('charges nothing by default', async () => {
    const book = new Book();
    await book.invoices('2026-03-01', ['F-1,fox,Fox Studio,f@fox.example,2025-12-31,2026-01-30,GBP,2000.00,']);
    await book.daily('2026-03-01', '2026-03-20');
    expect((await book.show('2026-03-20', 'fox')).fees).toEqual([]);
    book.close();
  });
});

describe('segments by payment history', () => {
  it('gives a customer who always paid on time seven more days before the first reminder, and says so in show', async () => {
    const book = new Book({ segments: [{ id: 'reliable', minPaidInvoices: 2, minOnTimePercent: 100, extraGraceDays: 7 }] });
    await book.invoices('2026-01-01', [
      'R-1,rel,Reliable Ltd,r@rel.example,2025-11-01,2025-12-01,GBP,100.00,',
      'R-2,rel,Reliable Ltd,r@rel.example,2025-12-01,2025-12-31,GBP,100.00,',
      'R-3,rel,Reliable Ltd,r@rel.example,2026-02-01,2026-03-01,GBP,100.00,',
      'S-1,slow,Slow Co,s@slow.example,2026-02-01,2026-03-01,GBP,100.00,',
    ]);
    await book.pay('2025-11-30', 'R-1', '100.00');
    await book.pay('2025-12-31', 'R-2', '100.00');
    await book.daily('2026-03-02', '2026-03-12');
    expect(book.diary).toEqual({ '2026-03-04': ['slow:reminder'], '2026-03-11': ['rel:reminder'] });
    expect((await book.show('2026-03-12', 'rel')).segment).toEqual({ id: 'reliable', paidInvoices: 2, onTimePercent: 100, averageDaysLate: 0, extraGraceDays: 7 });
    book.close();
  });
});

describe('a letter voided after it charged a fee', () => {
  it('takes its charges with it: the next letter at that stage charges them afresh, still once', async () => {
    const book = new Book(UK);
    await book.invoices('2026-03-01', ['F-1,fox,Fox Studio,f@fox.example,2025-12-31,2026-01-30,GBP,2000.00,']);
    await book.daily('2026-03-01', '2026-03-08');
    const charged = () => book.db.prepare('SELECT stage, amount_minor, contact_id FROM fees').all() as { contact_id: number }[];
    expect(charged()).toHaveLength(1);
    // The owner voids the second reminder (the desk's job); the invoice falls back to the reminder.
    const voided = charged()[0]!.contact_id;
    book.db.prepare('UPDATE contacts SET voided = 1 WHERE id = ?').run(voided);
    expect((await book.show('2026-03-09', 'fox')).fees).toEqual([]);
    await book.run('2026-03-15');
    expect(book.diary['2026-03-15']).toEqual(['fox:second-reminder']);
    const again = charged();
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ stage: 'second-reminder', amount_minor: 1000 });
    expect(again[0]!.contact_id).not.toBe(voided);
    book.close();
  });
});
