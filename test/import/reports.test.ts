import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/import.js';
import { openLedger } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

/** Accounting reports as the owner exports them, read for what the customer still owes. */
const moment = { asOf: '2026-03-02', stamp: { at: '2026-03-02T08:00:00.000Z', actor: 'test' } };
const AGING = [
  'Craft & Co Studio',
  'A/R Aging Detail',
  'As of March 1, 2026',
  '',
  ',Date,Transaction type,Num,Name,Memo,Due date,Amount,Open balance',
  ',01/14/2026,Invoice,1038,Bright Ideas LLC,,02/13/2026,950.00,450.00',
  ',01/25/2026,Payment,,Bright Ideas LLC,,,-50.00,-50.00',
  ',01/26/2026,Payment,,Bright Ideas LLC,,,-80.00,0.00',
  ',TOTAL,,,,,,$820.00,$400.00',
].join('\r\n');

describe('a QuickBooks aging report', () => {
  it('takes a payment not yet applied as a credit on the account, and one fully applied as nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'aging.csv'), AGING);
    const db = openLedger(join(dir, 'dunning.db'));
    const first = await importFiles(db, [join(dir, 'aging.csv')], moment, { currency: 'USD' });
    expect(first.invoices.added).toBe(2);
    const numbers = db.prepare('SELECT number, amount_minor FROM invoices ORDER BY number').all();
    expect(numbers).toEqual([
      { number: '1038', amount_minor: 95000 },
      { number: 'payment 2026-01-25 50.00 Bright Ideas LLC', amount_minor: -5000 },
    ]);
    // The next export names the same payment the same way: nothing new.
    writeFileSync(join(dir, 'aging.csv'), `${AGING}\r\n`);
    const again = await importFiles(db, [join(dir, 'aging.csv')], { ...moment, asOf: '2026-03-03' }, { currency: 'USD' });
    db.close();
    expect(again.invoices).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });
});
