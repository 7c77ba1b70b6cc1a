import Database from 'better-sqlite3';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/import.js';
import { writtenBySpreadsheet } from '../../src/import/canonical-resaved.js';
import { openLedger } from '../../src/ledger/open.js';
import { CANONICAL_HEADER, tempDir } from '../helpers.js';

/**
 * The canonical CSV as a spreadsheet saves it (German: a BOM, semicolons, CRLF, 1.234,56 and
 * 31.01.2026; or tabs and 31/01/2026) imports to exactly the invoices the plain file gives.
 */
const moment = { asOf: '2026-03-02', stamp: { at: '2026-03-02T08:00:00.000Z', actor: 'test' } };

interface Row {
  customer: number;
  issueDay: number;
  termsDays: number;
  minor: number;
  paidMinor: number;
}

const rowArb: fc.Arbitrary<Row> = fc
  .record({ customer: fc.integer({ min: 1, max: 4 }), issueDay: fc.integer({ min: 0, max: 400 }), termsDays: fc.integer({ min: 0, max: 60 }), minor: fc.integer({ min: -500_000, max: 50_000_000 }) })
  .chain((r) => fc.record({ paidMinor: r.minor > 0 ? fc.integer({ min: 0, max: r.minor }) : fc.constant(0) }).map((p) => ({ ...r, ...p })));

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
const plainAmount = (m: number) => `${m < 0 ? '-' : ''}${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, '0')}`;
const germanAmount = (m: number) => {
  const [whole, cents] = plainAmount(m).replace('-', '').split('.');
  return `${m < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, '.')},${cents}`;
};
const ukAmount = (m: number) => {
  const [whole, cents] = plainAmount(m).replace('-', '').split('.');
  return `"${m < 0 ? '-' : ''}${whole!.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}"`;
};
const dotted = (iso: string) => iso.split('-').reverse().join('.');
const slashed = (iso: string) => iso.split('-').reverse().join('/');

/** The rows, with a first row dated the 31st so that the day/month order is settled. */
function cells(rows: Row[]): string[][] {
  const all: Row[] = [{ customer: 1, issueDay: 30, termsDays: 30, minor: 12345, paidMinor: 0 }, ...rows];
  return all.map((r, i) => {
    const issue = day(r.issueDay);
    return [`INV-${i + 1}`, `c${r.customer}`, `Customer ${r.customer}`, '', issue, day(r.issueDay + r.termsDays), 'EUR', String(r.minor), r.paidMinor ? String(r.paidMinor) : ''];
  });
}

function write(dir: string, name: string, rows: string[][], o: { sep: string; eol: string; bom: boolean; date: (d: string) => string; amount: (m: number) => string }): string {
  const lines = [CANONICAL_HEADER.replaceAll(',', o.sep), ...rows.map((c) => [...c.slice(0, 4), o.date(c[4]!), o.date(c[5]!), c[6], o.amount(Number(c[7])), c[8] ? o.amount(Number(c[8])) : ''].join(o.sep))];
  const path = join(dir, name);
  writeFileSync(path, (o.bom ? '\ufeff' : '') + lines.join(o.eol) + o.eol);
  return path;
}

async function invoicesOf(path: string): Promise<unknown[]> {
  const dir = tempDir();
  const db = openLedger(join(dir, 'dunning.db'));
  await importFiles(db, [path], moment);
  db.close();
  const ledger = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return ledger.prepare('SELECT number, customer_id, issue_date, due_date, currency, amount_minor, paid_before_minor, status FROM invoices ORDER BY number').all();
  } finally {
    ledger.close();
  }
}

describe('the canonical CSV re-saved by a spreadsheet', () => {
  it('imports to the same invoices as the plain file, German or UK style', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 12 }), async (rows) => {
        const dir = tempDir();
        const c = cells(rows);
        const plain = await invoicesOf(write(dir, 'plain.csv', c, { sep: ',', eol: '\n', bom: false, date: (d) => d, amount: plainAmount }));
        const german = await invoicesOf(write(dir, 'de.csv', c, { sep: ';', eol: '\r\n', bom: true, date: dotted, amount: germanAmount }));
        const uk = await invoicesOf(write(dir, 'uk.tsv', c, { sep: '\t', eol: '\r\n', bom: false, date: slashed, amount: ukAmount }));
        expect(plain).toHaveLength(c.length);
        expect(german).toEqual(plain);
        expect(uk).toEqual(plain);
      }),
      { seed: 1414, numRuns: 6 },
    );
  });

  it('is told from a plain file by its first rows', () => {
    const header = CANONICAL_HEADER.split(',');
    const plain = ['INV-1', 'c1', 'Acme', '', '2026-01-31', '2026-03-02', 'EUR', '1234.56', ''];
    expect(writtenBySpreadsheet(header, [plain])).toBe(false);
    expect(writtenBySpreadsheet(header, [[...plain.slice(0, 4), '31.01.2026', '02.03.2026', 'EUR', '1234.56', '']])).toBe(true);
    expect(writtenBySpreadsheet(header, [[...plain.slice(0, 7), '1.234,56', '']])).toBe(true);
    expect(writtenBySpreadsheet(header, [[...plain.slice(0, 7), '1,234.56', '']])).toBe(true);
    expect(writtenBySpreadsheet(header, [[...plain.slice(0, 7), '104,4', '']])).toBe(true);
  });
});
