import type { Customer } from '../domain/account.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import type { CheckedRecord, CheckRecipe } from '../domain/row-digest.js';
import type { EventLog } from './events.js';
import { ManyRows } from './many-rows.js';
import { RowCheck } from './row-checks.js';
import type { Ledger } from './open.js';

/** A customer row as the ledger holds it. */
export type CustomerRow = Customer;

const FIELDS = ['name', 'email', 'language', 'address', 'phone'] as const;
/** The columns an import writes for a new customer, in order; its row check follows them. */
const INSERTED = ['id', ...FIELDS] as const;
/** The same with the contact name, from a file that has the column (else it is left to its default, null). */
const INSERTED_WITH_CONTACT = [...INSERTED, 'contact_name'] as const;
/** Where each of those values comes from in an invoice record (an absent contact name hashes as the default, null). */
const INSERTED_FROM = [
  { field: 'customerId' },
  { field: 'customerName' },
  { field: 'email' },
  { field: 'language' },
  { field: 'address' },
  { field: 'phone' },
  { field: 'contactName' },
] as const;

/**
 * How the reading thread computes a new customer's row check for this ledger. Null (the writer
 * computes it) when the ledger has customers already: only into an empty one are they written
 * many to a statement, each with the check the reader gave.
 */
export function customerCheckRecipe(db: Ledger): CheckRecipe | null {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM customers)').pluck().get() === 1) return null;
  return new RowCheck(db, 'customers', INSERTED_WITH_CONTACT).recipe(INSERTED_FROM);
}

/** Enough for an accountant's 100,000 customers; past it the cache starts again (it only saves queries). */
const CACHE_LIMIT = 200_000;

/**
 * Keeps the customers of imported invoices up to date: a new one is added, a changed one
 * updated with an event naming each old and new value. A customer's rows repeat through an
 * export, so what this import last wrote for each is remembered and the ledger asked only once.
 * It is remembered as one string of its fields: a hundred thousand customers as objects were
 * most of what the import keeps, and the heap grows in proportion to what is kept. A reader
 * that marks repeated customers itself (the canonical one, see CustomerRepeats) spares this.
 */
export class CustomerWriter {
  private readonly q;
  /** The row check of a new customer (src/ledger/row-checks.ts), its contact name included. */
  private readonly checkOf: (c: CustomerRow) => number | null;
  private readonly written = new Map<string, string>();
  /**
   * Whether the ledger had no customers when the import began: a customer is then most likely
   * new, and is inserted without first being looked up (the primary key finds one that is not).
   */
  private readonly fresh: boolean;
  /** New customers, many to a statement (see upsertAll); from a file with contact names, with them. */
  private readonly rows: ManyRows<CheckedRecord>;
  private readonly rowsWithContact: ManyRows<CheckedRecord>;

  constructor(
    db: Ledger,
    private readonly events: EventLog,
    private readonly file: string,
    /** The reader marks rows that repeat a customer (ReadResult.repeatsMarked): nothing to remember here. */
    private readonly repeatsMarked = false,
    /** Where to say which fields a re-import changed ("customer acme: email changed"). */
    private readonly notes: string[] = [],
  ) {
    this.q = {
      get: db.prepare('SELECT id, name, email, language, address, phone, contact_name AS contactName FROM customers WHERE id = ?'),
      insert: db.prepare('INSERT INTO customers (id, name, email, language, address, phone, contact_name, row_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertNew: db.prepare('INSERT OR IGNORE INTO customers (id, name, email, language, address, phone, contact_name, row_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE customers SET name = @name, email = @email, language = @language, address = @address, phone = @phone WHERE id = @id'),
      updateWithContact: db.prepare(
        'UPDATE customers SET name = @name, email = @email, language = @language, address = @address, phone = @phone, contact_name = @contactName WHERE id = @id',
      ),
    };
    const check = new RowCheck(db, 'customers', INSERTED);
    const checkWithContact = new RowCheck(db, 'customers', INSERTED_WITH_CONTACT);
    this.checkOf = (c) => checkWithContact.of([c.id, c.name, c.email, c.language, c.address, c.phone, c.contactName ?? null]);
    const fill = (r: InvoiceRecord, args: unknown[], a: number) => {
      args[a] = r.customerId;
      args[a + 1] = r.customerName;
      args[a + 2] = r.email;
      args[a + 3] = r.language;
      args[a + 4] = r.address;
      args[a + 5] = r.phone;
    };
    this.rows = new ManyRows(db, `INSERT OR IGNORE INTO customers (${INSERTED.join(', ')}, row_check)`, '(?, ?, ?, ?, ?, ?, ?)', 7, (r, args, a) => {
      fill(r, args, a);
      // Computed by the reading thread when it was given customerCheckRecipe; else here.
      args[a + 6] = r.customerCheck ?? check.ofArgs(args, a);
    });
    const head = `INSERT OR IGNORE INTO customers (${INSERTED_WITH_CONTACT.join(', ')}, row_check)`;
    this.rowsWithContact = new ManyRows(db, head, '(?, ?, ?, ?, ?, ?, ?, ?)', 8, (r, args, a) => {
      fill(r, args, a);
      args[a + 6] = r.contactName ?? null;
      args[a + 7] = r.customerCheck ?? checkWithContact.ofArgs(args, a);
    });
    this.fresh = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM customers)').pluck().get() === 1;
  }

  /** Makes the ledger's customer what the invoice row says. */
  upsert(r: InvoiceRecord): void {
    if (r.customerRepeated) return;
    const next: CustomerRow = { id: r.customerId, name: r.customerName, email: r.email, language: r.language, address: r.address, phone: r.phone };
    // Absent (the file has no contact_name column): the ledger's contact name stays as it is.
    if (r.contactName !== undefined) next.contactName = r.contactName;
    const key = this.repeatsMarked ? null : fieldsKey(next);
    if (key !== null && this.written.get(r.customerId) === key) return;
    if (this.fresh && this.tryInsert(next)) {
      if (key !== null) this.remember(r.customerId, key);
      return;
    }
    const old = this.q.get.get(r.customerId) as CustomerRow | undefined;
    if (!old) this.q.insert.run(next.id, next.name, next.email, next.language, next.address, next.phone, next.contactName ?? null, this.checkOf(next));
    else {
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const f of FIELDS) if (old[f] !== next[f]) changes[f] = { from: old[f], to: next[f] };
      const contactName = next.contactName;
      if (contactName !== undefined && old.contactName !== contactName) changes.contact_name = { from: old.contactName, to: contactName };
      if (Object.keys(changes).length > 0) {
        if (contactName === undefined) this.q.update.run(next);
        else this.q.updateWithContact.run(next);
        this.events.append({ kind: 'customer-updated', customerId: r.customerId, data: { file: this.file, changes } });
        this.notes.push(`customer ${r.customerId}: ${Object.keys(changes).join(', ')} changed`);
      }
    }
    if (key !== null) this.remember(r.customerId, key);
  }

  /**
   * Makes the ledger's customers what these rows say, in order. Into a ledger that had none,
   * with repeats marked by the reader, what is left is nearly always new: inserted many to a
   * statement. A statement that adds fewer than its rows (a customer whose details changed in
   * the file, turned away by the primary key) has its rows gone through again one by one: those
   * it added are found as they are, the others compared and updated.
   */
  upsertAll(rows: InvoiceRecord[]): void {
    if (!this.fresh || !this.repeatsMarked) {
      for (const r of rows) this.upsert(r);
      return;
    }
    const todo = rows.filter((r) => !r.customerRepeated);
    // A file's rows all have the contact_name column or all lack it: the first says which.
    const many = todo.length > 0 && todo[0]!.contactName !== undefined ? this.rowsWithContact : this.rows;
    for (const c of many.insert(todo)) {
      if (c.result.changes === c.n) continue;
      for (let k = c.from; k < c.from + c.n; k++) this.upsert(todo[k]!);
    }
  }

  /** Adds the customer unless the ledger has one by that id (then false). */
  private tryInsert(c: CustomerRow): boolean {
    return this.q.insertNew.run(c.id, c.name, c.email, c.language, c.address, c.phone, c.contactName ?? null, this.checkOf(c)).changes === 1;
  }

  private remember(id: string, key: string): void {
    if (this.written.size >= CACHE_LIMIT && !this.written.has(id)) this.written.clear();
    // Cells are slices of the reader's chunk of text: kept as they are, one remembered
    // customer would keep its whole chunk alive, and a file's customers the whole file.
    this.written.set(own(id), own(key));
  }
}

/**
 * A copy of `s` that shares no memory with the string it was sliced from. Cells are slices of
 * the reader's chunk of text: one kept as it is keeps its whole chunk alive.
 */
function own(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** A customer's fields as one string: equal strings, equal fields (JSON tells a null from an empty cell, and an absent contact name from both). */
function fieldsKey(c: CustomerRow): string {
  if (c.contactName === undefined) return JSON.stringify([c.name, c.email, c.language, c.address, c.phone]);
  return JSON.stringify([c.name, c.email, c.language, c.address, c.phone, c.contactName]);
}

/** A customer's details as `customer set` edits them (contact_name: the person to write to). */
export interface CustomerDetails extends Customer {
  contactName: string | null;
}

/** The fields `customer set` may change, by their ledger column. */
export const EDITABLE_FIELDS = { name: 'name', email: 'email', address: 'address', phone: 'phone', language: 'language', contactName: 'contact_name' } as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;

/** The one customer lookup: a customer by id, with every detail, or undefined. */
export function findCustomer(db: Ledger, id: string): CustomerDetails | undefined {
  return db
    .prepare('SELECT id, name, email, language, address, phone, contact_name AS contactName FROM customers WHERE id = ?')
    .get(id) as CustomerDetails | undefined;
}

/** The customer an invoice belongs to, or undefined when there is no such invoice. */
export function invoiceOwner(db: Ledger, number: string): string | undefined {
  return db.prepare('SELECT customer_id FROM invoices WHERE number = ?').pluck().get(number) as string | undefined;
}

/**
 * Changes a customer's details, with an event naming each old and new value. Fields equal to
 * what the ledger holds are left out; nothing changed writes nothing. Inside a write transaction.
 */
export function updateCustomer(
  db: Ledger,
  events: EventLog,
  customer: CustomerDetails,
  next: Partial<Record<EditableField, string | null>>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(next) as [EditableField, string | null | undefined][]) {
    if (value === undefined || customer[field] === value) continue;
    changes[EDITABLE_FIELDS[field]] = { from: customer[field], to: value };
  }
  const columns = Object.keys(changes);
  if (columns.length === 0) return changes;
  db.prepare(`UPDATE customers SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
    id: customer.id,
    ...Object.fromEntries(columns.map((c) => [c, changes[c]!.to])),
  });
  events.append({ kind: 'customer-updated', customerId: customer.id, data: { file: null, by: 'customer set', changes } });
  return changes;
}

/**
 * The id `share` of the way through the customers, in SQLite's order: where to split them in
 * two parts (0.5: halves); null for fewer than `atLeast`.
 */
export function customerAt(db: Ledger, share: number, atLeast = 2): string | null {
  const count = db.prepare(`SELECT COUNT(*) FROM customers`).pluck().get() as number;
  if (count < atLeast) return null;
  return db.prepare(`SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?`).pluck().get(Math.floor((count - 1) * share)) as string;
}
