import { describe, expect, it } from 'vitest';
import { BatchPacker, BatchUnpacker } from '../../src/import/packed-batch.js';
import type { ReadItem } from '../../src/import/read.js';
import type { InvoiceRecord } from '../../src/domain/invoice-record.js';

const invoice = (line: number, over: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  line,
  number: `INV-${line}`,
  customerId: 'acme',
  customerIdDerived: false,
  customerName: 'Acme Ltd',
  email: 'ap@acme.example',
  language: null,
  address: null,
  phone: null,
  issueDate: '2026-01-01',
  dueDate: '2026-01-31',
  currency: 'GBP',
  amount: 120000,
  amountPaid: 0,
  status: 'open',
  customerRepeated: false,
  ...over,
});

describe('a batch of rows crossing from the reading thread to the writing one', () => {
  it('arrives as it was sent: every field, nulls and empty text, accents, emoji and line breaks, problems in their places', () => {
    const batch: ReadItem[] = [
      { record: invoice(2, { customerName: 'Atelier Lumière', email: null, language: 'fr', address: '3 rue des Lilas\n75011 Paris', phone: '+33 1 23 45 67 89', currency: 'EUR' }) },
      { problems: [{ file: 'a.csv', line: 3, column: 'due_date', message: 'not a date' }] },
      { record: invoice(4, { number: 'Σ-🎂-1', customerId: 'cake 🎂', customerName: '', amount: -5000, amountPaid: -2500, customerIdDerived: true, status: 'void' }) },
      { record: invoice(5, { number: 'INV-5', dueDate: '2026-02-28' }), raw: ['INV-5,acme,...'] },
    ];
    const sent = new BatchPacker().pack(batch).batch;
    expect(new BatchUnpacker().unpack(structuredClone(sent))).toEqual(batch);
  });

  it("sends nothing of a repeated customer's details, and keeps the codes of repeated values across batches", () => {
    const packer = new BatchPacker();
    const unpacker = new BatchUnpacker();
    const first = packer.pack([{ record: invoice(2) }]).batch;
    const second = packer.pack([{ record: invoice(3, { customerRepeated: true }) }, { record: invoice(4, { dueDate: '2026-03-31' }) }]).batch;
    expect(second.newValues).toEqual(['2026-03-31']);
    expect(second.text).toBe('INV-3acmeINV-4acmeAcme Ltdap@acme.example');
    expect(unpacker.unpack(first)).toEqual([{ record: invoice(2) }]);
    expect(unpacker.unpack(second)).toEqual([
      { record: invoice(3, { customerRepeated: true, customerName: '', email: null }) },
      { record: invoice(4, { dueDate: '2026-03-31' }) },
    ]);
  });
});
