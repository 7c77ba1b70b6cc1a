import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, writeCsv } from '../helpers.js';
import { AS_OF, deskLedger, eventsOf } from './desk-fixtures.js';

describe('dunning handoff', () => {
  it('tells the agency what the customer did pay, never "neither paid"', () => {
    const dir = deskLedger();
    dunning(dir, ['run', '--as-of', AS_OF]);
    expect(dunning(dir, ['pay', 'K-1', '200.00', '--as-of', AS_OF]).code).toBe(0);
    const r = dunning(dir, ['handoff', 'kestrel', '--force', '--as-of', AS_OF, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const cover = readFileSync(join(JSON.parse(r.stdout).dir, 'cover-note.txt'), 'utf8');
    expect(cover).toContain('The customer has paid part of what was owed (see the invoices below), and no payment arrangement was agreed.');
    expect(cover).not.toContain('neither paid');
    expect(cover).toContain('The outstanding amount is £750.00.');
  });

  it('writes the package for the agency: cover note, statement, invoices, every contact with its letter, the audit extract, checksums', () => {
    const dir = deskLedger();
    dunning(dir, ['run', '--as-of', AS_OF]);
    const r = dunning(dir, ['handoff', 'kestrel', '--force', '--as-of', AS_OF, '--note', 'They have moved offices twice this year.', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const pkg = join(dir, 'handoff', `kestrel-${AS_OF}`);
    expect(report).toMatchObject({ customer: 'kestrel', dir: pkg, letters: 1, outstanding: [{ currency: 'GBP', minor: 95000, amount: '950.00' }], forced: true, reached: 'reminder', held: true });
    expect(readdirSync(pkg).sort()).toEqual(['SHA256SUMS', 'audit.csv', 'contacts.csv', 'cover-note.html', 'cover-note.txt', 'invoices.csv', 'letters', 'payments.csv', 'statement.txt']);

    const cover = readFileSync(join(pkg, 'cover-note.txt'), 'utf8');
    expect(cover).toContain('Subject: Account of Kestrel Events: hand-off for recovery');
    expect(cover).toContain('The outstanding amount is £950.00.');
    expect(cover).toContain('They have moved offices twice this year.');
    // The history is the ledger's: one reminder, nothing invented; and the note says it is early.
    expect(cover).toContain(`Our contacts with the customer, from our records:\n\n  3/2/2026: reminder by email\n`);
    expect(cover).not.toContain('courtesy');
    expect(cover).not.toContain('final notice');
    expect(cover).toContain('before our letters have run their course (the last step taken: reminder)');
    // Nothing paid, no arrangement: and the note says exactly that.
    expect(cover).toContain('The customer has made no payment towards the invoices below, and no payment arrangement was agreed.');
    expect(readFileSync(join(pkg, 'statement.txt'), 'utf8')).toContain('Outstanding GBP: 950.00');
    expect(readFileSync(join(pkg, 'invoices.csv'), 'utf8')).toContain('K-1,2025-10-01,2025-11-01,GBP,950.00,0.00,950.00,open,reminder');

    // The letter copied is byte for byte the one the trail recorded.
    const [letter] = eventsOf(dir, 'letter').filter((e) => e.customer_id === 'kestrel');
    const { path, sha256 } = (letter!.data.files as { path: string; sha256: string }[])[0]!;
    const copy = join(pkg, 'letters', path.split('/')[1]!);
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(sha256);
    expect(readFileSync(join(pkg, 'contacts.csv'), 'utf8')).toContain(`${AS_OF},letter,email,reminder,K-1,,,letters/${path.split('/')[1]},${sha256}`);

    // Only this customer's events in the extract.
    const audit = readFileSync(join(pkg, 'audit.csv'), 'utf8').trimEnd().split('\r\n');
    expect(audit.slice(1).map((l) => l.split(',')[4])).toEqual(['kestrel']);

    // Every file is listed in SHA256SUMS with its hash (sha256sum -c checks it).
    for (const line of readFileSync(join(pkg, 'SHA256SUMS'), 'utf8').trimEnd().split('\n')) {
      const [hash, name] = line.split('  ');
      expect(createHash('sha256').update(readFileSync(join(pkg, name!))).digest('hex'), name).toBe(hash);
    }
    expect(eventsOf(dir, 'handoff')).toMatchObject([{ customer_id: 'kestrel', data: { dir: pkg, letters: 1 } }]);
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
  });

  it('lists every payment, first what the export said was paid before the import (it has no day)', () => {
    const dir = deskLedger();
    const more = writeCsv(dir, 'more.csv', ['K-2,kestrel,Kestrel Events,k@kestrel.example,2025-11-01,2025-12-01,GBP,400.00,100.00'], 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid');
    expect(dunning(dir, ['import', more, '--as-of', AS_OF]).code).toBe(0);
    expect(dunning(dir, ['pay', 'K-2', '50.00', '--date', '2026-02-14', '--ref', 'BACS 881', '--as-of', AS_OF]).code).toBe(0);
    const r = dunning(dir, ['handoff', 'kestrel', '--force', '--as-of', AS_OF, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outstanding).toEqual([{ currency: 'GBP', minor: 120000, amount: '1200.00' }]);
    const pkg = join(dir, 'handoff', `kestrel-${AS_OF}`);
    expect(readFileSync(join(pkg, 'payments.csv'), 'utf8')).toBe(
      'invoice,paid_on,currency,amount,reference,source\r\nK-2,,GBP,100.00,paid before import,import\r\nK-2,2026-02-14,GBP,50.00,BACS 881,manual\r\n',
    );
    expect(readFileSync(join(pkg, 'invoices.csv'), 'utf8')).toContain('K-2,2025-11-01,2025-12-01,GBP,400.00,150.00,250.00,open,');
  });

  it('needs --force below the hand-off stage (exit 2, nothing written or recorded)', () => {
    const dir = deskLedger();
    dunning(dir, ['run', '--as-of', AS_OF]);
    const early = dunning(dir, ['handoff', 'kestrel', '--as-of', AS_OF]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('kestrel stands at reminder, below the hand-off stage');
    expect(early.stderr).toContain('dunning handoff kestrel --force');
    expect(eventsOf(dir, 'handoff')).toEqual([]);
    expect(eventsOf(dir, 'hold')).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('handoff'))).toEqual([]);
  });

  it('puts the customer on hold ("handed off") so run writes to them no more; --no-hold leaves it to you and says how', () => {
    const dir = deskLedger();
    const first = dunning(dir, ['handoff', 'kestrel', '--force', '--to', join(dir, 'first'), '--as-of', AS_OF]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('kestrel is on hold ("handed off")');
    expect(eventsOf(dir, 'hold')).toMatchObject([{ customer_id: 'kestrel', data: { reason: 'handed off' } }]);
    const run = JSON.parse(dunning(dir, ['run', '--as-of', AS_OF, '--json']).stdout);
    expect(run.letters.filter((l: { customer: string }) => l.customer === 'kestrel')).toEqual([]);

    const other = deskLedger();
    const loose = dunning(other, ['handoff', 'kestrel', '--force', '--no-hold', '--as-of', AS_OF, '--json']);
    expect(JSON.parse(loose.stdout)).toMatchObject({ held: false, onHold: false });
    expect(eventsOf(other, 'hold')).toEqual([]);
    expect(dunning(other, ['handoff', 'kestrel', '--force', '--no-hold', '--to', join(other, 'again'), '--as-of', AS_OF]).stderr).toContain('dunning hold kestrel --reason "with the agency"');
  });

  it('never overwrites a folder with something in it, and refuses an unknown customer (exit 2, nothing recorded)', () => {
    const dir = deskLedger();
    const to = join(dir, 'agency');
    mkdirSync(to);
    writeFileSync(join(to, 'keep.txt'), 'mine');
    const busy = dunning(dir, ['handoff', 'kestrel', '--force', '--to', to, '--as-of', AS_OF]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('never overwrites');
    expect(readdirSync(to)).toEqual(['keep.txt']);
    const unknown = dunning(dir, ['handoff', 'nobody', '--as-of', AS_OF]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nobody: no such customer');
    expect(eventsOf(dir, 'handoff')).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('handoff'))).toEqual([]);
  });
});
