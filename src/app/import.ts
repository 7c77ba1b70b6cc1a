import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, type InputProblem } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { noteExportSeen } from '../ledger/deliveries.js';
import { ImportedFiles } from '../ledger/imports.js';
import { customerCheckRecipe } from '../ledger/customers.js';
import { invoiceCheckRecipe, InvoiceWriter, type ApplyOutcome, type RowRefusal } from '../ledger/invoices.js';
import type { Ledger } from '../ledger/open.js';
import { whileLoading } from '../ledger/loading.js';
import { writeTransaction } from '../ledger/transaction.js';
import { parseAmount } from '../import/amounts.js';
import type { DateOrder } from '../import/dates.js';
import type { Mapping } from '../import/mapping-schema.js';
import { openImport, type ReadItem, type ReadResult } from '../import/read.js';
import type { PaymentRecord } from '../import/record.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import { writeRejects, type Reject } from '../import/rejects.js';
import type { Moment } from './workspace.js';

export interface ImportOptions {
  dryRun?: boolean;
  /** --currency: for rows that name no currency. */
  currency?: string | null;
  /** The config's defaultCurrency, after --currency and a mapping file's own. */
  defaultCurrency?: string | null;
  /** `auto` (the default) or a format's name. */
  format?: string;
  mapping?: Mapping | null;
  dateOrder?: DateOrder | null;
  /** The config's defaultTermsDays: due date = invoice date + terms where a file has no due date. */
  termsDays?: number;
  /** Only recognise formats of this kind (--kind). */
  kind?: 'invoices' | 'payments' | null;
  /** Import the valid rows; write the others to <file>.rejects.csv. */
  skipInvalid?: boolean;
  /** Told the rows read so far, every 10,000 rows (the CLI shows a progress line on a terminal). */
  onProgress?: (file: string, rows: number) => void;
}

/** The `import --json` contract (DESIGN.md); keys after `dryRun` were added for real exports. */
export interface ImportReport {
  files: string[];
  invoices: { added: number; updated: number; unchanged: number };
  payments: { added: number };
  rejected: number;
  errors: InputProblem[];
  dryRun: boolean;
  /** The format recognised for each file, in the order of `files`. */
  formats: string[];
  /** Invoices whose due date was derived from the invoice date plus the terms. */
  derivedDueDates: number;
  /** Customer ids made from names, for exports without ids. */
  derivedCustomers: { id: string; name: string }[];
  /** Where --skip-invalid wrote rejected rows. */
  rejectsFiles: string[];
  /** Things worth knowing that are not problems (a header without rows, a repeated payment). */
  notes: string[];
}

/** An import refused for bad rows: nothing was written; the report lists every problem. */
export class ImportRejected extends InputError {
  constructor(
    message: string,
    readonly report: ImportReport,
  ) {
    super(message, report.errors);
  }
}

interface FileState {
  file: string;
  read: ReadResult;
  rejects: Reject[];
}

type Counts = { added: number; updated: number; unchanged: number; payments: number };

/**
 * Loads invoices and payments from CSV files, all or nothing: any invalid row and nothing is
 * written (the report lists every problem), unless --skip-invalid sets the bad rows aside. The
 * same file again changes nothing; a newer export updates what changed, each change an event.
 */
export async function importFiles(db: Ledger, files: string[], moment: Moment, options: ImportOptions = {}): Promise<ImportReport> {
  const session = new ImportSession(db, moment, options, emptyReport(files, Boolean(options.dryRun)));
  // Large files are loaded in bulk (src/ledger/loading.ts); a dry run is rolled back anyway.
  const bulk = !options.dryRun && db.name !== ':memory:' && files.reduce((n, f) => n + fileSize(f), 0) >= BULK_BYTES;
  const report = await whileLoading(db, bulk, () =>
    writeTransaction(db, () => session.importAll(files), (r) => r.errors.length === 0 && !r.dryRun),
  );
  if (report.errors.length > 0) {
    const n = report.errors.length;
    throw new ImportRejected(`${n} problem${n === 1 ? '' : 's'} found; nothing was imported`, report);
  }
  if (!report.dryRun) {
    for (const s of session.states) {
      if (s.rejects.length > 0) report.rejectsFiles.push(writeRejects(s.file, s.read.headerRaw, s.read.dialect.delimiter, s.rejects));
    }
  }
  return report;
}

function emptyReport(files: string[], dryRun: boolean): ImportReport {
  return {
    files,
    invoices: { added: 0, updated: 0, unchanged: 0 },
    payments: { added: 0 },
    rejected: 0,
    errors: [],
    dryRun,
    formats: [],
    derivedDueDates: 0,
    derivedCustomers: [],
    rejectsFiles: [],
    notes: [],
  };
}

/** One import command's files, read and written in order inside its one transaction. */
class ImportSession {
  readonly states: FileState[] = [];
  private readonly events: EventLog;
  private readonly imported: ImportedFiles;
  private readonly derived = new Set<string>();
  private readonly mapping: Mapping | null;
  private rows = 0;

  constructor(
    private readonly db: Ledger,
    private readonly moment: Moment,
    private readonly options: ImportOptions,
    private readonly report: ImportReport,
  ) {
    this.events = new EventLog(db, moment.stamp);
    this.imported = new ImportedFiles(db);
    const o = options;
    this.mapping = o.mapping && o.kind ? { ...o.mapping, kind: o.kind } : (o.mapping ?? null);
  }

  async importAll(files: string[]): Promise<ImportReport> {
    for (const file of files) await this.importFile(file);
    return this.report;
  }

  /** One file: opened, its rows applied, and the import remembered when all went well. */
  private async importFile(file: string): Promise<void> {
    this.rows = 0;
    const read = await this.open(file);
    if (!read) return;
    const state: FileState = { file, read, rejects: [] };
    this.states.push(state);
    this.report.formats.push(read.format);
    if (read.kind === 'payments' && this.report.errors.length > 0) {
      // Its invoices failed: checking each payment against them would only repeat that.
      this.report.errors.push({ file, line: 1, column: '(file)', message: 'not checked: its invoices were not imported (fix the invoices file, then import both again)' });
      return;
    }
    const writer = new InvoiceWriter(this.db, this.events, { file: basename(file), asOf: this.moment.asOf, repeatsMarked: read.repeatsMarked });
    const counts: Counts = { added: 0, updated: 0, unchanged: 0, payments: 0 };
    for await (const batch of read.items) this.applyBatch(state, writer, batch, counts);
    writer.finish();
    this.addUp(counts, read);
    if (this.report.errors.length === 0) this.remember(state, counts);
  }

  /** The file opened and its format recognised, or null with its problems in the report. */
  private async open(file: string): Promise<ReadResult | null> {
    const o = this.options;
    try {
      return await openImport(file, {
        file,
        format: o.format ?? 'auto',
        kind: o.kind ?? null,
        mapping: this.mapping,
        currency: o.currency ?? null,
        defaultCurrency: o.defaultCurrency ?? null,
        dateOrder: o.dateOrder ?? null,
        termsDays: o.termsDays ?? 30,
        keepRaw: o.skipInvalid,
        rowChecks: { invoice: invoiceCheckRecipe(this.db, this.moment.asOf), customer: customerCheckRecipe(this.db) },
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      this.report.errors.push(...e.problems);
      this.report.formats.push('unknown');
      return null;
    }
  }

  /**
   * A batch of rows in file order. Invoice rows go to the ledger together; duplicates and
   * reassigned numbers come back refused. Rows keep being written after a problem (so that a
   * number seen twice is still found by the ledger), and the transaction is then rolled back.
   */
  private applyBatch(state: FileState, writer: InvoiceWriter, batch: ReadItem[], counts: Counts): void {
    const records: InvoiceRecord[] = [];
    for (const item of batch) if ('record' in item) records.push(item.record);
    const outcomes = writer.applyAll(records);
    this.report.notes.push(...writer.notes.splice(0));
    let next = 0;
    for (const item of batch) {
      if (this.options.onProgress && ++this.rows % 10_000 === 0) this.options.onProgress(state.file, this.rows);
      if ('problems' in item) this.reject(state, item.raw, item.problems);
      else if ('payment' in item) this.applyPayment(state, writer, item, counts);
      else this.countInvoice(state, item, outcomes[next++]!, counts);
    }
  }

  private countInvoice(state: FileState, item: { record: InvoiceRecord; raw?: string[] }, outcome: ApplyOutcome | RowRefusal, counts: Counts): void {
    const r = item.record;
    if ('message' in outcome) return this.reject(state, item.raw, [{ file: state.file, line: r.line, ...outcome }]);
    if (r.customerIdDerived && !this.derived.has(r.customerId)) {
      this.derived.add(r.customerId);
      this.report.derivedCustomers.push({ id: r.customerId, name: r.customerName });
    }
    counts[outcome.invoice]++;
    if (outcome.paymentMinor !== 0) counts.payments++;
  }

  private applyPayment(state: FileState, writer: InvoiceWriter, item: { payment: PaymentRecord; raw: string[] }, counts: Counts): void {
    const minor = paymentMinor(writer, item.payment, state.file);
    if (typeof minor !== 'number') return this.reject(state, item.raw, [minor]);
    if (this.report.errors.length > 0) return;
    if (writer.applyPayment({ ...item.payment, minor }) === 'added') counts.payments++;
  }

  /** A refused row: set aside for the rejects file (--skip-invalid), else a problem that stops the import. */
  private reject(state: FileState, raw: string[] | undefined, problems: InputProblem[]): void {
    this.report.rejected++;
    if (this.options.skipInvalid && raw) state.rejects.push({ raw, reason: problems.map((p) => `${p.column}: ${p.message}`).join('; ') });
    else this.report.errors.push(...problems);
  }

  private addUp(counts: Counts, read: ReadResult): void {
    const r = this.report;
    r.invoices.added += counts.added;
    r.invoices.updated += counts.updated;
    r.invoices.unchanged += counts.unchanged;
    r.payments.added += counts.payments;
    r.derivedDueDates += read.derivedDueDates;
    r.notes.push(...read.notes);
  }

  /** The import event and the file's SHA-256, unless the same bytes came before and changed nothing. */
  private remember(state: FileState, counts: Counts): void {
    const { read, file } = state;
    const name = basename(file);
    const sha256 = read.sha256();
    const changed = counts.added + counts.updated + counts.payments > 0;
    noteExportSeen(this.db, sha256, this.moment.asOf); // send's freshness check (issue 16)
    if (!changed && this.imported.has(sha256)) return;
    const id = this.events.append({ kind: 'import', data: { file: name, path: file, sha256, format: read.format, ...counts, rejected: state.rejects.length } });
    this.imported.add(sha256, name, id);
  }
}

/** From this size, in all, the files are loaded in bulk. */
const BULK_BYTES = 4 << 20;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The payment's amount in its invoice's minor units, or why it cannot be matched. */
function paymentMinor(writer: InvoiceWriter, p: PaymentRecord, file: string): number | InputProblem {
  const at = (column: string, message: string): InputProblem => ({ file, line: p.line, column, message });
  const invoice = writer.invoice(p.invoiceNumber);
  if (!invoice) return at('invoice_number', `no invoice ${p.invoiceNumber} in the ledger (import the invoices first, or name their file before the payments file)`);
  if (p.currency && p.currency !== invoice.currency) {
    return at('currency', `the payment is in ${p.currency}, but invoice ${p.invoiceNumber} is in ${invoice.currency} (record it by hand with dunning pay)`);
  }
  const amount = parseAmount(p.amountText, invoice.currency, p.decimal);
  if (!amount.ok) return at('amount', `${amount.message} (write it like 100.00)`);
  if (amount.minor === 0) return at('amount', 'is zero (a payment moves money)');
  return amount.minor;
}
