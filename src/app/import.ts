import { basename } from 'node:path';
import { InputError, type InputProblem } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { InvoiceWriter } from '../ledger/invoices.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { readInvoices } from '../import/read.js';
import type { Moment } from './workspace.js';

export interface ImportOptions {
  dryRun?: boolean;
  /** Currency for files that name none (--currency, else the config's defaultCurrency). */
  currency?: string | null;
}

/** The `import --json` contract (DESIGN.md). */
export interface ImportReport {
  files: string[];
  invoices: { added: number; updated: number; unchanged: number };
  payments: { added: number };
  rejected: number;
  errors: InputProblem[];
  dryRun: boolean;
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

/**
 * Loads invoices from CSV files, all or nothing: any invalid row and nothing is written (the
 * report lists every problem). The same file again changes nothing; a newer export updates what
 * changed, each change an event.
 */
export async function importFiles(db: Ledger, files: string[], moment: Moment, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = {
    files,
    invoices: { added: 0, updated: 0, unchanged: 0 },
    payments: { added: 0 },
    rejected: 0,
    errors: [],
    dryRun: Boolean(options.dryRun),
  };
  const events = new EventLog(db, moment.stamp);
  const known = db.prepare('SELECT 1 FROM imports WHERE sha256 = ?').pluck();
  const remember = db.prepare('INSERT OR IGNORE INTO imports (sha256, file, event_id) VALUES (?, ?, ?)');

  await writeTransaction(
    db,
    async () => {
      for (const file of files) {
        const name = basename(file);
        const writer = new InvoiceWriter(db, events, { file: name, asOf: moment.asOf });
        const seen = new Map<string, number>();
        const counts = { added: 0, updated: 0, unchanged: 0, payments: 0 };
        const read = readInvoices(file, { file, defaultCurrency: options.currency ?? null });
        for await (const item of read.items) {
          if ('problems' in item) {
            report.errors.push(...item.problems);
            report.rejected++;
            continue;
          }
          const r = item.record;
          const first = seen.get(r.number);
          if (first !== undefined) {
            report.errors.push({ file, line: r.line, column: 'invoice_number', message: `${r.number} appears again (first on line ${first}; one row per invoice)` });
            report.rejected++;
            continue;
          }
          seen.set(r.number, r.line);
          const owner = writer.existingCustomerOf(r.number);
          if (owner !== undefined && owner !== r.customerId) {
            report.errors.push({ file, line: r.line, column: 'customer_id', message: `${r.number} belongs to ${owner} in the ledger, not ${r.customerId} (invoice numbers are unique)` });
            report.rejected++;
            continue;
          }
          if (report.errors.length > 0) continue; // nothing will be written; keep validating
          const outcome = writer.apply(r);
          counts[outcome.invoice]++;
          if (outcome.paymentMinor > 0) counts.payments++;
        }
        report.invoices.added += counts.added;
        report.invoices.updated += counts.updated;
        report.invoices.unchanged += counts.unchanged;
        report.payments.added += counts.payments;
        if (report.errors.length > 0) continue;
        const sha256 = read.sha256();
        const changed = counts.added + counts.updated + counts.payments > 0;
        if (changed || !known.get(sha256)) {
          const id = events.append({ kind: 'import', data: { file: name, path: file, sha256, ...counts } });
          remember.run(sha256, name, id);
        }
      }
      return report;
    },
    (r) => r.errors.length === 0 && !r.dryRun,
  );
  if (report.errors.length > 0) {
    const n = report.errors.length;
    throw new ImportRejected(`${n} problem${n === 1 ? '' : 's'} found; nothing was imported`, report);
  }
  return report;
}
