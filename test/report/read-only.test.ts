import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, dunning, tempDir, writeCsv } from '../helpers.js';

/**
 * `status` and `report` open the ledger without the triggers that keep a written row's check:
 * safe only because they write nothing. Every table's rows, before and after, say so.
 */
function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  const hash = createHash('sha256');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  for (const t of tables) hash.update(`${t}\n${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())}\n`);
  db.close();
  return hash.digest('hex');
}

describe('reading commands write nothing', () => {
  it('given a ledger with late invoices, a payment and a run, status and every report leave every row as it was', () => {
    const dir = tempDir();
    configure(dir);
    writeCsv(dir, 'invoices.csv', ['INV-1,C1,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,1200.00,0', 'INV-2,C2,Brill GmbH,ap@brill.example,2026-01-10,2026-02-09,EUR,800.00,300.00']);
    expect(dunning(dir, ['import', 'invoices.csv', '--as-of', '2026-03-01']).code).toBe(0);
    expect(dunning(dir, ['run', '--as-of', '2026-03-02']).code).toBe(0);
    expect(dunning(dir, ['pay', 'INV-2', '100.00', '--as-of', '2026-03-03']).code).toBe(0);
    const before = fingerprint(join(dir, 'dunning.db'));
    for (const args of [['status'], ['status', '--json'], ['report'], ['report', 'customers'], ['report', 'stages', '--json'], ['report', '--html', 'page.html']]) {
      expect(dunning(dir, [...args, '--as-of', '2026-03-04']).code).toBe(0);
    }
    expect(fingerprint(join(dir, 'dunning.db'))).toBe(before);
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
  });
});
