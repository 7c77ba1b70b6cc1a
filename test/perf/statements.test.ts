import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { runDunning } from '../../src/app/run.js';
import { receivablesStatus } from '../../src/app/status.js';
import { workspaceFor } from '../../src/app/workspace.js';
import { openLedger } from '../../src/ledger/open.js';
import { tempDir, TEST_BUSINESS } from '../helpers.js';

/**
 * The algorithmic shape of `run` and `status`, not their speed (no timings are asserted): the
 * ledger is read with a fixed number of SQL statements whatever the number of customers, and
 * writing adds a fixed number per letter. A query per customer would make a million-invoice
 * ledger take minutes; this catches it with a dozen customers.
 */
const AS_OF = '2026-03-02';

interface Books {
  /** Customers with an invoice 20 days overdue: each is due a reminder. */
  late: number;
  /** Customers who have paid everything: nothing to plan. */
  paidUp: number;
}

/** A ledger with the given customers, and a handle that records every SQL statement run. */
function ledgerWith(books: Books): { path: string; sql: string[]; db: Database.Database } {
  const dir = tempDir('dunning-perf-');
  const path = join(dir, 'dunning.db');
  const setup = openLedger(path);
  const customer = setup.prepare('INSERT INTO customers (id, name, email) VALUES (?, ?, ?)');
  const invoice = setup.prepare(
    "INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor) VALUES (?, ?, '2026-01-11', '2026-02-10', 'GBP', 50000)",
  );
  const payment = setup.prepare("INSERT INTO payments (invoice_number, paid_on, amount_minor, source) VALUES (?, '2026-02-01', 50000, 'import')");
  setup.transaction(() => {
    for (let i = 0; i < books.late + books.paidUp; i++) {
      const id = `c${i}`;
      customer.run(id, `Customer ${i} Ltd`, `ap@c${i}.example`);
      invoice.run(`INV-${i}`, id);
      if (i >= books.late) payment.run(`INV-${i}`);
    }
  })();
  setup.close();
  const sql: string[] = [];
  const db = new Database(path, { verbose: (s) => sql.push(String(s)) });
  return { path, sql, db };
}

async function statementsOf(books: Books, what: 'dry-run' | 'run' | 'status', config?: object): Promise<string[]> {
  const { path, sql, db } = ledgerWith(books);
  // A configured business: `run` refuses to draft with placeholders.
  const configPath = join(path, '..', 'dunning.config.json');
  writeFileSync(configPath, JSON.stringify({ business: TEST_BUSINESS, ...config }));
  const loaded = await loadConfig(configPath);
  const moment = { asOf: AS_OF, stamp: { at: `${AS_OF}T07:30:00.000Z`, actor: 'test' } };
  try {
    if (what === 'status') {
      const s = receivablesStatus(db, loaded.policy, AS_OF);
      expect(s.next.letters).toHaveLength(books.late);
    } else {
      const report = await runDunning(db, workspaceFor(path), loaded, moment, { dryRun: what === 'dry-run' });
      expect(report.letters).toHaveLength(books.late);
    }
  } finally {
    db.close();
  }
  return sql;
}

const reads = (sql: string[]) => sql.filter((s) => /^\s*(WITH|SELECT)\b/i.test(s));

describe('the number of SQL statements', () => {
  it('given 5 or 50 customers due a letter, status and a dry run read the ledger with the same few statements', async () => {
    for (const what of ['status', 'dry-run'] as const) {
      const few = await statementsOf({ late: 5, paidUp: 0 }, what);
      const many = await statementsOf({ late: 50, paidUp: 0 }, what);
      expect(many.length).toBe(few.length);
      // A handful: holds, invoices without and with payments, stages, customers, contacts, arrangements…
      expect(reads(few).length).toBeLessThanOrEqual(10);
    }
  });

  it('given segments by payment history, status and a dry run still read the ledger with the same statements for 5 or 50 customers', async () => {
    const segments = { segments: [{ id: 'reliable', minPaidInvoices: 1, minOnTimePercent: 90, extraGraceDays: 7 }] };
    for (const what of ['status', 'dry-run'] as const) {
      const few = await statementsOf({ late: 5, paidUp: 5 }, what, segments);
      const many = await statementsOf({ late: 50, paidUp: 50 }, what, segments);
      expect(many.length).toBe(few.length);
      // One more than without segments: the histories.
      expect(few.length).toBe((await statementsOf({ late: 5, paidUp: 5 }, what)).length + 1);
    }
  });

  it('given 200 more customers who have paid everything, a run runs not one statement more', async () => {
    const alone = await statementsOf({ late: 5, paidUp: 0 }, 'run');
    const crowd = await statementsOf({ late: 5, paidUp: 200 }, 'run');
    expect(crowd.length).toBe(alone.length);
  });

  it('given 5 or 50 letters to draft, a run reads the same and writes a fixed number of statements per letter', async () => {
    const few = await statementsOf({ late: 5, paidUp: 0 }, 'run');
    const many = await statementsOf({ late: 50, paidUp: 0 }, 'run');
    expect(reads(many).length).toBe(reads(few).length);
    const perLetter = (many.length - few.length) / 45;
    expect(Number.isInteger(perLetter)).toBe(true);
    // a contact, the invoice it names, the letter's event
    expect(perLetter).toBeLessThanOrEqual(4);
  });
});
