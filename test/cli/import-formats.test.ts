import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dunning, ROOT, tempDir } from '../helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');

function fixture(dir: string, name: string): string {
  const to = join(dir, name.split('/').pop()!);
  copyFileSync(join(FIXTURES, name), to);
  return to;
}

function query<T>(dir: string, sql: string): T[] {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('dunning import of real exports', () => {
  it('lists the formats it knows', () => {
    const r = dunning(tempDir(), ['import', '--list-formats']);
    expect(r.code).toBe(0);
    for (const name of ['canonical', 'quickbooks', 'xero', 'stripe', 'freshbooks', 'zoho', 'wave', 'invoiceninja', 'sage', 'akaunting']) {
      expect(r.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('recognises a Zoho export and says which format it read, in the summary and the JSON', () => {
    const dir = tempDir();
    const r = dunning(dir, ['import', fixture(dir, 'samples/zoho_invoices.csv'), '--json', '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Imported 1 file (zoho): 3 new');
    expect(JSON.parse(r.stdout)).toMatchObject({ formats: ['zoho'], invoices: { added: 3 }, errors: [] });
  });

  it('shows the derived due dates and customer ids in the summary', () => {
    const dir = tempDir();
    const r = dunning(dir, ['import', fixture(dir, 'samples/freshbooks_invoices.csv'), '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 due date derived from the invoice date plus the terms');
    expect(r.stderr).toContain('Customer ids derived from names: x-men (X-Men)');
  });

  it('takes the default terms from the config for exports without due dates', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dunning.config.json'), JSON.stringify({ defaultTermsDays: 14 }));
    const r = dunning(dir, ['import', fixture(dir, 'samples/freshbooks_invoices.csv'), '--as-of', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(query<{ due_date: string }>(dir, 'SELECT due_date FROM invoices')).toEqual([{ due_date: '2021-02-11' }]);
  });

  it('refuses a header it does not know with exit 3, showing the header and how to write a mapping', () => {
    const dir = tempDir();
    const file = join(dir, 'odd.csv');
    writeFileSync(file, 'Ref;Who;When;Total\nA1;Acme;2026-01-01;10,00\n');
    const r = dunning(dir, ['import', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:1: (header): the header matches no format dunning knows: "Ref;Who;When;Total"`);
    expect(r.stderr).toContain('--map mapping.json');
  });

  it('asks for --date-order when no day is over 12, and takes it', () => {
    const dir = tempDir();
    const file = join(dir, 'xero.csv');
    writeFileSync(file, 'ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,Currency\nAcme,INV-1,03/02/2026,04/03/2026,10.00,GBP\n');
    const asked = dunning(dir, ['import', file]);
    expect(asked.code).toBe(3);
    expect(asked.stderr).toContain('pass --date-order dmy or --date-order mdy');
    const ok = dunning(dir, ['import', file, '--date-order', 'dmy']);
    expect(ok.code).toBe(0);
    expect(query(dir, 'SELECT issue_date, due_date FROM invoices')).toEqual([{ issue_date: '2026-02-03', due_date: '2026-03-04' }]);
    expect(dunning(dir, ['import', file, '--date-order', 'ymd']).code).toBe(2);
  });

  it('reads any other export through a mapping file', () => {
    const dir = tempDir();
    const r = dunning(dir, ['import', fixture(dir, 'odoo-eu.csv'), '--map', join(FIXTURES, 'odoo.mapping.json'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ formats: ['odoo'], invoices: { added: 4 } });
    const bad = dunning(dir, ['import', fixture(dir, 'odoo-eu.csv'), '--map', join(dir, 'missing.json')]);
    expect(bad.code).toBe(2);
  });

  it('with --skip-invalid imports the valid rows and writes the rejected ones unchanged, with a reason', () => {
    const dir = tempDir();
    const file = join(dir, 'stripe.csv');
    const rows = [
      'id,Number,Amount Due,Amount Paid,Currency,Customer,Customer Name,Date (UTC),Due Date (UTC),Total,Status',
      'in_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,,10.00,open',
      'in_2,A-2,10.00,0,usd,cus_1,Acme,2025-02-30,,10.00,open',
      'in_3,A-3,10.00,0,usd,cus_1,Acme,2025-01-03,,"ten, ok",open',
    ];
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const dry = dunning(dir, ['import', file, '--skip-invalid', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
    const r = dunning(dir, ['import', file, '--skip-invalid', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ invoices: { added: 1 }, rejected: 2, rejectsFiles: [`${file}.rejects.csv`] });
    expect(readFileSync(`${file}.rejects.csv`, 'utf8').split('\n')).toEqual([
      `${rows[0]},reason`,
      `${rows[2]},"Date (UTC): ""2025-02-30"" is not a date (no such day)"`,
      `${rows[3]},"Total: ""ten, ok"" is not an amount"`,
      '',
    ]);
    expect(query(dir, 'SELECT number FROM invoices')).toEqual([{ number: 'A-1' }]);
  });

  it('with --skip-invalid sets aside bad rows of the canonical CSV too, ragged ones included', () => {
    const dir = tempDir();
    const file = join(dir, 'c.csv');
    const header = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid';
    writeFileSync(file, `${header}\nINV-1,acme,Acme,,2026-01-01,2026-01-31,USD,10.00,\nINV-2,acme,Acme\n`);
    const r = dunning(dir, ['import', file, '--skip-invalid']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 rejected row (--skip-invalid): written to');
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toMatch(/^invoice_number,.*,amount_paid,reason\nINV-2,acme,Acme,"\(row\): .*as many cells as the header\)"\n$/);
  });

  it('records each change a newer export brings as an event with the old and new value', () => {
    const dir = tempDir();
    const header = 'id,Number,Amount Due,Amount Paid,Currency,Customer,Customer Name,Date (UTC),Due Date (UTC),Total,Status';
    writeFileSync(join(dir, 'jan.csv'), `${header}\nin_1,A-1,10.00,0,usd,cus_1,Acme,2025-01-01,2025-01-31,10.00,open\n`);
    writeFileSync(join(dir, 'feb.csv'), `${header}\nin_1,A-1,10.00,4.00,usd,cus_1,Acme,2025-01-01,2025-02-14,10.00,uncollectible\n`);
    expect(dunning(dir, ['import', 'jan.csv', '--as-of', '2025-02-01']).code).toBe(0);
    const again = dunning(dir, ['import', 'jan.csv', '--json', '--as-of', '2025-02-02']);
    expect(JSON.parse(again.stdout).invoices).toEqual({ added: 0, updated: 0, unchanged: 1 });
    const r = dunning(dir, ['import', 'feb.csv', '--json', '--as-of', '2025-02-20']);
    expect(JSON.parse(r.stdout)).toMatchObject({ invoices: { updated: 1 }, payments: { added: 1 } });
    const [change] = query<{ data: string }>(dir, "SELECT data FROM events WHERE kind = 'invoice-updated'");
    expect(JSON.parse(change!.data).changes).toEqual({
      due_date: { from: '2025-01-31', to: '2025-02-14' },
      status: { from: 'open', to: 'written-off' },
    });
  });

  it('imports payments after their invoices, in one command, matched by number', () => {
    const dir = tempDir();
    const r = dunning(dir, [
      'import', fixture(dir, 'samples/invoiceninja_v4_invoice.csv'), fixture(dir, 'samples/invoiceninja_v4_payments.csv'),
      '--currency', 'USD', '--skip-invalid', '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ formats: ['invoiceninja', 'invoiceninja'], invoices: { added: 400 }, payments: { added: 400 }, rejected: 1 });
    expect(r.stderr).toContain('the same payment as line 6, counted once');
  });
});
