import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, tempDir, writeCsv } from '../helpers.js';

/** The correction commands as a user runs them: the real CLI, its exit codes and its --json. */
const AS_OF = '2026-03-02';

function books(): string {
  const dir = tempDir();
  const file = writeCsv(dir, 'invoices.csv', [
    'INV-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-01-31,GBP,"1,200.00",0',
    'INV-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-04,GBP,300.00,0',
  ]);
  expect(dunning(dir, ['import', file, '--as-of', AS_OF]).code).toBe(0);
  return dir;
}

describe('dunning payment and dunning customer', () => {
  it('pay 1,000.00, list it as JSON, void it with a reason: the list keeps it, marked void', () => {
    const dir = books();
    expect(dunning(dir, ['pay', 'INV-1', '1,000.00', '--as-of', AS_OF]).code).toBe(0);
    const voided = dunning(dir, ['payment', 'void', '1', '--reason', 'typed twice', '--as-of', AS_OF]);
    expect(voided.code).toBe(0);
    expect(voided.stderr).toContain('Voided payment 1: 1000.00 GBP on INV-1 (acme), paid 2026-03-02. Now open on INV-1: 1200.00 GBP.');
    const list = JSON.parse(dunning(dir, ['payment', 'list', 'acme', '--json']).stdout);
    expect(list).toEqual({
      payments: [
        {
          id: 1,
          invoice: 'INV-1',
          customer: 'acme',
          paidOn: '2026-03-02',
          amount: { currency: 'GBP', minor: 100000, amount: '1000.00' },
          reference: null,
          source: 'manual',
          kind: 'payment',
          void: true,
          voidedOn: '2026-03-02',
          voidReason: 'typed twice',
        },
      ],
    });
  });

  it('void without a reason is a usage error (exit 2); an unknown customer for customer set too', () => {
    const dir = books();
    expect(dunning(dir, ['payment', 'void', '1']).code).toBe(2);
    const r = dunning(dir, ['customer', 'set', 'nobody', '--email', 'a@b.example']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nobody": no such customer in the ledger');
  });

  it('customer set, then a contact deleted with the sqlite3 shell: audit verify exits 5 naming the table and the row', () => {
    const dir = books();
    expect(dunning(dir, ['customer', 'set', 'acme', '--contact-name', 'Sam Okafor', '--as-of', AS_OF]).code).toBe(0);
    expect(dunning(dir, ['note', 'acme', 'Rang Sam', '--as-of', AS_OF]).code).toBe(0);
    expect(dunning(dir, ['audit', 'verify']).code).toBe(0);
    const raw = new Database(join(dir, 'dunning.db'));
    raw.prepare('DELETE FROM contacts').run();
    raw.close();
    const r = dunning(dir, ['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('contacts: row 1 was deleted outside dunning');
  });
});
