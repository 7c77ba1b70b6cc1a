import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { configure, dunning, tempDir as emptyDir, writeCsv } from '../helpers.js';

/** A folder whose config names a real business: `run` refuses the placeholders `init` writes. */
function tempDir(): string {
  const dir = emptyDir();
  configure(dir);
  return dir;
}

const HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,address';

/** A small book of debts, seen on 2026-03-02. */
function ledgerWithDebts(): string {
  const dir = tempDir();
  const file = writeCsv(
    dir,
    'invoices.csv',
    [
      'A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,1200.00,,', // 10 days late
      'A-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-27,USD,300.00,,', // 3 days late
      'B-1,bakery,The Corner Bakery,,2026-01-10,2026-02-01,GBP,80.00,,"1 High Street\nStroud"', // post only
      'C-1,cafe,Café Zoë,zoe@cafe.example,2026-02-01,2026-03-04,EUR,45.00,,', // due in 2 days
      'D-1,dormant,Dormant Co,,2026-01-01,2026-01-20,GBP,99.00,,', // no way to reach them
      'E-1,early,Early Payer,e@early.example,2026-01-01,2026-02-01,GBP,500.00,500.00,', // paid
    ],
    HEADER,
  );
  const r = dunning(dir, ['import', file, '--as-of', '2026-03-02']);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

function events(dir: string, kind: string): { data: string; customer_id: string | null }[] {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare('SELECT data, customer_id FROM events WHERE kind = ? ORDER BY id').all(kind) as { data: string; customer_id: string | null }[];
  } finally {
    db.close();
  }
}

describe('dunning run', () => {
  it('drafts one letter per customer, reports the --json contract, and records every letter', () => {
    const dir = ledgerWithDebts();
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.asOf).toBe('2026-03-02');
    expect(report.dryRun).toBe(false);
    const letters = Object.fromEntries(report.letters.map((l: { customer: string }) => [l.customer, l]));
    expect(Object.keys(letters).sort()).toEqual(['acme', 'bakery', 'cafe']);
    expect(letters.acme).toMatchObject({
      stage: 'reminder',
      channel: 'email',
      invoices: ['A-1', 'A-2'],
      total: [
        { currency: 'GBP', minor: 120000, amount: '1200.00' },
        { currency: 'USD', minor: 30000, amount: '300.00' },
      ],
    });
    expect(letters.bakery).toMatchObject({ stage: 'reminder', channel: 'letter', invoices: ['B-1'] });
    expect(letters.cafe).toMatchObject({ stage: 'courtesy', channel: 'email', invoices: ['C-1'] });
    expect(report.flagged).toEqual([{ customer: 'dormant', name: 'Dormant Co', reason: 'no-contact-details', invoices: [] }]);

    const day = join(dir, 'outbox', '2026-03-02');
    const files = readdirSync(day).sort();
    expect(files).toHaveLength(3);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expect(files.some((f) => /^\d{4}-the-corner-bakery-reminder\.html$/.test(f))).toBe(true);
    expect(statSync(day).mode & 0o777).toBe(0o700);

    // Every letter is an event carrying the SHA-256 of the file as written.
    const letterEvents = events(dir, 'letter').map((e) => JSON.parse(e.data));
    expect(letterEvents).toHaveLength(3);
    for (const e of letterEvents) {
      const f = e.files[0];
      expect(createHash('sha256').update(readFileSync(join(dir, 'outbox', f.path))).digest('hex')).toBe(f.sha256);
    }
    expect(events(dir, 'run')).toHaveLength(1);
  });

  it('writes .eml drafts a mail parser reads back, addressed to the customer with an accented name', async () => {
    const dir = ledgerWithDebts();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    const day = join(dir, 'outbox', '2026-03-02');
    const eml = readdirSync(day).find((f) => f.includes('cafe-zoe'))!;
    const mail = await simpleParser(readFileSync(join(day, eml)));
    expect(mail.to && 'value' in mail.to ? mail.to.value[0] : null).toEqual({ name: 'Café Zoë', address: 'zoe@cafe.example' });
    expect(mail.subject).toBe('Invoice C-1 due soon – a friendly heads-up');
    expect(mail.text).toContain('Dear Café Zoë');
    expect(mail.text).toContain('€45.00');
    expect(mail.html).toContain('<table>');
    expect(mail.headers.get('x-dunning-event')).toMatch(/^\d+$/);
  });

  it('drafts a morning of 300 letters, each file naming the event that records it', () => {
    // More letters than the run drafts in one batch (256: files first, then records): a full batch and a part one.
    const dir = tempDir();
    const rows = Array.from({ length: 300 }, (_, i) => {
      const id = `c${String(i).padStart(3, '0')}`;
      const post = i % 5 === 0;
      return `N-${i},${id},Customer ${i},${post ? '' : `${id}@shop.example`},2026-01-01,2026-02-20,GBP,10.00,,${post ? '"1 Mill Lane"' : ''}`;
    });
    expect(dunning(dir, ['import', writeCsv(dir, 'invoices.csv', rows, HEADER), '--as-of', '2026-03-02']).code).toBe(0);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).letters).toHaveLength(300);

    const db = new Database(join(dir, 'dunning.db'), { readonly: true });
    const recorded = db.prepare("SELECT id, customer_id, data FROM events WHERE kind = 'letter' ORDER BY id").all() as { id: number; customer_id: string; data: string }[];
    db.close();
    expect(recorded).toHaveLength(300);
    for (const e of recorded) {
      const file = JSON.parse(e.data).files[0] as { path: string; sha256: string };
      const body = readFileSync(join(dir, 'outbox', file.path));
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
      expect(file.path).toMatch(new RegExp(`^2026-03-02/${String(e.id).padStart(4, '0')}-customer-${e.customer_id.slice(1).replace(/^0+(?=\d)/, '')}-reminder\\.(eml|html)$`));
      if (file.path.endsWith('.eml')) expect(body.toString()).toContain(`X-Dunning-Event: ${e.id}\r\n`);
    }
    expect(readdirSync(join(dir, 'outbox', '2026-03-02'))).toHaveLength(300);
  });

  it('adds nothing when run twice for the same day', () => {
    const dir = ledgerWithDebts();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    const second = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.letters).toEqual([]);
    expect(readdirSync(join(dir, 'outbox', '2026-03-02'))).toHaveLength(3);
    expect(events(dir, 'letter')).toHaveLength(3);
    expect(events(dir, 'run')).toHaveLength(1);
  });

  it('never writes over a file already in the day’s outbox folder: the letter takes the next free name', () => {
    // The same ledger twice: the first shows the names the letters take.
    const twin = ledgerWithDebts();
    expect(dunning(twin, ['run', '--as-of', '2026-03-02']).code).toBe(0);
    const names = readdirSync(join(twin, 'outbox', '2026-03-02')).sort();

    const dir = ledgerWithDebts();
    const day = join(dir, 'outbox', '2026-03-02');
    mkdirSync(day, { recursive: true });
    for (const n of names) writeFileSync(join(day, n), 'kept by hand');
    expect(dunning(dir, ['run', '--as-of', '2026-03-02']).code).toBe(0);
    for (const n of names) expect(readFileSync(join(day, n), 'utf8')).toBe('kept by hand');
    const written = readdirSync(day).filter((n) => !names.includes(n)).sort();
    expect(written).toEqual(names.map((n) => n.replace(/\.(eml|html)$/, '-2.$1')).sort());
  });

  it('climbs one stage once the days since the last letter have passed', () => {
    const dir = ledgerWithDebts();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    const sixDays = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-08', '--json']).stdout);
    expect(sixDays.letters.map((l: { customer: string }) => l.customer)).toEqual([]);
    const week = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-09', '--json']).stdout);
    const acme = week.letters.find((l: { customer: string }) => l.customer === 'acme');
    expect(acme.stage).toBe('second-reminder'); // A-1 is now 17 days late
  });

  it('refuses a run dated before the last one (exit 2) and writes nothing', () => {
    const dir = ledgerWithDebts();
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('before the last run (2026-03-02)');
    expect(readdirSync(join(dir, 'outbox'))).toEqual(['2026-03-02']);
  });

  it('exits 4 when another run holds the ledger, and drafts nothing', () => {
    const dir = ledgerWithDebts();
    const other = new Database(join(dir, 'dunning.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('busy');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(() => readdirSync(join(dir, 'outbox', '2026-03-02'))).toThrow();
    expect(dunning(dir, ['run', '--as-of', '2026-03-02']).code).toBe(0);
  });

  it('shows the plan and writes nothing with --dry-run', () => {
    const dir = ledgerWithDebts();
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--dry-run', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.dryRun).toBe(true);
    expect(report.letters).toHaveLength(3);
    expect(report.letters.every((l: { files: string[] }) => l.files.length === 0)).toBe(true);
    expect(events(dir, 'letter')).toHaveLength(0);
  });

  it('flags an account for hand-off after the final notice instead of writing to the customer', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'old.csv', ['K-1,kestrel,Kestrel Events,k@kestrel.example,2025-10-01,2025-11-01,GBP,950.00,']);
    dunning(dir, ['import', file, '--as-of', '2026-01-01']);
    const stages: string[] = [];
    for (const day of ['2026-01-01', '2026-01-08', '2026-01-18', '2026-02-01']) {
      const r = JSON.parse(dunning(dir, ['run', '--as-of', day, '--json']).stdout);
      stages.push(...r.letters.map((l: { stage: string }) => l.stage), ...r.flagged.map((f: { reason: string }) => `flag:${f.reason}`));
    }
    expect(stages).toEqual(['reminder', 'second-reminder', 'final-notice', 'flag:handoff']);
    expect(events(dir, 'flag')).toHaveLength(1);
    const again = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-01', '--json']).stdout);
    expect(again.letters).toEqual([]);
    expect(again.flagged).toEqual([]);
  });

  it('names who is flagged and why even with --quiet (a cron log shows it), and who is held back without it', () => {
    const dir = ledgerWithDebts();
    const quiet = dunning(dir, ['run', '--as-of', '2026-03-02', '--quiet']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toContain('needs your decision: dormant (Dormant Co): has no email that reaches them (none on file, or it bounced) and no postal address');
    expect(quiet.stderr).not.toContain('drafted');
    expect(dunning(dir, ['hold', 'acme', '--reason', 'disputes the hours', '--as-of', '2026-03-03']).code).toBe(0);
    const next = dunning(dir, ['run', '--as-of', '2026-03-10']);
    expect(next.stderr).toContain('Not contacted today:');
    expect(next.stderr).toContain('  on hold: acme (Acme Ltd)');
    const status = dunning(dir, ['status', '--as-of', '2026-03-10']);
    expect(status.stdout).toContain('  flagged: dormant (Dormant Co): has no email that reaches them (none on file, or it bounced) and no postal address');
    expect(status.stdout).toContain('  held back, on hold: acme (Acme Ltd)');
  });

  it('flags a debt already more than a year overdue when first imported as stale, until the owner releases it or writes it off', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'old.csv', [
      'S-1,sleepy,Sleepy Ltd,s@sleepy.example,2024-12-01,2024-12-31,GBP,700.00,', // 426 days late on import
      'S-2,sleepy,Sleepy Ltd,s@sleepy.example,2025-01-01,2025-01-31,GBP,90.00,', // 395 days late on import
    ]);
    expect(dunning(dir, ['import', file, '--as-of', '2026-03-02']).code).toBe(0);
    const first = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    const report = JSON.parse(first.stdout);
    expect(report.letters).toEqual([]);
    expect(report.flagged).toEqual([{ customer: 'sleepy', name: 'Sleepy Ltd', reason: 'stale', invoices: ['S-1', 'S-2'] }]);
    expect(dunning(dir, ['run', '--as-of', '2026-03-03', '--quiet']).stderr).toContain('needs your decision: sleepy (Sleepy Ltd): already long overdue when first imported (S-1, S-2)');
    expect(dunning(dir, ['status', '--as-of', '2026-03-03']).stdout).toContain('flagged: sleepy (Sleepy Ltd): already long overdue');

    expect(dunning(dir, ['release', 'S-1', '--stale', '--as-of', '2026-03-04']).code).toBe(0);
    const off = dunning(dir, ['write-off', 'S-2', '--reason', 'not worth chasing', '--as-of', '2026-03-04']);
    expect(off.code, off.stderr).toBe(0);
    const next = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-04', '--json']).stdout);
    expect(next.flagged).toEqual([]);
    expect(next.letters.map((l: { stage: string; invoices: string[] }) => [l.stage, l.invoices])).toEqual([['reminder', ['S-1']]]);
    expect(events(dir, 'stale-release').map((e) => e.customer_id)).toEqual(['sleepy']);
    expect(JSON.parse(events(dir, 'write-off')[0]!.data)).toMatchObject({ reason: 'not worth chasing', on: '2026-03-04' });
    const status = JSON.parse(dunning(dir, ['status', '--as-of', '2026-03-04', '--json']).stdout);
    expect(status.totals.map((t: { open: { minor: number } }) => t.open.minor)).toEqual([70000]);
    const timeline = JSON.parse(dunning(dir, ['show', 'sleepy', '--as-of', '2026-03-04', '--json']).stdout).timeline.map((e: { summary: string }) => e.summary);
    expect(timeline).toContain('S-1 released from stale: dunned from 2026-03-04');
    expect(timeline).toContain('S-2 written off: not worth chasing');
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
  });

  it('refuses an --as-of after tomorrow (exit 2, nothing written) unless it is only a --dry-run look', () => {
    const dir = ledgerWithDebts();
    const typo = dunning(dir, ['run', '--as-of', '2062-03-02']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--as-of 2062-03-02: is after tomorrow');
    expect(events(dir, 'run')).toEqual([]);
    const look = dunning(dir, ['run', '--as-of', '2062-03-02', '--dry-run', '--json']);
    expect(look.code, look.stderr).toBe(0);
    expect(JSON.parse(look.stdout).dryRun).toBe(true);
  });

  it('takes back the last run with --undo-last (an event), so a mistyped date no longer blocks the runs after it', () => {
    const dir = ledgerWithDebts();
    const wrong = JSON.parse(dunning(dir, ['run', '--as-of', '2026-04-20', '--json']).stdout); // meant 2026-03-02
    expect(wrong.letters.length).toBeGreaterThan(0);
    expect(dunning(dir, ['run', '--as-of', '2026-03-02']).code).toBe(2); // before the last run
    const undo = dunning(dir, ['run', '--undo-last', '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ asOf: '2026-04-20', contacts: wrong.letters.length + wrong.flagged.filter((f: { reason: string }) => f.reason === 'handoff').length });
    expect(events(dir, 'run-undone')).toHaveLength(1);
    // The right day now runs, and its letters are the first steps again (the undone ones do not count).
    const right = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-02', '--json']).stdout);
    expect(right.letters.map((l: { customer: string; stage: string }) => `${l.customer}:${l.stage}`).sort()).toEqual(['acme:reminder', 'bakery:reminder', 'cafe:courtesy']);
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
    expect(dunning(dir, ['run', '--undo-last']).code).toBe(0);
    expect(dunning(dir, ['run', '--undo-last']).stderr).toContain('there is no run to undo');
  });

  it('will not undo a run whose letter has been sent', () => {
    const dir = ledgerWithDebts();
    const r = JSON.parse(dunning(dir, ['run', '--as-of', '2026-03-02', '--json']).stdout);
    const sent = dunning(dir, ['mark-sent', r.letters[0].files[0], '--as-of', '2026-03-02']);
    expect(sent.code, sent.stderr).toBe(0);
    const undo = dunning(dir, ['run', '--undo-last']);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toContain('cannot be undone: 1 of its letters has been sent');
    expect(events(dir, 'run-undone')).toEqual([]);
  });

  it('thanks a customer who paid in full after a reminder, once', () => {
    const dir = tempDir();
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid';
    dunning(dir, ['import', writeCsv(dir, 'jan.csv', ['M-1,maple,Maple & Co,office@maple.example,2026-01-01,2026-01-20,GBP,720.00,'], header), '--as-of', '2026-01-23']);
    expect(JSON.parse(dunning(dir, ['run', '--as-of', '2026-01-23', '--json']).stdout).letters[0].stage).toBe('reminder');
    dunning(dir, ['import', writeCsv(dir, 'feb.csv', ['M-1,maple,Maple & Co,office@maple.example,2026-01-01,2026-01-20,GBP,720.00,720.00'], header), '--as-of', '2026-01-25']);
    const thanks = JSON.parse(dunning(dir, ['run', '--as-of', '2026-01-25', '--json']).stdout);
    expect(thanks.letters).toMatchObject([{ customer: 'maple', stage: 'thank-you', invoices: ['M-1'], total: [{ currency: 'GBP', minor: 72000 }] }]);
    expect(JSON.parse(dunning(dir, ['run', '--as-of', '2026-01-26', '--json']).stdout).letters).toEqual([]);
  });

  it('prints customer data containing {{ }} as it is, never evaluating it, and escapes it in HTML', () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'odd.csv', ['X-1,odd,"{{business.name}} <b>Bold</b> & Co",,2026-01-01,2026-02-20,GBP,10.00,,"{{#each x}}"'], HEADER);
    dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    expect(dunning(dir, ['run', '--as-of', '2026-03-02']).code).toBe(0);
    const day = join(dir, 'outbox', '2026-03-02');
    const html = readFileSync(join(day, readdirSync(day)[0]!), 'utf8');
    expect(html).toContain('{{business.name}} &lt;b&gt;Bold&lt;/b&gt; &amp; Co');
    expect(html).toContain('{{#each x}}');
    expect(html).not.toContain('<b>Bold</b>');
  });
});
