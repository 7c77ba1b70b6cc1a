import { isIsoDate } from '../domain/dates.js';
import { formatDecimal, isCurrencyCode } from '../domain/money.js';
import { detectDecimalSeparator, parseAmount, type DecimalSeparator } from './amounts.js';
import { canonicalColumns, checkCanonicalHeader, parseCanonicalRow, type CanonicalColumns, type CanonicalContext } from './canonical.js';
import { detectDateOrder, parseDateCell, type DateOrder } from './dates.js';
import type { MappedFile } from './mapped.js';
import type { SourceRow } from './rows.js';

const DATES = ['issue_date', 'due_date'] as const;
const AMOUNTS = ['amount', 'amount_paid'] as const;

/**
 * The canonical CSV as a spreadsheet re-saved it (31.01.2026, 1.234,56), read whole: the whole
 * file decides the day/month order and the decimal separator. Each date and amount is written
 * back the plain way, and the row then goes through the one canonical row parser.
 */
export function readResavedCanonical(rows: SourceRow[], headerAt: number, o: CanonicalContext & { dateOrder: DateOrder | null }): MappedFile {
  const out: MappedFile = { items: [], derivedDueDates: 0, notes: [] };
  const header = rows[headerAt]!;
  const fatal = (column: string, message: string): MappedFile => ({ ...out, items: [{ problems: [{ file: o.file, line: header.line, column, message }] }] });
  const headerProblems = checkCanonicalHeader(header.cells.map((h) => h.trim().toLowerCase()), o);
  if (headerProblems.length > 0) return { ...out, items: [{ problems: headerProblems.map((p) => ({ ...p, line: header.line })) }] };
  const columns = canonicalColumns(header.cells);
  const data = rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length === 0) return { ...out, notes: [`${o.file} has a header but no rows: nothing to import`] };
  const cells = (names: readonly (keyof CanonicalColumns)[]) => data.flatMap((r) => names.map((n) => (columns[n] < 0 ? '' : (r.cells[columns[n]] ?? ''))));

  const evidence = detectDateOrder(cells(DATES));
  if (!o.dateOrder && evidence === 'conflict') return fatal('dates', 'some dates are day/month/year and others month/day/year (fix the file, or pass --date-order dmy or mdy)');
  const dateOrder = o.dateOrder ?? (evidence === 'dmy' || evidence === 'mdy' ? evidence : null);
  if (evidence === 'ambiguous' && !dateOrder) {
    return fatal('dates', 'dates like 03/04/2026 could be day/month or month/day, and no day in the file is over 12 to tell (pass --date-order dmy or --date-order mdy)');
  }
  const decimal = detectDecimalSeparator(cells(AMOUNTS));
  const dates = dateOrder === 'dmy' ? 'day/month/year dates' : dateOrder === 'mdy' ? 'month/day/year dates' : 'YYYY-MM-DD dates';
  out.notes.push(`${o.file}: read as a spreadsheet saved it, with ${dates} and decimal ${decimal === ',' ? 'commas' : 'points'}`);
  for (const row of data) {
    const raw = [row.raw];
    if (row.cells.length !== header.cells.length) {
      const message = `the row has ${row.cells.length} cells, the header ${header.cells.length} (every row needs as many cells as the header)`;
      out.items.push({ problems: [{ file: o.file, line: row.line, column: '(row)', message }], raw });
      continue;
    }
    const r = parseCanonicalRow(plainCells(row.cells, columns, o.currency, dateOrder, decimal), row.line, columns, o);
    out.items.push('record' in r ? { record: r.record, raw } : { problems: r.problems, raw });
  }
  return out;
}

/**
 * The row with its dates as YYYY-MM-DD and its amounts as 1234.56. A cell that cannot be read
 * is left as it was, for the canonical parser to name.
 */
function plainCells(cells: string[], columns: CanonicalColumns, currency: string | null, order: DateOrder | null, decimal: DecimalSeparator): string[] {
  const out = [...cells];
  for (const name of DATES) {
    const i = columns[name];
    const v = (cells[i] ?? '').trim();
    if (i < 0 || v === '' || isIsoDate(v)) continue;
    const d = parseDateCell(v, order);
    if (d.ok) out[i] = d.date;
  }
  const code = (columns.currency < 0 ? '' : (cells[columns.currency] ?? '').trim().toUpperCase()) || currency;
  for (const name of AMOUNTS) {
    const i = columns[name];
    const v = (cells[i] ?? '').trim();
    if (i < 0 || v === '' || !code || !isCurrencyCode(code)) continue;
    const a = parseAmount(v, code, decimal);
    if (a.ok) out[i] = formatDecimal(a.minor, code);
  }
  return out;
}
