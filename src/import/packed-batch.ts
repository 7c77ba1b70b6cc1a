import type { ReadItem } from './read.js';
import type { InvoiceRecord } from './record.js';

/**
 * A batch of rows as it crosses from the reading worker to the writing thread: one array per
 * column, numbers in typed arrays (moved, not copied), and the few values that repeat all
 * through an export (dates, currencies, statuses) as codes into a table both sides keep.
 * A row that repeats its customer's details (InvoiceRecord.customerRepeated) carries none.
 * Cloning a thousand small objects, each with its fifteen property names, made the writing
 * thread allocate several times what it kept, and its heap grew to hold the garbage.
 */
export interface PackedBatch {
  /** Items that are not plain invoices (problems, payments, rows kept for a rejects file), by position. */
  others: [number, ReadItem][];
  size: number;
  /** Values first seen in this batch: they take the next codes, in order. */
  newValues: string[];
  number: string[];
  customerId: string[];
  customerName: string[];
  email: (string | null)[];
  language: (string | null)[];
  address: (string | null)[];
  phone: (string | null)[];
  /** Codes of issueDate, dueDate, currency, status: four per row. */
  coded: Int32Array;
  line: Int32Array;
  amount: Float64Array;
  amountPaid: Float64Array;
  derived: Uint8Array;
  /** 1: the row repeats its customer's previous row (InvoiceRecord.customerRepeated), whose fields are not sent. */
  repeated: Uint8Array;
}

/** The reading side: packs batches, numbering repeated values as it first meets them. */
export class BatchPacker {
  private readonly codes = new Map<string, number>();

  pack(items: ReadItem[]): { batch: PackedBatch; transfer: ArrayBuffer[] } {
    const records: InvoiceRecord[] = [];
    const others: [number, ReadItem][] = [];
    items.forEach((item, i) => {
      if ('record' in item && item.raw === undefined) records.push(item.record);
      else others.push([i, item]);
    });
    const n = records.length;
    const b: PackedBatch = {
      others,
      size: items.length,
      newValues: [],
      number: new Array<string>(n),
      customerId: new Array<string>(n),
      customerName: new Array<string>(n),
      email: new Array<string | null>(n),
      language: new Array<string | null>(n),
      address: new Array<string | null>(n),
      phone: new Array<string | null>(n),
      coded: new Int32Array(n * 4),
      line: new Int32Array(n),
      amount: new Float64Array(n),
      amountPaid: new Float64Array(n),
      derived: new Uint8Array(n),
      repeated: new Uint8Array(n),
    };
    for (let k = 0; k < n; k++) {
      const r = records[k]!;
      b.number[k] = r.number;
      b.customerId[k] = r.customerId;
      if (r.customerRepeated) b.repeated[k] = 1;
      else {
        b.customerName[k] = r.customerName;
        b.email[k] = r.email;
        b.language[k] = r.language;
        b.address[k] = r.address;
        b.phone[k] = r.phone;
      }
      b.coded[4 * k] = this.code(r.issueDate, b.newValues);
      b.coded[4 * k + 1] = this.code(r.dueDate, b.newValues);
      b.coded[4 * k + 2] = this.code(r.currency, b.newValues);
      b.coded[4 * k + 3] = this.code(r.status, b.newValues);
      b.line[k] = r.line;
      b.amount[k] = r.amount;
      b.amountPaid[k] = r.amountPaid;
      b.derived[k] = r.customerIdDerived ? 1 : 0;
    }
    return { batch: b, transfer: [b.coded.buffer, b.line.buffer, b.amount.buffer, b.amountPaid.buffer, b.derived.buffer, b.repeated.buffer] as ArrayBuffer[] };
  }

  private code(value: string, fresh: string[]): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(value, c);
      fresh.push(value);
    }
    return c;
  }
}

/** The writing side: the batch's items again, in their order, as the packer was given them. */
export class BatchUnpacker {
  private readonly values: string[] = [];

  unpack(b: PackedBatch): ReadItem[] {
    for (const v of b.newValues) this.values.push(v);
    const { values } = this;
    const items = new Array<ReadItem>(b.size);
    let o = 0;
    let k = 0;
    for (let i = 0; i < b.size; i++) {
      if (o < b.others.length && b.others[o]![0] === i) {
        items[i] = b.others[o++]![1];
        continue;
      }
      const repeated = b.repeated[k] === 1;
      const record: InvoiceRecord = {
        line: b.line[k]!,
        number: b.number[k]!,
        customerId: b.customerId[k]!,
        customerIdDerived: b.derived[k] === 1,
        customerName: repeated ? '' : b.customerName[k]!,
        email: repeated ? null : b.email[k]!,
        language: repeated ? null : b.language[k]!,
        address: repeated ? null : b.address[k]!,
        phone: repeated ? null : b.phone[k]!,
        issueDate: values[b.coded[4 * k]!]!,
        dueDate: values[b.coded[4 * k + 1]!]!,
        currency: values[b.coded[4 * k + 2]!]!,
        amount: b.amount[k]!,
        amountPaid: b.amountPaid[k]!,
        status: values[b.coded[4 * k + 3]!]! as InvoiceRecord['status'],
        customerRepeated: repeated,
      };
      items[i] = { record };
      k++;
    }
    return items;
  }
}
