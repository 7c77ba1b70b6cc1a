import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../src/domain/invoice-record.js';
import { rowDigestBy, rowDigestOf, type CheckedRecord } from '../../src/domain/row-digest.js';
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

/** The row check as ledgers already hold it: the first version of the digest, value by value through String(). */
function digestAsFirstWritten(values: readonly unknown[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const v of values) {
    const tag = v === null || v === undefined ? 0 : typeof v === 'string' ? 115 : 110;
    const s = tag === 0 ? '' : tag === 115 ? (v as string) : String(v);
    h1 = Math.imul(h1 ^ tag, 2654435761);
    h2 = Math.imul(h2 ^ tag, 1597334677);
    for (let i = 0; i < s.length; i += 2) {
      const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ s.length, 2654435761);
    h2 = Math.imul(h2 ^ s.length, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

describe('the row check, made faster', () => {
  it('is the value ledgers already hold for any texts, integers (amounts, signed, zero), fractions and nulls', () => {
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 14 }), fc.maxSafeInteger(), fc.integer(), fc.double({ noNaN: true }), fc.constant(null), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 10 }), (values) => {
        expect(rowDigestOf(values)).toBe(digestAsFirstWritten(values));
      }),
      { seed: 20261201, numRuns: 500 },
    );
    expect(rowDigestOf([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, 9, -10])).toBe(digestAsFirstWritten([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0, 9, -10]));
  });
});
