import { availableParallelism } from 'node:os';
import type { IsoDate } from '../domain/dates.js';
import { formatDecimal } from '../domain/money.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import type { CheckedRecord, CheckRecipe } from '../domain/row-digest.js';
import { CustomerWriter } from './customers.js';
import type { EventLog } from './events.js';
import { CHUNK, ManyRows, type Chunk } from './many-rows.js';
import type { Ledger } from './open.js';
import { paidSql } from './payments.js';
import { RowCheck, suspendRowSums } from './row-checks.js';
import { shellQuote } from '../domain/shell-quote.js';

export type ApplyOutcome = { invoice: 'added' | 'updated' | 'unchanged'; paymentMinor: number };
/** Why an invoice row was not applied: the column at fault and what to do. */
export type RowRefusal = { column: string; message: string };

/**
 * The undated part of what was paid: what invoice exports said was paid (export-paid, dated the
 * day we saw it) and the parts of it that dated payments from a payments export later replaced.
 */
const SNAPSHOT_SQL = `kind IN ('export-paid', 'replaced')`;

/** The columns an import writes for a new invoice, in order; its row check follows them. */
const INSERTED = ['number', 'customer_id', 'issue_date', 'due_date', 'currency', 'amount_minor', 'status', 'paid_before_minor', 'imported_on'] as const;
/** Where each of those values comes from, as the fill in InvoiceWriter writes them (imported_on: the as-of day). */
const insertedFrom = (asOf: IsoDate) =>
  [
    { field: 'number' },
    { field: 'customerId' },
    { field: 'issueDate' },
    { field: 'dueDate' },
    { field: 'currency' },
    { field: 'amount' },
    { field: 'status' },
    { field: 'amountPaid' },
    { value: asOf },
  ] as const;

/**
 * How the reading thread computes a new invoice's row check for this ledger, given to the reader
 * so that the writing thread only stores it. Null (the writer computes the few it needs) when the
 * ledger holds invoices already: most rows of a later export are ones it knows.
 */
export function invoiceCheckRecipe(db: Ledger, asOf: IsoDate): CheckRecipe | null {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM invoices)').pluck().get() === 1) return null;
  return new RowCheck(db, 'invoices', INSERTED).recipe(insertedFrom(asOf));
}

const INVOICE_FIELDS = ['customer_id', 'issue_date', 'due_date', 'currency', 'amount_minor', 'status'] as const;

const values = (n: number, one: string) => Array<string>(n).fill(one).join(', ');

/** The outcome of every new invoice: shared, not one object per row. */
const ADDED: ApplyOutcome = Object.freeze({ invoice: 'added', paymentMinor: 0 });
/** The page cache while a dropped index is rebuilt: SQLite's sorter sorts runs of this size (see finish). */
const SORT_RUN_KIB = 1024;
/** An import adding more invoices than this, and than the ledger held, rebuilds indexes once at the end instead. */
const BULK = 4_096;

interface InvoiceRow {
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  status: string;
}

const rowOf = (r: InvoiceRecord): InvoiceRow => ({
  number: r.number,
  customer_id: r.customerId,
  issue_date: r.issueDate,
  due_date: r.dueDate,
  currency: r.currency,
  amount_minor: r.amount,
  status: r.status,
});

/**
 * The line of this file where each invoice (by its rowid) first appeared: the ledger's primary
 * key finds a number seen before, this says where. Four bytes per invoice, not a map of numbers.
 */
class FirstLines {
  private lines = new Int32Array(1 << 16);
  private readonly far = new Map<number, number>();

  get(rowid: number): number {
    return (rowid < this.lines.length ? this.lines[rowid] : this.far.get(rowid)) || 0;
  }

  set(rowid: number, line: number): void {
    if (rowid >= this.lines.length && rowid < 1 << 24) {
      let size = this.lines.length;
      while (size <= rowid) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.lines);
      this.lines = grown;
    }
    if (rowid < this.lines.length) this.lines[rowid] = line;
    else this.far.set(rowid, line);
  }
}

/**
 * Writes imported invoices into the ledger: new ones are added, changed ones updated with an
 * event naming each old and new value, and a higher amount paid becomes a payment. Rows come
 * in batches, in file order: one query finds which of them the ledger knows, and the new ones
 * are inserted many rows to a statement.
 */
export class InvoiceWriter {
  private readonly q;
  private readonly customers: CustomerWriter;
  private readonly firstLines = new FirstLines();
  /** New invoices, with what was paid on them before they reached us, many to a statement. */
  private readonly invoiceRows: ManyRows<CheckedRecord>;
  /** How many invoices the ledger held (its highest rowid) before this file. */
  private readonly before: number;
  private added = 0;
  /** What the import summary should tell the owner: a field a re-import changed, less paid than recorded. */
  readonly notes: string[] = [];
  /** Indexes dropped for a bulk load, to be rebuilt by finish(). */
  private dropped: string[] | null = null;
  /** Row sums set aside for a bulk load (see suspendRowSums), put back by finish(). */
  private suspended: { resume: () => void }[] = [];

  constructor(
    private readonly db: Ledger,
    private readonly events: EventLog,
    private readonly source: { file: string; asOf: IsoDate; repeatsMarked?: boolean },
  ) {
    this.q = {
      invoice: db.prepare('SELECT * FROM invoices WHERE number = ?'),
      rowid: db.prepare('SELECT rowid FROM invoices WHERE number = ?').pluck(),
      known: db.prepare(`SELECT rowid AS rowid, * FROM invoices WHERE number IN (${values(CHUNK, '?')})`),
      updateInvoice: db.prepare(
        `UPDATE invoices SET customer_id = @customer_id, issue_date = @issue_date, due_date = @due_date,
         currency = @currency, amount_minor = @amount_minor, status = @status WHERE number = @number`,
      ),
      paid: db.prepare(`SELECT ${paidSql()} FROM invoices i WHERE i.number = ?`).pluck(),
      insertPayment: db.prepare(
        `INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source, kind) VALUES (?, ?, ?, ?, 'import', ?)`,
      ),
      samePayment: db.prepare(
        `SELECT 1 FROM payments WHERE invoice_number = ? AND paid_on = ? AND amount_minor = ? AND source = 'import'
         AND NOT (${SNAPSHOT_SQL})`,
      ).pluck(),
      snapshot: db.prepare(
        `SELECT i.paid_before_minor + COALESCE((SELECT SUM(amount_minor) FROM payments
           WHERE invoice_number = i.number AND source = 'import' AND ${SNAPSHOT_SQL}), 0)
         FROM invoices i WHERE i.number = ?`,
      ).pluck(),
    };
    // imported_on: the day what the export said was paid (paid_before_minor) counts from in reports.
    const check = new RowCheck(db, 'invoices', INSERTED);
    this.invoiceRows = new ManyRows(db, `INSERT OR IGNORE INTO invoices (${INSERTED.join(', ')}, row_check)`, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', 10, (r, args, a) => {
      args[a] = r.number;
      args[a + 1] = r.customerId;
      args[a + 2] = r.issueDate;
      args[a + 3] = r.dueDate;
      args[a + 4] = r.currency;
      args[a + 5] = r.amount;
      args[a + 6] = r.status;
      args[a + 7] = r.amountPaid;
      args[a + 8] = source.asOf;
      // Computed by the reading thread when it was given invoiceCheckRecipe; else here.
      args[a + 9] = r.invoiceCheck ?? check.ofArgs(args, a);
    });
    this.customers = new CustomerWriter(db, events, source.file, source.repeatsMarked, this.notes);
    this.before = (db.prepare('SELECT COALESCE(MAX(rowid), 0) FROM invoices').pluck().get() as number) ?? 0;
  }

  /**
   * Applies a batch of invoice rows in file order. Each gets its outcome, or is refused: an
   * invoice number seen before in this file (the first line is named), or one the ledger holds
   * for another customer. Refused rows write nothing.
   */
  applyAll(records: InvoiceRecord[]): (ApplyOutcome | RowRefusal)[] {
    if (this.before === 0) return this.applyNew(records);
    const known = this.known(records.map((r) => r.number));
    const inBatch = new Map<string, number>();
    const fresh: InvoiceRecord[] = [];
    const outcomes = records.map((r): ApplyOutcome | RowRefusal => {
      const old = known.get(r.number);
      const first = old ? this.firstLines.get(old.rowid) : inBatch.get(r.number);
      if (first) return this.again(r, first);
      if (old && old.customer_id !== r.customerId) {
        return { column: 'invoice_number', message: `${r.number} already belongs to customer ${old.customer_id} in the ledger, and this row gives it to customer ${r.customerId} (invoice numbers are unique: check the number, or the customer)` };
      }
      this.customers.upsert(r);
      if (old) {
        this.firstLines.set(old.rowid, r.line);
        return this.update(old, r);
      }
      inBatch.set(r.number, r.line);
      fresh.push(r);
      return ADDED;
    });
    this.insert(fresh);
    return outcomes;
  }

  /**
   * Into a ledger that held no invoices before this file, every row is new: no query asks which
   * the ledger knows. A number the file repeats is found by the primary key refusing it. The
   * customers are written after their invoices, so that a refused row writes nothing: imports
   * run with foreign keys unchecked (src/ledger/loading.ts).
   */
  private applyNew(records: InvoiceRecord[]): (ApplyOutcome | RowRefusal)[] {
    const refused = this.insert(records);
    const outcomes = new Array<ApplyOutcome | RowRefusal>(records.length);
    const written: InvoiceRecord[] = [];
    for (let i = 0; i < records.length; i++) {
      const refusal = refused.get(i);
      if (refusal) outcomes[i] = refusal;
      else {
        written.push(records[i]!);
        outcomes[i] = ADDED;
      }
    }
    this.customers.upsertAll(written);
    return outcomes;
  }

  private again(r: InvoiceRecord, first: number): RowRefusal {
    return { column: 'invoice_number', message: `${r.number} appears again (first on line ${first}; one row per invoice)` };
  }

  /** Puts back what a bulk load set aside; call once the file's rows are all applied. */
  finish(): void {
    for (const s of this.suspended.splice(0)) s.resume();
    if (!this.dropped) return;
    // The reading thread is done by now: SQLite may sort the index with a helper thread. It
    // sorts in runs the size of the page cache, each sorted while the next is read, then merges
    // them: runs of 1 MB, which stay in the processor's cache, made the rebuild of a million
    // invoices' index twice as fast as runs of 16 MB (0.64 s -> 0.34 s).
    const threads = this.db.pragma('threads', { simple: true }) as number;
    const cache = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`threads = ${Math.min(4, availableParallelism())}`);
    this.db.pragma(`cache_size = ${-SORT_RUN_KIB}`);
    try {
      for (const sql of this.dropped) this.db.exec(sql);
    } finally {
      this.db.pragma(`threads = ${threads}`);
      this.db.pragma(`cache_size = ${cache}`);
    }
    this.dropped = null;
  }

  /** The ledger's invoices among these numbers, by number, with their rowids. */
  private known(numbers: string[]): Map<string, InvoiceRow & { rowid: number }> {
    const found = new Map<string, InvoiceRow & { rowid: number }>();
    for (let i = 0; i < numbers.length; i += CHUNK) {
      const chunk = numbers.slice(i, i + CHUNK);
      while (chunk.length < CHUNK) chunk.push(null as unknown as string);
      for (const row of this.q.known.all(chunk) as (InvoiceRow & { rowid: number })[]) found.set(row.number, row);
    }
    return found;
  }

  /**
   * Adds new invoices, many to a statement, with what was already paid on them. A number the
   * ledger holds already, or that came earlier in the same statement, is turned away by the
   * primary key (INSERT OR IGNORE): the refusals come back by position in `records`.
   */
  private insert(records: InvoiceRecord[]): Map<number, RowRefusal> {
    const refused = new Map<number, RowRefusal>();
    if (records.length === 0) return refused;
    if (!this.dropped && this.added + records.length >= BULK && this.added + records.length > this.before) this.dropIndexes();
    for (const c of this.invoiceRows.insert(records)) {
      if (c.result.changes === c.n) this.remember(records, c.from, c.result.lastInsertRowid, c.n);
      else this.sortOut(records, c, refused);
    }
    this.added += records.length - refused.size;
    return refused;
  }

  /**
   * A statement that added fewer invoices than it was given. The ones it added took the last
   * `changes` rowids, in the order of their rows; each row whose number has the next of those
   * rowids is one of them, and every other row was turned away (into `refused`): its number is
   * in the ledger already, at the line it first came on.
   */
  private sortOut(records: InvoiceRecord[], { from, n, result }: Chunk, refused: Map<number, RowRefusal>): void {
    let next = result.changes > 0 ? Number(result.lastInsertRowid) - result.changes + 1 : Number.NaN;
    for (let k = from; k < from + n; k++) {
      const r = records[k]!;
      const rowid = this.q.rowid.get(r.number) as number | undefined;
      if (rowid === undefined) throw new Error(`the ledger refused invoice ${r.number} of line ${r.line}, and not for its number`);
      if (rowid === next) {
        this.firstLines.set(rowid, r.line);
        next++;
      } else refused.set(k, this.again(r, this.firstLines.get(rowid)));
    }
  }

  /** Rows of one insert get consecutive rowids ending at the last one: notes each row's line. */
  private remember(records: InvoiceRecord[], from: number, last: number | bigint, count: number): void {
    const first = Number(last) - count + 1;
    for (let k = 0; k < count; k++) this.firstLines.set(first + k, records[from + k]!.line);
  }

  /**
   * A bulk load writes the customer index in customer order, at random places: rebuilding it
   * once at the end is several times faster. Inside the transaction, so a failed import keeps it.
   */
  private dropIndexes(): void {
    const indexes = this.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    this.suspended.push(suspendRowSums(this.db, 'invoices'), suspendRowSums(this.db, 'customers'));
    this.dropped = indexes.map((i) => i.sql);
  }

  /** The invoice as the ledger holds it: a payment is matched to it by number. */
  invoice(number: string): { customerId: string; currency: string; amount: number; paid: number } | undefined {
    const row = this.q.invoice.get(number) as InvoiceRow | undefined;
    if (!row) return undefined;
    return { customerId: row.customer_id, currency: row.currency, amount: row.amount_minor, paid: this.q.paid.get(number) as number };
  }

  /**
   * Records a payment from a payments export. One already recorded from an import (same invoice,
   * day and amount) is the same payment listed again by a newer export: unchanged. The invoice
   * export's "paid so far" and the payments export describe the same money: a dated payment
   * replaces as much of that undated snapshot as it covers, so nothing is counted twice.
   */
  applyPayment(p: { invoiceNumber: string; paidOn: IsoDate; minor: number; reference: string | null }): 'added' | 'unchanged' {
    if (this.q.samePayment.get(p.invoiceNumber, p.paidOn, p.minor)) return 'unchanged';
    const inv = this.invoice(p.invoiceNumber)!;
    this.q.insertPayment.run(p.invoiceNumber, p.paidOn, p.minor, p.reference ?? `payment in ${this.source.file}`, 'payment');
    const snapshot = this.q.snapshot.get(p.invoiceNumber) as number;
    const replaced = p.minor > 0 ? Math.min(p.minor, snapshot) : 0;
    if (replaced > 0) this.q.insertPayment.run(p.invoiceNumber, p.paidOn, -replaced, 'replaced by dated payment', 'replaced');
    this.events.append({
      kind: 'payment',
      customerId: inv.customerId,
      invoiceNumber: p.invoiceNumber,
      data: { source: 'import', file: this.source.file, currency: inv.currency, minor: p.minor, on: p.paidOn, reference: p.reference, replacesUndated: replaced },
    });
    return 'added';
  }

  /** An invoice the ledger knows, as this row describes it now. */
  private update(old: InvoiceRow, r: InvoiceRecord): ApplyOutcome {
    const next = rowOf(r);
    // A write-off is the owner's decision: a later export still showing the invoice open keeps it.
    if (old.status === 'written-off' && next.status === 'open') next.status = old.status;
    let outcome: ApplyOutcome['invoice'] = 'unchanged';
    const changes = diff(old, next, INVOICE_FIELDS);
    if (changes) {
      this.q.updateInvoice.run(next);
      this.events.append({
        kind: 'invoice-updated',
        customerId: r.customerId,
        invoiceNumber: r.number,
        data: { file: this.source.file, changes },
      });
      outcome = 'updated';
    }
    // A newer export that shows more paid (or more of a credit applied) than we know of brings a
    // payment, dated the as-of day.
    const recorded = this.q.paid.get(r.number) as number;
    const delta = r.amountPaid - recorded;
    if (r.amount >= 0 ? delta < 0 : delta > 0) this.notes.push(lessPaid(r, recorded));
    if (r.amount >= 0 ? delta > 0 : delta < 0) {
      this.q.insertPayment.run(r.number, this.source.asOf, delta, `import ${this.source.file}`, 'export-paid');
      this.events.append({
        kind: 'payment',
        customerId: r.customerId,
        invoiceNumber: r.number,
        data: { source: 'import', file: this.source.file, currency: r.currency, minor: delta, on: this.source.asOf },
      });
      return { invoice: outcome, paymentMinor: delta };
    }
    return { invoice: outcome, paymentMinor: 0 };
  }
}

/** A newer export showing less paid than the ledger recorded: kept as recorded, and said. */
function lessPaid(r: InvoiceRecord, recorded: number): string {
  const money = (minor: number) => `${formatDecimal(Math.abs(minor), r.currency)} ${r.currency}`;
  const what = r.amount >= 0 ? 'paid' : 'applied';
  return `${r.number}: this export says ${money(r.amountPaid)} was ${what}, but the ledger has ${money(recorded)} recorded; the ledger keeps its figure (if the export is right, see \`dunning payment list ${shellQuote(r.number)}\` and void the payment that is wrong)`;
}

function diff<T extends object>(old: T, next: T, fields: readonly (keyof T)[]): Record<string, { from: unknown; to: unknown }> | null {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (old[f] !== next[f]) changes[String(f)] = { from: old[f], to: next[f] };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
