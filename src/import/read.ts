import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseSync } from 'csv-parse/sync';
import { InputError, type InputProblem } from '../domain/errors.js';
import { readingNote, spreadsheetReading, writtenBySpreadsheet } from './canonical-resaved.js';
import { BATCH_ROWS, streamCanonical, type CanonicalSource } from './canonical-stream.js';
import { readInWorker } from './canonical-worker-client.js';
import type { DateOrder } from './dates.js';
import { sniffDialect, type Dialect } from './dialect.js';
import { duplicateColumns, likelyHeader, matchHeader } from './header.js';
import { readMapped } from './mapped.js';
import type { Mapping } from './mapping-schema.js';
import { PRESETS, type Preset } from './presets/index.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import type { ImportRowChecks } from '../domain/row-digest.js';
import type { PaymentRecord } from './record.js';
import type { SourceRow } from './rows.js';
import { BINARY, changedWhileRead, fileTrouble, firstInvalidUtf8, lineAt, NOT_UTF8, readHead, refuseFile, sourceSize } from './source-file.js';

/** A row's outcome; `raw` is the row's text for a rejects file (none: a problem with the whole file). */
export type ReadItem =
  | { record: InvoiceRecord; raw?: string[] }
  | { payment: PaymentRecord; raw: string[] }
  | { problems: InputProblem[]; raw?: string[] };

export interface ReadOptions {
  file: string;
  /** `auto`, or a preset's name. */
  format: string;
  /** Only formats of this kind are recognised (--kind). */
  kind: 'invoices' | 'payments' | null;
  mapping: Mapping | null;
  currency: string | null;
  defaultCurrency: string | null;
  dateOrder: DateOrder | null;
  termsDays: number;
  /** Keep each row's text for a rejects file (--skip-invalid); the canonical fast path skips it otherwise. */
  keepRaw?: boolean;
  /** How the ledger checks new rows: a reading worker computes each row's check beside its other work. */
  rowChecks?: ImportRowChecks;
}

export interface ReadResult {
  format: string;
  kind: 'invoices' | 'payments';
  dialect: Dialect;
  /** The header row's text, for a rejects file. */
  headerRaw: string;
  /** SHA-256 of the file's bytes, complete once the items have been read. */
  sha256: () => string;
  /**
   * Whether each invoice whose customer is as an earlier row of the file gave it is marked
   * (InvoiceRecord.customerRepeated): the ledger then need not remember customers itself.
   */
  repeatsMarked: boolean;
  /** The rows' outcomes in file order, in batches (the ledger writes a batch at a time). */
  items: AsyncIterable<ReadItem[]>;
  derivedDueDates: number;
  notes: string[];
}

const HEAD_BYTES = 64 * 1024;
/** From this size a canonical file is read in a worker thread (below it, starting one costs more than it saves). */
const WORKER_BYTES = 4 << 20;


/** Records of CSV text as rows, tolerant of ragged rows (preambles and footers are ragged). */
function parseRows(text: string, delimiter: string): SourceRow[] {
  const records = parseSync(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return records.map((r) => ({ cells: r.record, line: r.info.lines, raw: r.raw.replace(/\r?\n?$/, '') }));
}

const shortText = (cells: string[], delimiter: string) => {
  const s = cells.join(delimiter);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

/** The header and its format, or an error that shows the header and how to write a mapping. */
function chooseFormat(file: string, rows: SourceRow[], o: ReadOptions, delimiter: string): { preset: Preset; row: number } {
  const candidates: Preset[] = o.mapping
    ? [{ name: o.mapping.name ?? 'mapping', title: 'mapping file', signature: [], mapping: o.mapping }]
    : PRESETS.filter((p) => (o.format === 'auto' || p.name === o.format) && (!o.kind || p.mapping.kind === o.kind));
  const match = matchHeader(rows.map((r) => r.cells), candidates);
  if (match) return { preset: match.preset, row: match.row };
  const found = likelyHeader(rows.map((r) => r.cells));
  const line = found ? rows[found.row]!.line : 1;
  const shown = found ? `"${shortText(found.cells, delimiter)}"` : '(no header row)';
  const what = o.mapping
    ? `the header lacks the columns the mapping file names: ${shown} (fix the column names in the mapping file)`
    : o.format === 'auto'
      ? `the header matches no ${o.kind ? `${o.kind} ` : ''}format dunning knows: ${shown} (name one with --format, see dunning import --list-formats; or describe the columns in a mapping file, e.g. {"columns": {"invoice_number": "No.", "customer_name": "Client", "issue_date": "Date", "due_date": "Due", "amount": "Total"}}, and pass --map mapping.json)`
      : `the header is not a ${o.format} export's: ${shown} (${candidates.map((p) => `${p.title} needs ${p.signature.join(', ')}`).join('; ')}; or use --map mapping.json)`;
  throw new InputError(`${file}: no known header`, [{ file, line, column: '(header)', message: what }]);
}

/** Opens an import file: its dialect, its format, and its rows as invoices, payments or problems. */
export async function openImport(path: string, o: ReadOptions): Promise<ReadResult> {
  const size = sourceSize(path, o.file);
  const { head, whole } = readHead(path, o.file, HEAD_BYTES);
  const dialect = sniffDialect(o.file, head);
  // The head may end mid-row: only its complete lines are used to find the header.
  let headText = head.toString('utf8');
  if (!whole) headText = headText.slice(0, Math.max(headText.lastIndexOf('\n'), 0)) || headText;
  const headRows = parseRows(headText, dialect.delimiter);
  const { preset, row } = chooseFormat(o.file, headRows, o, dialect.delimiter);
  const header = headRows[row]!;
  const twice = duplicateColumns(preset.mapping, header.cells);
  if (twice) throw new InputError(`${o.file}: a column twice`, [{ file: o.file, line: header.line, column: '(header)', message: twice }]);
  const base = { format: preset.name, kind: preset.mapping.kind, dialect, headerRaw: header.raw, derivedDueDates: 0, notes: [] as string[], repeatsMarked: false };

  if (preset.name === 'canonical' && !o.mapping) {
    // A file whose lines end in CR alone (old Mac exports) has no LF in its first 64 KB.
    const eol: '\r' | '\n' = headText.includes('\r') && !headText.includes('\n') ? '\r' : '\n';
    const source: CanonicalSource = { path, options: o, delimiter: dialect.delimiter, headerLine: header.line, eol, size };
    // Re-saved by a spreadsheet (31.01.2026, 1.234,56): the whole file first decides how to read it.
    if (writtenBySpreadsheet(header.cells, headRows.slice(row + 1).map((r) => r.cells))) {
      const reading = await spreadsheetReading({ ...source, file: o.file }, o.dateOrder);
      if ('message' in reading) return { ...base, sha256: () => '', items: once([{ problems: [reading] }]) };
      source.spreadsheet = reading;
      base.notes.push(readingNote(o.file, reading));
    }
    // A large file is parsed and checked in a worker thread while this one writes the ledger
    // (the built code only: tests run the TypeScript sources, which a worker cannot load).
    // --skip-invalid keeps each row's text for the rejects file: that stays in this thread.
    const inWorker = size >= WORKER_BYTES && !o.keepRaw && !import.meta.url.endsWith('.ts');
    const stream = inWorker ? readInWorker(source, base.notes) : streamCanonical(source, base.notes);
    return { ...base, ...stream, repeatsMarked: !o.keepRaw };
  }
  const text = readWhole(path, o.file, size);
  const rows = parseRows(text.text, dialect.delimiter);
  const headerAt = rows.findIndex((r) => r.line === header.line);
  const mapped = readMapped(rows, headerAt, { file: o.file, mapping: preset.mapping, currency: o.currency, defaultCurrency: o.defaultCurrency, dateOrder: o.dateOrder, termsDays: o.termsDays });
  return {
    ...base,
    sha256: () => text.sha256,
    items: (async function* () {
      for (let i = 0; i < mapped.items.length; i += BATCH_ROWS) yield mapped.items.slice(i, i + BATCH_ROWS);
    })(),
    derivedDueDates: mapped.derivedDueDates,
    notes: mapped.notes,
  };
}

/** A whole file as text, checked from its first byte to its last: no NUL, all UTF-8, unchanged in size. */
function readWhole(path: string, file: string, size: number): { text: string; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const trouble = fileTrouble(e);
    if (trouble) throw refuseFile(file, trouble);
    throw e;
  }
  if (bytes.length !== size) throw refuseFile(file, changedWhileRead(size, bytes.length));
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw refuseFile(file, BINARY, lineAt(bytes, nul));
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) throw refuseFile(file, NOT_UTF8, lineAt(bytes, bad));
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function* once(batch: ReadItem[]): AsyncGenerator<ReadItem[]> {
  yield batch;
}
