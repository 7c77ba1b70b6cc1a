import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, dunning, tempDir, writeCsv } from '../helpers.js';

/** Acme owes 1,200.00 GBP (A-1, 29 days late on 2 March) and 300.00 GBP (A-2, not yet due). */
function acmeBooks(): string {
  const dir = tempDir();
  configure(dir);
  const file = writeCsv(dir, 'i.csv', [
    'A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-01,GBP,1200.00,',
    'A-2,acme,Acme Ltd,ap@acme.example,2026-02-15,2026-03-15,GBP,300.00,',
    'Z-1,zed,Zed & Co,z@zed.example,2026-01-01,2026-02-01,EUR,50.00,',
  ]);
  expect(dunning(dir, ['import', file, '--as-of', '2026-03-02']).code).toBe(0);
  return dir;
}

function eventKinds(dir: string, customer: string): string[] {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare('SELECT kind FROM events WHERE customer_id = ? ORDER BY id').pluck().all(customer) as string[];
  } finally {
    db.close();
  }
}

const json = (dir: string, args: string[]) => {
  const r = dunning(dir, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('dunning pay', () => {
  it('records a part payment with its event, and show has the new balance', () => {
    const dir = acmeBooks();
    const r = json(dir, ['pay', 'A-1', '200.00', '--ref', 'BACS 1', '--as-of', '2026-03-02']);
    expect(r).toMatchObject({ invoice: 'A-1', customer: 'acme', on: '2026-03-02', paidInFull: false, balance: { minor: 100000 } });
    expect(eventKinds(dir, 'acme')).toEqual(['payment']);
    const show = json(dir, ['show', 'A-1', '--as-of', '2026-03-02']);
    expect(show.invoices[0]).toMatchObject({ number: 'A-1', paid: { minor: 20000 }, balance: { minor: 100000 } });
  });

  it.each([
    [['pay', 'NOPE', '10.00'], 'no such invoice'],
    [['pay', 'A-1', '12.345'], 'more decimal places than GBP allows'],
    [['pay', 'A-1', '1500.00'], 'more than the 1200.00 GBP still open'],
    [['pay', 'A-1', '0'], 'must be more than zero'],
    [['pay', 'A-1', '10.00', '--date', '2026-03-09'], 'is after 2026-03-02'],
  ])('refuses %j with exit 2 and writes nothing', (args, message) => {
    const dir = acmeBooks();
    const r = dunning(dir, [...args, '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(eventKinds(dir, 'acme')).toEqual([]);
  });
});

describe('dunning hold and release', () => {
  it('holds one invoice in dispute: run skips it, release resumes, each an event', () => {
    const dir = acmeBooks();
    json(dir, ['hold', 'A-1', '--reason', 'disputes the hours billed', '--as-of', '2026-03-02']);
    const held = json(dir, ['run', '--as-of', '2026-03-02']);
    expect(held.skipped).toContainEqual(expect.objectContaining({ customer: 'acme', reason: 'hold' }));
    expect(json(dir, ['show', 'acme', '--as-of', '2026-03-02']).holds).toMatchObject([{ invoice: 'A-1', reason: 'disputes the hours billed', until: null }]);
    expect(json(dir, ['release', 'A-1', '--reason', 'agreed', '--as-of', '2026-03-03'])).toMatchObject({ released: 1 });
    const resumed = json(dir, ['run', '--as-of', '2026-03-03']);
    expect(resumed.letters).toMatchObject([{ customer: 'acme', stage: 'reminder', invoices: ['A-1'] }]);
    expect(eventKinds(dir, 'acme')).toEqual(['hold', 'release', 'letter']);
  });

  it('shows the hold that keeps a customer out of a back-dated plan, even one placed later', () => {
    const dir = acmeBooks();
    json(dir, ['hold', 'acme', '--reason', 'owner in hospital', '--as-of', '2026-03-10']);
    expect(json(dir, ['run', '--dry-run', '--as-of', '2026-03-05']).skipped).toContainEqual(expect.objectContaining({ customer: 'acme', reason: 'hold' }));
    expect(json(dir, ['show', 'acme', '--as-of', '2026-03-05']).holds).toMatchObject([{ invoice: null, reason: 'owner in hospital', placedOn: '2026-03-10' }]);
  });

  it('needs a reason, refuses an end date in the past, and names an unknown target', () => {
    const dir = acmeBooks();
    expect(dunning(dir, ['hold', 'acme', '--as-of', '2026-03-02']).code).toBe(2);
    const past = dunning(dir, ['hold', 'acme', '--reason', 'x', '--until', '2026-03-01', '--as-of', '2026-03-02']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--until 2026-03-01: is before 2026-03-02');
    const unknown = dunning(dir, ['hold', 'nobody', '--reason', 'x', '--as-of', '2026-03-02']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nobody": no such customer or invoice');
  });
});

describe('dunning arrange', () => {
  it('agrees three monthly installments over what is owed in GBP; run pauses those invoices', () => {
    const dir = acmeBooks();
    const plan = json(dir, ['arrange', 'acme', '--installments', '3', '--every', 'month', '--start', '2026-03-10', '--as-of', '2026-03-02']);
    expect(plan).toMatchObject({ customer: 'acme', status: 'active', currency: 'GBP', invoices: ['A-1', 'A-2'], total: { minor: 150000 }, graceDays: 3 });
    expect(plan.installments.map((i: { dueOn: string; amount: { minor: number } }) => [i.dueOn, i.amount.minor])).toEqual([
      ['2026-03-10', 50000],
      ['2026-04-10', 50000],
      ['2026-05-10', 50000],
    ]);
    // The customer gets a confirmation of the schedule; the ladder neither climbs nor restarts.
    expect(plan.letter.file).toMatch(/outbox\/2026-03-02\/\d{4}-acme-ltd-plan-confirmation\.eml$/);
    expect(readFileSync(plan.letter.file, 'utf8')).toContain('Subject: Your payment plan');
    expect(json(dir, ['show', 'A-1', '--as-of', '2026-03-02']).invoices[0].stage).toBeNull();
    expect(json(dir, ['run', '--as-of', '2026-03-02']).skipped).toContainEqual(expect.objectContaining({ customer: 'acme', reason: 'plan' }));
    const again = dunning(dir, ['arrange', 'acme', '--start', '2026-03-10', '--as-of', '2026-03-02']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has a payment plan');
    expect(json(dir, ['arrange', 'acme', '--cancel', '--as-of', '2026-03-03']).status).toBe('cancelled');
    // The confirmation was a contact: the reminder waits its 7 days from it.
    expect(json(dir, ['run', '--as-of', '2026-03-03']).skipped).toContainEqual(expect.objectContaining({ customer: 'acme', reason: 'min-interval' }));
    expect(json(dir, ['run', '--as-of', '2026-03-09']).letters.find((l: { customer: string }) => l.customer === 'acme')).toMatchObject({ stage: 'reminder', invoices: ['A-1'] });
    expect(eventKinds(dir, 'acme')).toEqual(['plan', 'letter', 'plan-cancelled', 'letter']);
  });

  it('records a promise made on the phone without a letter when asked', () => {
    const dir = acmeBooks();
    const plan = json(dir, ['arrange', 'acme', '--start', '2026-03-06', '--no-letter', '--as-of', '2026-03-02']);
    expect(plan).toMatchObject({ installments: [{ seq: 1, dueOn: '2026-03-06', amount: { minor: 150000 } }], letter: { skipped: 'not-asked' } });
    expect(eventKinds(dir, 'acme')).toEqual(['plan']);
  });

  it('refuses a start in the past and a customer who owes nothing in that currency', () => {
    const dir = acmeBooks();
    expect(dunning(dir, ['arrange', 'acme', '--start', '2026-03-01', '--as-of', '2026-03-02']).stderr).toContain('is before 2026-03-02');
    expect(dunning(dir, ['arrange', 'acme', '--start', '2026-03-09', '--currency', 'EUR', '--as-of', '2026-03-02']).stderr).toContain('owes nothing in EUR');
    expect(dunning(dir, ['arrange', 'acme', '--as-of', '2026-03-02']).stderr).toContain('--start: give the day');
  });
});

describe('dunning note', () => {
  it('records a phone call that holds back the next letter for the contact interval', () => {
    const dir = acmeBooks();
    expect(json(dir, ['note', 'acme', 'Rang Sam: paying Friday', '--as-of', '2026-03-02'])).toMatchObject({ customer: 'acme', channel: 'phone', on: '2026-03-02' });
    expect(json(dir, ['run', '--as-of', '2026-03-02']).skipped).toContainEqual(expect.objectContaining({ customer: 'acme', reason: 'min-interval' }));
    const bad = dunning(dir, ['note', 'acme', 'x', '--channel', 'pigeon', '--as-of', '2026-03-02']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be one of phone, email, letter, meeting');
  });
});

describe('dunning show', () => {
  it('gives the account in full: invoices with their stage, balances per currency, plan, segment and the timeline', () => {
    const dir = acmeBooks();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    dunning(dir, ['pay', 'A-1', '1200.00', '--as-of', '2026-03-04']);
    dunning(dir, ['note', 'acme', 'Thanked them on the phone', '--as-of', '2026-03-04']);
    const s = json(dir, ['show', 'acme', '--as-of', '2026-03-05']);
    expect(s.customer).toMatchObject({ id: 'acme', name: 'Acme Ltd', email: 'ap@acme.example' });
    expect(s.invoices.map((i: { number: string; stage: string | null; balance: { minor: number } }) => [i.number, i.stage, i.balance.minor])).toEqual([
      ['A-1', 'reminder', 0],
      ['A-2', null, 30000],
    ]);
    expect(s.balances).toEqual([{ currency: 'GBP', open: { currency: 'GBP', minor: 30000, amount: '300.00' }, overdue: { currency: 'GBP', minor: 0, amount: '0.00' } }]);
    expect(s.segment).toEqual({ id: null, paidInvoices: 1, onTimePercent: 0, averageDaysLate: 31, extraGraceDays: 0 });
    expect(s.timeline.map((e: { on: string; kind: string }) => `${e.on} ${e.kind}`)).toEqual(['2026-03-02 letter', '2026-03-04 payment', '2026-03-04 note']);
    expect(s.next).toEqual({ action: 'letter', stage: 'thank-you', reason: null });

    const text = dunning(dir, ['show', 'acme', '--as-of', '2026-03-05']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Acme Ltd (acme) on 2026-03-05');
    expect(text.stdout).toContain('1 paid, 0% on time, 31 days late on average');
    expect(text.stdout).toMatch(/2026-03-04\s+note\s+note \(phone\): Thanked them on the phone/);
  });

  it('shows one invoice with only its own events', () => {
    const dir = acmeBooks();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    dunning(dir, ['pay', 'Z-1', '10.00', '--as-of', '2026-03-03']);
    const s = json(dir, ['show', 'Z-1', '--as-of', '2026-03-03']);
    expect(s.invoice).toBe('Z-1');
    expect(s.invoices.map((i: { number: string }) => i.number)).toEqual(['Z-1']);
    expect(s.timeline.map((e: { kind: string }) => e.kind)).toEqual(['letter', 'payment']);
    expect(dunning(dir, ['show', 'nobody']).code).toBe(2);
  });
});

describe('help for the account commands', () => {
  it.each(['show', 'pay', 'hold', 'release', 'arrange', 'note'])('dunning %s --help leads with examples', (cmd) => {
    const r = dunning(tempDir(), [cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Examples:\n  $ ')).toBe(true);
  });
});
