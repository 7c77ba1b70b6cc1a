import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, dunning, ROOT, TEST_BUSINESS, tempDir, writeCsv } from '../helpers.js';

describe('dunning status', () => {
  it('gives aging buckets per currency and each customer with its stage, as the --json contract', () => {
    const dir = tempDir();
    configure(dir);
    const file = writeCsv(dir, 'i.csv', [
      'A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,1200.00,200.00', // 10 days late
      'A-2,acme,Acme Ltd,ap@acme.example,2025-10-01,2025-11-01,GBP,50.00,', // 121 days late
      'A-3,acme,Acme Ltd,ap@acme.example,2026-02-01,2026-03-10,EUR,75.00,', // current
      'CN-1,acme,Acme Ltd,ap@acme.example,2026-02-01,2026-02-01,GBP,-20.00,', // credit
    ]);
    dunning(dir, ['import', file, '--as-of', '2026-03-02']);
    dunning(dir, ['run', '--as-of', '2026-03-02']);
    const r = dunning(dir, ['status', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.asOf).toBe('2026-03-02');
    const gbp = s.totals.find((t: { currency: string }) => t.currency === 'GBP');
    expect(gbp.open).toEqual({ currency: 'GBP', minor: 103000, amount: '1030.00' });
    expect(gbp.overdue.minor).toBe(105000);
    // The credit note is in its own column, never inside `current` (open = buckets + credits).
    expect(gbp.credits).toEqual({ currency: 'GBP', minor: -2000, amount: '-20.00' });
    expect(Object.fromEntries(Object.entries(gbp.buckets).map(([k, v]) => [k, (v as { minor: number }).minor]))).toEqual({
      current: 0,
      '1-30': 100000,
      '31-60': 0,
      '61-90': 0,
      '90+': 5000,
    });
    expect(s.customers).toEqual([
      {
        id: 'acme',
        name: 'Acme Ltd',
        stage: 'reminder',
        open: [
          { currency: 'EUR', minor: 7500, amount: '75.00' },
          { currency: 'GBP', minor: 103000, amount: '1030.00' },
        ],
        overdue: [{ currency: 'GBP', minor: 105000, amount: '1050.00' }],
        hold: false,
        plan: false,
      },
    ]);
    expect(s.next.letters).toEqual([]); // reminded today: nothing more until the next stage is due
  });

  it('says so when there is no ledger yet (exit 2)', () => {
    const r = dunning(tempDir(), ['status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no ledger here');
  });
});

describe('dunning init', () => {
  it('creates the config with its schema, editable templates and the ledger, and never overwrites', () => {
    const dir = tempDir();
    const r = dunning(dir, ['init']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['dunning.config.json', 'dunning.config.schema.json', 'dunning.db', 'templates/en/reminder.hbs']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(dir, 'dunning.config.json'), 'utf8'));
    expect(config.$schema).toBe('./dunning.config.schema.json');
    expect(config.business.name).toBe('[Your business name]');
    const again = dunning(dir, ['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('never overwrites');
  });

  it('letters use the business details of the config, and a user template overrides the built-in one', () => {
    const dir = tempDir();
    dunning(dir, ['init']);
    const configPath = join(dir, 'dunning.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.business = { ...TEST_BUSINESS, name: 'Fernwood Design' };
    writeFileSync(configPath, JSON.stringify(config));
    writeFileSync(join(dir, 'templates', 'en', 'reminder.hbs'), '---\nsubject: Hello from {{business.name}}\n---\nDear {{customer.name}}, a custom reminder.\n');
    dunning(dir, ['import', writeCsv(dir, 'i.csv', ['A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,10.00,']), '--as-of', '2026-03-02']);
    const r = dunning(dir, ['run', '--as-of', '2026-03-02', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const eml = readFileSync(JSON.parse(r.stdout).letters[0].files[0], 'utf8');
    expect(eml).toContain('Subject: Hello from Fernwood Design');
    expect(eml).toContain('Dear Acme Ltd, a custom reminder.');
  });

  it('rejects an invalid config with the key, the value and the fix (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dunning.config.json'), JSON.stringify({ minDaysBetweenContacts: 'weekly', defaultCurrency: 'euro' }));
    const r = dunning(dir, ['run', '--as-of', '2026-03-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/minDaysBetweenContacts: .*found "weekly"/);
    expect(r.stderr).toMatch(/defaultCurrency: must be an ISO 4217 currency code .*found "euro"/);
  });
});

describe('dunning demo', () => {
  it('replays the bundled examples on fixed dates, drafting every kind of letter and flagging a hand-off', () => {
    const dir = tempDir();
    const r = dunning(dir, ['demo', '--dir', join(dir, 'demo'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.lettersByStage).sort()).toEqual(['courtesy', 'final-notice', 'reminder', 'second-reminder', 'thank-you']);
    expect(report.flagged.some((f: { reason: string }) => f.reason === 'handoff')).toBe(true);
    const stages = new Set(report.status.customers.map((c: { stage: string | null }) => c.stage));
    for (const s of ['courtesy', 'reminder', 'second-reminder', 'final-notice', 'handoff']) expect(stages.has(s), s).toBe(true);
    expect(readdirSync(join(dir, 'demo', 'outbox')).length).toBeGreaterThan(10);
    // Fixed dates: the same letters every day it is run (one replay against the known answer, not a second replay).
    expect(report.lettersByStage).toEqual({ courtesy: 13, reminder: 16, 'second-reminder': 14, 'final-notice': 8, 'thank-you': 6 });
  });
});

describe('help', () => {
  it('prints the version from package.json with --version (exit 0)', () => {
    const r = dunning(tempDir(), ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('an unknown option is a usage error (exit 2)', () => {
    const r = dunning(tempDir(), ['run', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('a malformed --as-of is a usage error (exit 2)', () => {
    const r = dunning(tempDir(), ['status', '--as-of', '2026-02-30']);
    expect(r.code).toBe(2);
  });
});
