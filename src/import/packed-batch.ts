import type { ReadItem } from './read.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';

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
  /**
   * The text fields of every row, end to end in one string (cloned as one copy, where an array
   * of strings costs the reading thread a header and a copy per string): number, customer id,
   * name, email, language, address, phone, and the contact name when the file has the column.
   * `lengths` has seven per row (eight with contact names); -1 is a null (or a field a repeated
   * row does not send).
   */
  text: string;
  /** The rows carry a contact name (InvoiceRecord.contactName): the file has the column. */
  contacts: boolean;
  lengths: Int32Array;
  /** Codes of issueDate, dueDate, currency, status: four per row. */
  coded: Int32Array;
  line: Int32Array;
  amount: Float64Array;
  amountPaid: Float64Array;
  derived: Uint8Array;
  /** 1: the row repeats its customer's previous row (InvoiceRecord.customerRepeated), whose fields are not sent. */
  repeated: Uint8Array;
}

/** Text fields per row in PackedBatch.text, and with contact names. */
const FIELDS = 7;
const WITH_CONTACTS = 8;

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
    // A file's rows all have the column or all lack it: the first says which.
    const contacts = n > 0 && records[0]!.contactName !== undefined;
    const fields = contacts ? WITH_CONTACTS : FIELDS;
    const parts: string[] = [];
    const lengths = new Int32Array(n * fields);
    const text = (j: number, value: string | null) => {
      if (value === null) lengths[j] = -1;
      else {
        lengths[j] = value.length;
        parts.push(value);
      }
    };
    const b: PackedBatch = {
      others,
      size: items.length,
      newValues: [],
      text: '',
      contacts,
      lengths,
      coded: new Int32Array(n * 4),
      line: new Int32Array(n),
      amount: new Float64Array(n),
      amountPaid: new Float64Array(n),
      derived: new Uint8Array(n),
      repeated: new Uint8Array(n),
    };
    for (let k = 0; k < n; k++) {
      const r = records[k]!;
      const j = k * fields;
      text(j, r.number);
      text(j + 1, r.customerId);
      if (r.customerRepeated) {
        b.repeated[k] = 1;
        lengths.fill(-1, j + 2, j + fields);
      } else {
        text(j + 2, r.customerName);
        text(j + 3, r.email);
        text(j + 4, r.language);
        text(j + 5, r.address);
        text(j + 6, r.phone);
        if (contacts) text(j + 7, r.contactName ?? null);
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
    b.text = parts.join('');
    return { batch: b, transfer: [lengths.buffer, b.coded.buffer, b.line.buffer, b.amount.buffer, b.amountPaid.buffer, b.derived.buffer, b.repeated.buffer] as ArrayBuffer[] };
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
    const { text, lengths } = b;
    let at = 0;
    /** The next text field, or null. */
    const next = (j: number): string | null => {
      const length = lengths[j]!;
      if (length < 0) return null;
      at += length;
      return text.slice(at - length, at);
    };
    const items = new Array<ReadItem>(b.size);
    const fields = b.contacts ? WITH_CONTACTS : FIELDS;
    let o = 0;
    let k = 0;
    for (let i = 0; i < b.size; i++) {
      if (o < b.others.length && b.others[o]![0] === i) {
        items[i] = b.others[o++]![1];
        continue;
      }
      const j = k * fields;
      const repeated = b.repeated[k] === 1;
      const record: InvoiceRecord = {
        line: b.line[k]!,
        number: next(j)!,
        customerId: next(j + 1)!,
        customerIdDerived: b.derived[k] === 1,
        customerName: next(j + 2) ?? '',
        email: next(j + 3),
        language: next(j + 4),
        address: next(j + 5),
        phone: next(j + 6),
        issueDate: values[b.coded[4 * k]!]!,
        dueDate: values[b.coded[4 * k + 1]!]!,
        currency: values[b.coded[4 * k + 2]!]!,
        amount: b.amount[k]!,
        amountPaid: b.amountPaid[k]!,
        status: values[b.coded[4 * k + 3]!]! as InvoiceRecord['status'],
        customerRepeated: repeated,
      };
      // After the seven above: the text is read in the order it was written.
      if (b.contacts) record.contactName = next(j + 7);
      items[i] = { record };
      k++;
    }
    return items;
  }
}
