import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../src/domain/invoice-record.js';
import { rowDigestBy, type CheckedRecord } from '../../src/domain/row-digest.js';
import { EventLog } from '../../src/ledger/events.js';
import { customerCheckRecipe } from '../../src/ledger/customers.js';
import { invoiceCheckRecipe, InvoiceWriter } from '../../src/ledger/invoices.js';
import { openLedger } from '../../src/ledger/open.js';
import { tamperedRows } from '../../src/ledger/row-checks.js';

/**
 * A large import's reading thread computes each new invoice's check from the ledger's recipe,
 * and the writing thread only stores it. That check must be the one the writer would have
 * computed itself, and the one `audit verify` recomputes from the row, for any export's values.
 */
const AS_OF = '2026-03-02';
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const invoice = fc.record({
  number: text,
  customerId: text,
  amount: fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  amountPaid: fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  status: fc.constantFrom('open', 'draft', 'void', 'written-off' as const),
  currency: fc.constantFrom('GBP', 'JPY', 'EUR'),
  issueDate: fc.constantFrom('2026-01-01', '2025-12-31'),
  customerName: text,
  email: fc.option(text, { nil: null }),
  address: fc.option(text, { nil: null }),
  // Absent: the file has no contact_name column (the ledger's default, null, is hashed).
  contactName: fc.option(fc.option(text, { nil: null }), { nil: undefined }),
});

type Drawn = { number: string; customerId: string; amount: number; amountPaid: number; status: InvoiceRecord['status']; currency: string; issueDate: string; customerName: string; email: string | null; address: string | null; contactName?: string | null };
/** One invoice a row, each for a customer of its own (the file's first row for that customer). */
const recordOf = (r: Drawn, line: number, withContacts: boolean): InvoiceRecord => ({
  line,
  number: r.number,
  customerId: `${r.customerId} ${line}`,
  customerIdDerived: false,
  customerName: r.customerName,
  email: r.email,
  language: null,
  address: r.address,
  phone: null,
  ...(withContacts ? { contactName: r.contactName ?? null } : {}),
  issueDate: r.issueDate,
  dueDate: '2026-01-31',
  currency: r.currency,
  amount: r.amount,
  amountPaid: r.amountPaid,
  status: r.status,
});

/** The invoices' checks as a fresh ledger stores them after an import of these records. */
function importedChecks(records: InvoiceRecord[]): { checks: unknown[]; tampered: unknown[] } {
  const db = openLedger(':memory:');
  // As an import writes (src/ledger/loading.ts): invoices first, their customers after them.
  db.pragma('foreign_keys = OFF');
  try {
    const events = new EventLog(db, { at: '2026-03-02T08:00:00.000Z', actor: 'test' });
    const writer = new InvoiceWriter(db, events, { file: 'export.csv', asOf: AS_OF, repeatsMarked: true });
    writer.applyAll(records);
    writer.finish();
    const checks = db.prepare("SELECT number, row_check FROM invoices UNION ALL SELECT id, row_check FROM customers ORDER BY 1").raw().all();
    return { checks, tampered: tamperedRows(db) };
  } finally {
    db.close();
  }
}

describe('invoice and customer checks computed by the reading thread', () => {
  it('are the checks the writer computes itself, and verify finds the imported ledger clean, for any values, with or without contact names', () => {
    const db = openLedger(':memory:');
    const recipe = invoiceCheckRecipe(db, AS_OF);
    const customerRecipe = customerCheckRecipe(db);
    db.close();
    expect(recipe).not.toBeNull();
    expect(customerRecipe).not.toBeNull();
    fc.assert(
      fc.property(fc.uniqueArray(invoice, { selector: (r) => r.number, minLength: 1, maxLength: 20 }), fc.boolean(), (rows, withContacts) => {
        const plain = rows.map((r, i) => recordOf(r, i + 2, withContacts));
        const checked = plain.map((r): CheckedRecord => ({ ...r, invoiceCheck: rowDigestBy(recipe!, r), customerCheck: rowDigestBy(customerRecipe!, r) }));
        const byWriter = importedChecks(plain);
        const byReader = importedChecks(checked);
        expect(byReader.checks).toEqual(byWriter.checks);
        expect(byReader.tampered).toEqual([]);
      }),
      { seed: 20261201, numRuns: 40 },
    );
  });
});
