import { describe, expect, it } from 'vitest';
import { CustomerRepeats } from '../../src/import/customer-repeats.js';
import type { InvoiceRecord } from '../../src/import/record.js';

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
function marks(rows: InvoiceRecord[]): boolean[] {
  const repeats = new CustomerRepeats();
  return rows.map((r) => {
    repeats.mark(r);
    return r.customerRepeated === true;
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
    expect(marks([row({ customerName: 'A', email: 'B' }), row({ customerName: 'A\u0000B', email: null })])).toEqual([false, false]);
    expect(marks([row({ email: null }), row({ email: '\u0001' })])).toEqual([false, false]);
  });

  it('never marks a row whose details hold the characters used to join them', () => {
    expect(marks([row({ customerName: 'A\u0000B' }), row({ customerName: 'A\u0000B' })])).toEqual([false, false]);
  });
});
