import { describe, expect, it } from 'vitest';
import { CustomerRepeats } from '../../src/import/customer-repeats.js';
import type { InvoiceRecord } from '../../src/domain/invoice-record.js';

const row = (over: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  line: 2,
  number: 'INV-1',
  customerId: 'C1',
  customerIdDerived: false,
  customerName: 'Acme Ltd',
  email: 'ap@acme.example',
  language: null,
  address: '1 High St',
  phone: null,
  issueDate: '2026-01-01',
  dueDate: '2026-01-31',
  currency: 'GBP',
  amount: 100,
  amountPaid: 0,
  status: 'open',
  customerRepeated: false,
  ...over,
});

/** Marks each row in turn; says which were marked as repeating their customer. */
function marks(rows: InvoiceRecord[], repeats = new CustomerRepeats()): boolean[] {
  return rows.map((r) => {
    repeats.mark(r);
    return r.customerRepeated === true;
  });
}

/** What a row repeats, the plain way: its customer's previous row had the same five fields. */
function expected(rows: InvoiceRecord[]): boolean[] {
  const last = new Map<string, string>();
  return rows.map((r) => {
    const fields = JSON.stringify([r.customerName, r.email, r.language, r.address, r.phone]);
    const repeated = last.get(r.customerId) === fields;
    last.set(r.customerId, fields);
    return repeated;
  });
}

/** An export's worth of rows: `customers` customers in a seeded random order, some changing details as they go. */
function export_(rows: number, customers: number, seed: number): InvoiceRecord[] {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return Math.floor((s / 0x80000000) * n);
  };
  return Array.from({ length: rows }, (_, i) => {
    const c = next(customers);
    const version = next(10) === 0 ? next(3) : 0;
    return row({
      number: `INV-${i}`,
      customerId: `C${c}`,
      customerName: `Customer ${c}${version === 1 ? ' Ltd' : ''}`,
      email: version === 2 ? null : `ap${c}@customer.example`,
      address: c % 7 === 0 ? '' : `${c} Rue d'Écosse`,
    });
  });
}

describe('rows that repeat a customer', () => {
  it('the first row of a customer is not marked; later rows with the same details are', () => {
    expect(marks([row(), row({ number: 'INV-2' }), row({ customerId: 'C2', number: 'INV-3' }), row({ number: 'INV-4' })])).toEqual([false, true, false, true]);
  });

  it('a change in any detail is not a repeat, and the changed details are what later rows repeat', () => {
    for (const change of [{ customerName: 'Acme Limited' }, { email: null }, { email: 'ap@acme.example ' }, { language: 'fr' }, { address: null }, { phone: '0113' }]) {
      expect(marks([row(), row(change), row(change), row()]), JSON.stringify(change)).toEqual([false, false, true, false]);
    }
  });

  it('tells a field that is empty from one that is missing, and fields that would join the same', () => {
    expect(marks([row({ address: 'a', phone: null }), row({ address: null, phone: 'a' })])).toEqual([false, false]);
    expect(marks([row({ address: '', phone: null }), row({ address: null, phone: '' })])).toEqual([false, false]);
    expect(marks([row({ customerName: 'A', email: 'B' }), row({ customerName: 'A\u0000B', email: null })])).toEqual([false, false]);
    expect(marks([row({ customerName: 'AB', email: 'C' }), row({ customerName: 'A', email: 'BC' })])).toEqual([false, false]);
  });

  it('marks repeats whatever characters the details hold', () => {
    expect(marks([row({ customerName: 'A\u0000B\uffff' }), row({ customerName: 'A\u0000B\uffff' }), row({ customerName: 'A\u0000B' })])).toEqual([false, true, false]);
  });

  it('never marks the rows of a customer whose details are too long to remember', () => {
    const long = 'x'.repeat(70_000);
    expect(marks([row({ address: long }), row({ address: long }), row(), row()])).toEqual([false, false, false, true]);
    expect(marks([row({ customerId: long }), row({ customerId: long })])).toEqual([false, false]);
  });

  it('over thousands of customers in random order, marks exactly the rows that repeat their customer', () => {
    const rows = export_(60_000, 15_000, 7);
    const want = expected(rows);
    expect(want.filter(Boolean).length).toBeGreaterThan(20_000);
    expect(marks(rows)).toEqual(want);
  });

  it('when it has no room left it forgets, and never marks a row that does not repeat', () => {
    const rows = export_(20_000, 500, 11);
    const want = expected(rows);
    const got = marks(rows, new CustomerRepeats(16_384));
    expect(got.filter((m, i) => m && !want[i])).toEqual([]);
    // It forgot, more than once, and marked repeats again in between.
    const marked = got.filter(Boolean).length;
    expect(marked).toBeGreaterThan(want.filter(Boolean).length / 4);
    expect(marked).toBeLessThan(want.filter(Boolean).length * 0.9);
  });
});
