import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { writeDraft } from '../../src/app/draft.js';
import { lastContactId } from '../../src/ledger/contacts.js';
import { Book } from './book.js';

// A final notice that goes on paper and carries the statutory charges: where the desk's own copy
// of the rules once wrote it by email and without them.
const PAPER_FINAL_WITH_FEES = {
  stages: [
    { id: 'courtesy', daysFromDue: -3, minDaysSinceLastContact: 0, template: 'courtesy', action: 'letter' },
    { id: 'reminder', daysFromDue: 3, minDaysSinceLastContact: 7, template: 'reminder', action: 'letter' },
    { id: 'second-reminder', daysFromDue: 14, minDaysSinceLastContact: 7, template: 'second-reminder', action: 'letter' },
    { id: 'final-notice', daysFromDue: 30, minDaysSinceLastContact: 10, template: 'final-notice', action: 'letter', channel: 'letter' },
    { id: 'handoff', daysFromDue: 60, minDaysSinceLastContact: 14, template: 'handoff', action: 'flag' },
  ],
  fees: { stages: { 'second-reminder': { fixed: { GBP: '10.00' } } }, statutory: { regime: 'uk', referenceRate: '4.00', fromStage: 'final-notice' } },
};

async function bookAtTheEveOfTheFinalNotice(): Promise<Book> {
  const book = new Book(PAPER_FINAL_WITH_FEES);
  await book.invoices('2026-03-01', [
    'F-1,fox,Fox Studio,f@fox.example,2025-12-31,2026-01-30,GBP,2000.00,',
    'F-2,fox,Fox Studio,f@fox.example,2026-02-01,2026-03-03,GBP,300.00,', // joins later, as also open
  ]);
  await book.daily('2026-03-01', '2026-03-17');
  return book;
}

describe('the desk and run write the same letter for the same choice', () => {
  it('a final notice chosen at the desk is byte for byte the one run drafts: on paper, with its charges, the newer invoice also open', async () => {
    const byRun = await bookAtTheEveOfTheFinalNotice();
    const atDesk = await bookAtTheEveOfTheFinalNotice();
    const moment = byRun.moment('2026-03-18');

    const report = await byRun.run('2026-03-18');
    expect(report.letters.map((l) => [l.customer, l.stage, l.channel])).toEqual([['fox', 'final-notice', 'letter']]);
    const loaded = await loadConfig(atDesk.ws.configPath);
    const drafted = await writeDraft(atDesk.db, atDesk.ws, loaded, moment, { customerId: 'fox', stage: 'final-notice', personalNote: null, seenContact: lastContactId(atDesk.db, 'fox') });

    const fromRun = readFileSync(report.letters[0]!.files[0]!);
    expect(drafted.path.endsWith('.html')).toBe(true);
    // Two ledgers, so each letter names its own ledger's id; apart from that line, byte for byte.
    const own = (text: string) => text.replace(/<meta name="dunning-ledger" content="[^"]*">/, '');
    expect(own(readFileSync(drafted.path, 'utf8'))).toBe(own(fromRun.toString('utf8')));
    const text = fromRun.toString('utf8');
    expect(text).toContain('Interest at 12% a year for 47 days');
    expect(text).toContain('Also open');
    // "Final" only about F-1, which had every earlier step: the agency is named for it alone, and
    // it asks for F-1 with its own charges: £2,000.00 + £10.00 fee + £30.90 interest + £70.00 compensation.
    const plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(plain).toMatch(/Please pay the invoice this notice concerns \(£2,110\.90\) by .*we will pass that invoice to a collection agency/);
    expect(plain).not.toContain('pass the account to a collection agency');
    expect(plain).toMatch(/Final notice: £2,110\.90 due by/);
    // The same record too: the contact's invoices and the charges.
    const recorded = (b: Book) => b.db.prepare("SELECT data FROM events WHERE kind = 'letter' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    // (the run's id aside, and the file's digest, which covers the ledger id above)
    const strip = (data: string) => ({ ...JSON.parse(data), run: null, files: JSON.parse(data).files.map((f: { path: string }) => f.path) });
    expect(strip(recorded(atDesk))).toEqual(strip(recorded(byRun)));
    byRun.close();
    atDesk.close();
  });
});
