import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, type InputProblem } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { InvoiceWriter } from '../ledger/invoices.js';
import type { Ledger } from '../ledger/open.js';
import { whileLoading } from '../ledger/loading.js';
import { writeTransaction } from '../ledger/transaction.js';
import { parseAmount } from '../import/amounts.js';
import type { DateOrder } from '../import/dates.js';
import type { Mapping } from '../import/mapping-schema.js';
import { openImport, type ReadResult } from '../import/read.js';
import type { InvoiceRecord, PaymentRecord } from '../import/record.js';
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

/**
 * Loads invoices and payments from CSV files, all or nothing: any invalid row and nothing is
 * written (the report lists every problem), unless --skip-invalid sets the bad rows aside. The
 * same file again changes nothing; a newer export updates what changed, each change an event.
 */
export async function importFiles(db: Ledger, files: string[], moment: Moment, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = {
    files,
    invoices: { added: 0, updated: 0, unchanged: 0 },
    payments: { added: 0 },
    rejected: 0,
    errors: [],
    dryRun: Boolean(options.dryRun),
    formats: [],
    derivedDueDates: 0,
    derivedCustomers: [],
    rejectsFiles: [],
    notes: [],
  };
  const events = new EventLog(db, moment.stamp);
  const known = db.prepare('SELECT 1 FROM imports WHERE sha256 = ?').pluck();
  const remember = db.prepare('INSERT OR IGNORE INTO imports (sha256, file, event_id) VALUES (?, ?, ?)');
  const states: FileState[] = [];
  const derived = new Set<string>();
  const mapping = options.mapping && options.kind ? { ...options.mapping, kind: options.kind } : (options.mapping ?? null);

  // Large files are loaded in bulk (src/ledger/loading.ts); a dry run is rolled back anyway.
  const bulk = !options.dryRun && db.name !== ':memory:' && files.reduce((n, f) => n + fileSize(f), 0) >= BULK_BYTES;
  await whileLoading(db, bulk, () => writeTransaction(
    db,
    async () => {
      for (const file of files) {
        const name = basename(file);
        const counts = { added: 0, updated: 0, unchanged: 0, payments: 0 };
        let read: ReadResult;
        try {
          read = await openImport(file, {
            file,
            format: options.format ?? 'auto',
            kind: options.kind ?? null,
            mapping,
            currency: options.currency ?? null,
            defaultCurrency: options.defaultCurrency ?? null,
            dateOrder: options.dateOrder ?? null,
            termsDays: options.termsDays ?? 30,
            keepRaw: options.skipInvalid,
          });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          report.errors.push(...e.problems);
          report.formats.push('unknown');
          continue;
        }
        const writer = new InvoiceWriter(db, events, { file: name, asOf: moment.asOf, repeatsMarked: read.repeatsMarked });
        const state: FileState = { file, read, rejects: [] };
        states.push(state);
        report.formats.push(read.format);
        const reject = (raw: string[] | undefined, problems: InputProblem[]) => {
          report.rejected++;
          if (options.skipInvalid && raw) state.rejects.push({ raw, reason: problems.map((p) => `${p.column}: ${p.message}`).join('; ') });
          else report.errors.push(...problems);
        };
        let rows = 0;
        for await (const batch of read.items) {
          // Invoice rows go to the ledger a batch at a time; duplicates and reassigned numbers
          // come back refused. Rows keep being written after a problem (so that a number seen
          // twice is still found by the ledger), and the transaction is then rolled back.
          const records: InvoiceRecord[] = [];
          for (const item of batch) if ('record' in item) records.push(item.record);
          const outcomes = writer.applyAll(records);
          let next = 0;
          for (const item of batch) {
            if (options.onProgress && ++rows % 10_000 === 0) options.onProgress(file, rows);
            if ('problems' in item) {
              reject(item.raw, item.problems);
              continue;
            }
            if ('payment' in item) {
              const problem = paymentProblem(writer, item.payment, file);
              if (typeof problem !== 'number') {
                reject(item.raw, [problem]);
                continue;
              }
              if (report.errors.length > 0) continue;
              const outcome = writer.applyPayment({ ...item.payment, minor: problem });
              if (outcome === 'added') counts.payments++;
              continue;
            }
            const r = item.record;
            const outcome = outcomes[next++]!;
            if ('message' in outcome) {
              reject(item.raw, [{ file, line: r.line, ...outcome }]);
              continue;
            }
            if (r.customerIdDerived && !derived.has(r.customerId)) {
              derived.add(r.customerId);
              report.derivedCustomers.push({ id: r.customerId, name: r.customerName });
            }
            counts[outcome.invoice]++;
            if (outcome.paymentMinor !== 0) counts.payments++;
          }
        }
        writer.finish();
        report.invoices.added += counts.added;
        report.invoices.updated += counts.updated;
        report.invoices.unchanged += counts.unchanged;
        report.payments.added += counts.payments;
        report.derivedDueDates += read.derivedDueDates;
        report.notes.push(...read.notes);
        if (report.errors.length > 0) continue;
        const sha256 = read.sha256();
        const changed = counts.added + counts.updated + counts.payments > 0;
        if (changed || !known.get(sha256)) {
          const id = events.append({ kind: 'import', data: { file: name, path: file, sha256, format: read.format, ...counts, rejected: state.rejects.length } });
          remember.run(sha256, name, id);
        }
      }
      return report;
    },
    (r) => r.errors.length === 0 && !r.dryRun,
  ));
  if (report.errors.length > 0) {
    const n = report.errors.length;
    throw new ImportRejected(`${n} problem${n === 1 ? '' : 's'} found; nothing was imported`, report);
  }
  if (!report.dryRun) {
    for (const s of states) {
      if (s.rejects.length > 0) report.rejectsFiles.push(writeRejects(s.file, s.read.headerRaw, s.read.dialect.delimiter, s.rejects));
    }
  }
  return report;
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
function paymentProblem(writer: InvoiceWriter, p: PaymentRecord, file: string): number | InputProblem {
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
