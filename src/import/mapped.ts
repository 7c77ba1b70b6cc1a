import type { InputProblem } from '../domain/errors.js';
import { detectDecimalSeparator } from './amounts.js';
import { detectDateOrder, parseDateCell, type DateOrder } from './dates.js';
import { groupInvoice } from './group.js';
import { missingColumns, resolveColumns } from './header.js';
import type { Field, Mapping } from './mapping-schema.js';
import type { ReadItem } from './read.js';
import { cellOf, parseInvoiceRow, type RowContext, type RowFields, type SourceRow } from './rows.js';

export interface MappedOptions {
  file: string;
  mapping: Mapping;
  /** --currency; else the mapping's; else the config's default. */
  currency: string | null;
  defaultCurrency: string | null;
  /** --date-order; it overrides what the file's dates suggest. */
  dateOrder: DateOrder | null;
  /** The config's defaultTermsDays. */
  termsDays: number;
}

export interface MappedFile {
  items: ReadItem[];
  derivedDueDates: number;
  notes: string[];
}

const looksLikeDate = (s: string) => parseDateCell(s, 'dmy').ok || parseDateCell(s, 'mdy').ok;

/**
 * Reads an export through a mapping (a preset's or the user's). The whole file is in memory:
 * the date order and decimal separator are decided from all of it, and line items are grouped
 * by invoice number. Exports of this kind are small; the canonical CSV streams instead.
 */
export function readMapped(rows: SourceRow[], headerAt: number, o: MappedOptions): MappedFile {
  const out: MappedFile = { items: [], derivedDueDates: 0, notes: [] };
  const fatal = (line: number, column: string, message: string): MappedFile => {
    out.items = [{ problems: [{ file: o.file, line, column, message }] }];
    return out;
  };
  const header = rows[headerAt]!;
  const index = resolveColumns(o.mapping, header.cells);
  const missing = missingColumns(o.mapping, index);
  if (missing.length > 0) return fatal(header.line, '(header)', `the header has no column for ${missing.join('; ')}`);

  const at = { index };
  const cell = (r: SourceRow, f: Field) => cellOf(at, r, f);
  const dateFields: Field[] = ['issue_date', 'due_date', 'paid_on'];
  const isData = (r: SourceRow) => cell(r, 'invoice_number') !== '' || dateFields.some((f) => looksLikeDate(cell(r, f)));
  let below = rows.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (o.mapping.customerInSections && index.customer_name === undefined && index.customer_id === undefined) {
    index.customer_name = header.cells.length;
    below = customersFromHeadings(below, isData, header.cells.length);
  }
  // Blank rows, section headings, subtotals, totals and timestamp footers have no invoice number and no date.
  const data = below.filter(isData);
  if (data.length === 0) {
    out.notes.push(`${o.file} has a header but no rows: nothing to import`);
    return out;
  }

  const evidence = detectDateOrder(data.flatMap((r) => dateFields.map((f) => cell(r, f))));
  if (!o.dateOrder && evidence === 'conflict') {
    return fatal(header.line, 'dates', 'some dates are day/month/year and others month/day/year (fix the file, or pass --date-order dmy or mdy)');
  }
  const dateOrder = o.dateOrder ?? (evidence === 'dmy' || evidence === 'mdy' ? evidence : (o.mapping.dateOrder ?? null));
  if (evidence === 'ambiguous' && !dateOrder) {
    return fatal(header.line, 'dates', 'dates like 03/04/2026 could be day/month or month/day, and no day in the file is over 12 to tell (pass --date-order dmy or --date-order mdy)');
  }
  const amountFields: Field[] = ['amount', 'amount_paid', 'balance', 'line_amount', 'line_tax'];
  const decimal = o.mapping.decimalSeparator ?? detectDecimalSeparator(data.flatMap((r) => amountFields.map((f) => cell(r, f))));
  const currency = o.currency ?? o.mapping.currency ?? o.defaultCurrency;
  if (o.mapping.kind === 'invoices' && index.currency === undefined && !currency && !data.some((r) => /[€£¥₹₪]|\b[A-Z]{3}\b/.test(cell(r, 'amount') || cell(r, 'line_amount')))) {
    return fatal(header.line, 'currency', 'the file names no currency (pass --currency CODE, or set defaultCurrency in dunning.config.json)');
  }

  if (o.mapping.kind === 'payments') return readPayments(data, out, o, { decimal, currency, dateOrder, cell });

  const ctx: RowContext = { file: o.file, mapping: o.mapping, index, currency, dateOrder, decimal };
  // One group per invoice number in line-item formats; one per row otherwise (a repeated
  // number is then the importer's "appears again" problem).
  const groups = new Map<string, { rows: RowFields[]; raw: SourceRow[]; problems: InputProblem[] }>();
  let n = 0;
  for (const row of data) {
    const parsed = parseInvoiceRow(row, ctx);
    if (parsed === 'skip') continue;
    const key = o.mapping.lineItems && cell(row, 'invoice_number') ? `#${cell(row, 'invoice_number')}` : `@${n++}`;
    const g = groups.get(key) ?? { rows: [], raw: [], problems: [] };
    groups.set(key, g);
    g.raw.push(row);
    if (Array.isArray(parsed)) g.problems.push(...parsed);
    else g.rows.push(parsed);
  }
  for (const g of groups.values()) {
    const raw = g.raw.map((r) => r.raw);
    if (g.problems.length > 0) {
      out.items.push({ problems: g.problems, raw });
      continue;
    }
    const grouped = groupInvoice(g.rows, { file: o.file, termsDays: o.mapping.termsDays ?? o.termsDays });
    if (!grouped.record) {
      out.items.push({ problems: grouped.problems, raw });
      continue;
    }
    if (grouped.derivedDueDate) out.derivedDueDates++;
    out.items.push({ record: grouped.record, raw });
  }
  return out;
}

function readPayments(
  data: SourceRow[],
  out: MappedFile,
  o: MappedOptions,
  x: { decimal: '.' | ','; currency: string | null; dateOrder: DateOrder | null; cell: (r: SourceRow, f: Field) => string },
): MappedFile {
  // Exports repeat rows when they join payments to invoice lines: the same payment twice in one
  // file is one payment, said so in the summary.
  const seen = new Map<string, number>();
  for (const row of data) {
    const key = row.cells.join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) {
      out.notes.push(`${o.file}:${row.line}: the same payment as line ${first}, counted once`);
      continue;
    }
    seen.set(key, row.line);
    const problems: InputProblem[] = [];
    const problem = (column: string, message: string) => problems.push({ file: o.file, line: row.line, column, message });
    const number = x.cell(row, 'invoice_number');
    if (!number) problem('invoice_number', 'is empty (a payment is matched to its invoice by number)');
    const amountText = x.cell(row, 'amount');
    if (!amountText) problem('amount', 'is empty (give the amount paid)');
    const date = parseDateCell(x.cell(row, 'paid_on'), x.dateOrder);
    if (!date.ok) problem('paid_on', x.cell(row, 'paid_on') ? date.message : 'is empty (give the day the payment came in)');
    const currency = x.cell(row, 'currency').toUpperCase() || x.currency;
    if (problems.length > 0 || !date.ok) {
      out.items.push({ problems, raw: [row.raw] });
      continue;
    }
    out.items.push({
      payment: { line: row.line, invoiceNumber: number, paidOn: date.date, amountText, decimal: x.decimal, currency, reference: x.cell(row, 'reference') || null },
      raw: [row.raw],
    });
  }
  return out;
}

/**
 * A report grouped by customer names each customer once, on a heading row above its invoices
 * (one cell filled, no number, no date), and closes the group with a "Total …" row. Each data
 * row is given its heading's name as one more cell, at `column`.
 */
function customersFromHeadings(rows: SourceRow[], isData: (r: SourceRow) => boolean, column: number): SourceRow[] {
  let customer = '';
  return rows.map((r) => {
    const filled = r.cells.map((c) => c.trim()).filter((c) => c !== '');
    if (!isData(r) && filled.length === 1) customer = /^total\b/i.test(filled[0]!) ? '' : filled[0]!;
    const cells = [...r.cells];
    cells[column] = customer;
    return { ...r, cells };
  });
}
