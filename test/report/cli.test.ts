import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dunning, tempDir, writeCsv } from '../helpers.js';

/**
 * `dunning report` as a user runs it: an export imported on 1 February (Fernwood had paid 400.00
 * of 1,000.00 by then, date unknown), a cheque typed in on 10 February, a customer whose name
 * looks like a spreadsheet formula, and yen.
 */
function workspace(): string {
  const dir = tempDir();
  writeCsv(dir, 'export.csv', [
    'F-1,fernwood,Fernwood Design,ap@fernwood.example,2025-12-01,2025-12-31,GBP,1000.00,400.00',
    'F-2,fernwood,Fernwood Design,ap@fernwood.example,2026-01-10,2026-02-09,GBP,250.00,',
    'CN-1,fernwood,Fernwood Design,ap@fernwood.example,2026-01-15,2026-01-15,GBP,-50.00,',
    'S-1,sakura,Sakura K.K.,ap@sakura.example,2025-11-20,2025-12-20,JPY,120000,',
    'X-1,formula,=HYPERLINK("http://x"),ap@formula.example,2026-01-05,2026-02-04,GBP,10.00,',
  ]);
  expect(dunning(dir, ['import', 'export.csv', '--as-of', '2026-02-01']).code).toBe(0);
  expect(dunning(dir, ['pay', 'F-2', '100.00', '--date', '2026-02-10', '--as-of', '2026-02-10']).code).toBe(0);
  return dir;
}

describe('dunning report', () => {
  const dir = workspace();

  it('aging --json at a past date: before the import, what the export said was paid does not count yet', () => {
    const r = dunning(dir, ['report', 'aging', '--as-of', '2026-01-20', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.report).toBe('aging');
    expect(j.asOf).toBe('2026-01-20');
    const gbp = j.totals.find((t: { currency: string }) => t.currency === 'GBP');
    // F-1 1,000.00 is 20 days late (its 400.00 counts from 1 Feb); F-2 250.00 not due; CN-1 a credit.
    expect(gbp.buckets['1-30']).toEqual({ currency: 'GBP', minor: 100000, amount: '1000.00' });
    expect(gbp.buckets.current.amount).toBe('260.00');
    expect(gbp.credits.amount).toBe('-50.00');
    expect(j.totals.find((t: { currency: string }) => t.currency === 'JPY').buckets['31-60'].amount).toBe('120000');
    expect(j.customers.map((c: { id: string }) => c.id)).toEqual(['fernwood', 'formula', 'sakura']);
  });

  it('aging on 28 February counts the import and the cheque', () => {
    const j = JSON.parse(dunning(dir, ['report', 'aging', '--as-of', '2026-02-28', '--json', '--currency', 'GBP']).stdout);
    expect(j.totals).toHaveLength(1);
    // F-1 600.00 59 days late; F-2 150.00 19 days late; X-1 10.00 24 days late.
    expect([j.totals[0].buckets['31-60'].amount, j.totals[0].buckets['1-30'].amount, j.totals[0].open.amount]).toEqual(['600.00', '160.00', '710.00']);
  });

  it('aging on a terminal shows every customer row the --json aging holds, with the same amounts, on any day and currency', () => {
    for (const args of [['--as-of', '2026-01-20'], ['--as-of', '2026-02-28', '--currency', 'GBP']]) {
      const j = JSON.parse(dunning(dir, ['report', 'aging', ...args, '--json']).stdout) as { customers: { id: string; name: string; totals: { currency: string; buckets: Record<string, { amount: string }>; credits: { amount: string } }[] }[] };
      const text = dunning(dir, ['report', 'aging', ...args]).stdout;
      const rows = text.split('\n').filter((l) => /^(fernwood|sakura|formula)\s/.test(l)).map((l) => l.trim().split(/\s{2,}/));
      const expected = j.customers.flatMap((c) => c.totals.map((t) => [c.id, c.name, t.currency, ...['current', '1-30', '31-60', '61-90', '90+'].map((b) => t.buckets[b]!.amount), t.credits.amount]));
      expect(expected.length).toBeGreaterThan(1);
      expect(rows).toEqual(expected);
    }
  });

  it('--html with --json writes the page and prints every report, the aging of each customer included; the page alone prints nothing', () => {
    const both = dunning(dir, ['report', '--html', join(dir, 'both.html'), '--json', '--as-of', '2026-02-28']);
    expect(both.code, both.stderr).toBe(0);
    const j = JSON.parse(both.stdout) as { aging: { customers: { id: string }[] }; customers: { customers: { id: string }[] } };
    expect(j.aging.customers.map((c) => c.id)).toEqual(['fernwood', 'formula', 'sakura']);
    expect(j.customers.customers.map((c) => c.id)).toEqual(['fernwood', 'formula', 'sakura']);
    const alone = dunning(dir, ['report', '--html', join(dir, 'alone.html'), '--as-of', '2026-02-28']);
    expect([alone.code, alone.stdout]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'alone.html'), 'utf8')).toBe(readFileSync(join(dir, 'both.html'), 'utf8'));
  });

  it('cei, dso, stages and customers answer in the shapes of the issue', () => {
    const cei = JSON.parse(dunning(dir, ['report', 'cei', '--as-of', '2026-02-28', '--from', '2026-01', '--json']).stdout);
    expect(Object.keys(cei.rows[0])).toEqual(expect.arrayContaining(['currency', 'month', 'beginning', 'sales', 'ending', 'endingCurrent', 'cei']));
    expect(cei.rows.map((x: { currency: string; month: string }) => `${x.currency} ${x.month}`)).toEqual(['GBP 2026-01', 'GBP 2026-02', 'JPY 2026-01', 'JPY 2026-02']);
    expect(cei.period.map((p: { currency: string }) => p.currency)).toEqual(['GBP', 'JPY']);
    const dso = JSON.parse(dunning(dir, ['report', 'dso', '--as-of', '2026-02-28', '--from', '2026-01', '--json']).stdout);
    expect(Object.keys(dso.rows[0])).toEqual(['currency', 'month', 'dso', 'bestPossibleDso', 'averageDaysDelinquent']);
    const stages = JSON.parse(dunning(dir, ['report', 'stages', '--as-of', '2026-02-28', '--json']).stdout);
    expect(stages).toMatchObject({ report: 'stages', stages: [] });
    const customers = JSON.parse(dunning(dir, ['report', 'customers', '--as-of', '2026-02-28', '--json']).stdout);
    expect(customers.customers[0]).toMatchObject({ id: 'fernwood', balance: [{ currency: 'GBP', amount: '700.00' }], lastContact: null });
    expect(Object.keys(customers.customers[0])).toEqual(expect.arrayContaining(['onTimeRate', 'averageDaysLate', 'balance', 'stage', 'lastContact', 'nextAction']));
  });

  it('--csv is safe to open in a spreadsheet: a name that looks like a formula is shown, never run', () => {
    const r = dunning(dir, ['report', 'aging', '--as-of', '2026-02-28', '--csv']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('scope,customer,name,currency,current,1-30,31-60,61-90,90+,credits,open,overdue');
    expect(lines).toContain('total,,,GBP,0.00,160.00,600.00,0.00,0.00,-50.00,710.00,760.00');
    expect(lines).toContain(`customer,formula,"'=HYPERLINK(""http://x"")",GBP,0.00,10.00,0.00,0.00,0.00,0.00,10.00,10.00`);
  });

  it('the overview fits a screen, draws bars in block characters and has no colour codes off a terminal', () => {
    const r = dunning(dir, ['report', '--as-of', '2026-02-28']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Receivables on 2026-02-28');
    expect(r.stdout).toMatch(/31-60\s+600\.00\s+█+/);
    expect(r.stdout).toMatch(/GBP\s+DSO [▁▂▃▄▅▆▇█ ]+/);
    expect(r.stdout).not.toContain('\u001b[');
    // The oldest debts first: Sakura's yen 70 days late, Fernwood's 59, the formula customer's 24.
    const oldest = r.stdout.slice(r.stdout.indexOf('Oldest debts'));
    expect([oldest.indexOf('\nsakura'), oldest.indexOf('\nfernwood'), oldest.indexOf('\nformula')].every((at, k, all) => at > 0 && (k === 0 || at > all[k - 1]!))).toBe(true);
    expect(r.stdout.split('\n').length).toBeLessThan(60);
  });

  it('refuses what it cannot answer with exit 2 and a line saying what to do', () => {
    for (const [args, message] of [
      [['report', 'aged'], /no such report/],
      [['report', 'cei', '--from', '2026-13'], /not a month \(use YYYY-MM/],
      [['report', 'cei', '--from', '2026-03', '--to', '2026-01'], /after --to/],
      [['report', '--csv'], /name the report/],
      [['report', 'aging', '--currency', 'usd'], /not an ISO 4217 code/],
    ] as const) {
      const r = dunning(dir, [...args, '--as-of', '2026-02-28']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^dunning: /);
      expect(r.stderr).toMatch(message);
    }
  });
});
