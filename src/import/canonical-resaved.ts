import { createReadStream } from 'node:fs';
import type { InputProblem } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { formatDecimal, isCurrencyCode } from '../domain/money.js';
import { decimalEvidence, detectDecimalSeparator, parseAmount, type DecimalSeparator } from './amounts.js';
import { canonicalColumns, type CanonicalColumns } from './canonical.js';
import { CsvReader, type CsvProblem, type CsvRow } from './csv-reader.js';
import { dateOrderEvidence, parseDateCell, type DateOrder } from './dates.js';

/**
 * The canonical CSV as a spreadsheet re-saved it (31.01.2026, 1.234,56). A first pass over the
 * whole file decides the day/month order and the decimal separator; the stream then writes each
 * date and amount back the plain way, and the row goes through the one canonical row parser.
 */
export interface SpreadsheetReading {
  dateOrder: DateOrder | null;
  decimal: DecimalSeparator;
}

const DATES = ['issue_date', 'due_date'] as const;
const AMOUNTS = ['amount', 'amount_paid'] as const;

/**
 * Whether a canonical file was re-saved by a spreadsheet, from its first rows: dates such as
 * 31.01.2026 or 31/01/2026, decimal commas (1.234,56) or thousands separators (1,234.56).
 */
export function writtenBySpreadsheet(header: string[], rows: string[][]): boolean {
  const columns = canonicalColumns(header);
  const cells = (names: readonly (keyof CanonicalColumns)[]) => rows.flatMap((r) => names.map((n) => cellOf(r, columns, n)));
  const localDate = (c: string) => c !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(c) && (parseDateCell(c, 'dmy').ok || parseDateCell(c, 'mdy').ok);
  const amounts = cells(AMOUNTS);
  return cells(DATES).some(localDate) || amounts.some((c) => c.includes(',')) || detectDecimalSeparator(amounts) === ',';
}

interface Where {
  path: string;
  file: string;
  delimiter: string;
  eol: '\n' | '\r';
  headerLine: number;
}

/** How the whole file writes its dates and amounts, or why it cannot be told (a whole-file problem). */
export async function spreadsheetReading(at: Where, given: DateOrder | null): Promise<SpreadsheetReading | InputProblem> {
  const evidence = new Evidence();
  const reader = new CsvReader(at.delimiter, at.eol);
  // Bytes that are not UTF-8 are the stream's to report, on their line: this pass reads past them.
  const decoder = new TextDecoder('utf-8');
  const rows: CsvRow[] = [];
  const ignored: CsvProblem[] = [];
  for await (const chunk of createReadStream(at.path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    reader.push(decoder.decode(chunk, { stream: true }), rows, ignored);
    evidence.add(rows.splice(0), at.headerLine);
  }
  reader.end(rows, ignored);
  evidence.add(rows, at.headerLine);
  const problem = (message: string): InputProblem => ({ file: at.file, line: at.headerLine, column: 'dates', message });
  if (!given && evidence.dates === 'conflict') return problem('some dates are day/month/year and others month/day/year (fix the file, or pass --date-order dmy or mdy)');
  const dateOrder = given ?? (evidence.dates === 'dmy' || evidence.dates === 'mdy' ? evidence.dates : null);
  if (evidence.dates === 'ambiguous' && !dateOrder) {
    return problem('dates like 03/04/2026 could be day/month or month/day, and no day in the file is over 12 to tell (pass --date-order dmy or --date-order mdy)');
  }
  return { dateOrder, decimal: evidence.decimal ?? '.' };
}

/** What the date and amount cells say, row by row: any day over 12 settles the order, the first telling amount the separator. */
class Evidence {
  dates: DateOrder | 'ambiguous' | 'conflict' | null = null;
  decimal: DecimalSeparator | null = null;
  private columns: CanonicalColumns | null = null;

  add(rows: CsvRow[], headerLine: number): void {
    for (const row of rows) {
      if (row.line < headerLine) continue;
      if (!this.columns) {
        this.columns = canonicalColumns(row.cells);
        continue;
      }
      for (const name of DATES) this.date(cellOf(row.cells, this.columns, name));
      for (const name of AMOUNTS) this.decimal ??= decimalEvidence(cellOf(row.cells, this.columns, name));
    }
  }

  private date(cell: string): void {
    const e = dateOrderEvidence(cell);
    if (!e || this.dates === 'conflict') return;
    if (e === 'ambiguous') this.dates ??= 'ambiguous';
    else if (this.dates === 'dmy' || this.dates === 'mdy') this.dates = this.dates === e ? e : 'conflict';
    else this.dates = e;
  }
}

const cellOf = (cells: string[], columns: CanonicalColumns, name: keyof CanonicalColumns) => (columns[name] < 0 ? '' : (cells[columns[name]] ?? '').trim());

/** Said in the import's summary, so the owner can check the reading. */
export const readingNote = (file: string, r: SpreadsheetReading): string => {
  const dates = r.dateOrder === 'dmy' ? 'day/month/year dates' : r.dateOrder === 'mdy' ? 'month/day/year dates' : 'YYYY-MM-DD dates';
  return `${file}: read as a spreadsheet saved it, with ${dates} and decimal ${r.decimal === ',' ? 'commas' : 'points'}`;
};

/**
 * The row with its dates as YYYY-MM-DD and its amounts as 1234.56. A cell that cannot be read
 * is left as it was, for the canonical parser to name.
 */
export function plainCells(cells: string[], columns: CanonicalColumns, currency: string | null, r: SpreadsheetReading): string[] {
  const out = [...cells];
  for (const name of DATES) {
    const v = cellOf(cells, columns, name);
    if (v === '' || isIsoDate(v)) continue;
    const d = parseDateCell(v, r.dateOrder);
    if (d.ok) out[columns[name]] = d.date;
  }
  const code = cellOf(cells, columns, 'currency').toUpperCase() || currency;
  for (const name of AMOUNTS) {
    const v = cellOf(cells, columns, name);
    if (v === '' || !code || !isCurrencyCode(code)) continue;
    const a = parseAmount(v, code, r.decimal);
    if (a.ok) out[columns[name]] = formatDecimal(a.minor, code);
  }
  return out;
}
