import type { InputProblem } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { isCurrencyCode, parseDecimal } from '../domain/money.js';
import { deriveCustomerId, type InvoiceRecord } from './record.js';

/** The canonical CSV columns (README "CSV formats"). */
export const CANONICAL_COLUMNS = [
  'invoice_number',
  'customer_id',
  'customer_name',
  'email',
  'issue_date',
  'due_date',
  'currency',
  'amount',
  'amount_paid',
] as const;
export const OPTIONAL_COLUMNS = ['language', 'address', 'phone', 'status'] as const;
const REQUIRED = ['invoice_number', 'customer_name', 'issue_date', 'due_date', 'amount'] as const;
const STATUSES = new Set(['open', 'draft', 'void', 'written-off']);

export interface RowContext {
  file: string;
  /** Currency for rows whose currency cell is empty (--currency, else the config's default). */
  defaultCurrency: string | null;
}

/** Problems with the header row: required columns missing. */
export function checkCanonicalHeader(header: string[], ctx: RowContext): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const col of REQUIRED) {
    if (!header.includes(col)) {
      problems.push({
        file: ctx.file,
        line: 1,
        column: col,
        message: `the header has no "${col}" column (the canonical header is ${CANONICAL_COLUMNS.join(',')})`,
      });
    }
  }
  if (!header.includes('currency') && !ctx.defaultCurrency) {
    problems.push({
      file: ctx.file,
      line: 1,
      column: 'currency',
      message: 'the file names no currency (add a currency column, pass --currency CODE, or set defaultCurrency in dunning.config.json)',
    });
  }
  return problems;
}

/** Where each canonical column is in the file's header (-1: not there). */
export type CanonicalColumns = Record<(typeof CANONICAL_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number], number>;

export function canonicalColumns(header: string[]): CanonicalColumns {
  const names = header.map((h) => h.trim().toLowerCase());
  return Object.fromEntries([...CANONICAL_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => [c, names.indexOf(c)])) as CanonicalColumns;
}

/**
 * Validates one canonical row, given as its cells. Returns the invoice, or every problem found
 * in it: the importer reports them all at once rather than stopping at the first.
 */
export function parseCanonicalRow(
  cells: string[],
  line: number,
  columns: CanonicalColumns,
  ctx: RowContext,
): { record: InvoiceRecord } | { problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const problem = (column: string, message: string) => problems.push({ file: ctx.file, line, column, message });
  const cell = (name: keyof CanonicalColumns) => {
    const i = columns[name];
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  const optional = (name: keyof CanonicalColumns) => cell(name) || null;

  const number = cell('invoice_number');
  if (!number) problem('invoice_number', 'is empty (every invoice needs its number)');
  const customerName = cell('customer_name');
  if (!customerName) problem('customer_name', 'is empty (name the customer)');
  const givenId = cell('customer_id');
  const customerIdDerived = !givenId;
  const customerId = givenId || deriveCustomerId(customerName);

  const email = optional('email');
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    problem('email', `"${email}" is not an email address (fix it or leave the cell empty)`);
  }
  const language = optional('language')?.toLowerCase() ?? null;
  if (language && !/^[a-z]{2}(-[a-z]{2})?$/.test(language)) {
    problem('language', `"${language}" is not a language code (use two letters, like en, fr, de, es)`);
  }

  const date = (column: 'issue_date' | 'due_date'): string => {
    const v = cell(column);
    if (!v) problem(column, 'is empty (use YYYY-MM-DD)');
    else if (!isIsoDate(v)) problem(column, `"${v}" is not a date (use YYYY-MM-DD)`);
    return v;
  };
  const issueDate = date('issue_date');
  const dueDate = date('due_date');
  if (dueDate < issueDate && isIsoDate(issueDate) && isIsoDate(dueDate)) {
    problem('due_date', `${dueDate} is before the issue date ${issueDate} (check the two dates)`);
  }

  const currencyText = cell('currency');
  let currency = currencyText.toUpperCase();
  if (!currency) {
    if (ctx.defaultCurrency) currency = ctx.defaultCurrency;
    else problem('currency', 'is empty (give an ISO 4217 code such as USD, or pass --currency CODE)');
  } else if (!isCurrencyCode(currency)) {
    problem('currency', `"${currencyText}" is not an ISO 4217 currency code (use a code such as USD, EUR, GBP)`);
    currency = '';
  }

  let amount = 0;
  let amountPaid = 0;
  if (currency) {
    const a = cell('amount');
    if (!a) problem('amount', 'is empty (give the invoice total, e.g. 1250.00; negative for a credit note)');
    else {
      const r = parseDecimal(a, currency);
      if (r.ok) amount = r.minor;
      else problem('amount', `${r.message} (write it like 1250.00)`);
    }
    const p = cell('amount_paid');
    if (p) {
      const r = parseDecimal(p, currency);
      if (!r.ok) problem('amount_paid', `${r.message} (write it like 100.00, or leave it empty)`);
      else if (r.minor < 0) problem('amount_paid', `${p} is negative (record refunds as a credit note)`);
      else if (amount < 0 && r.minor > 0) problem('amount_paid', `a credit note has nothing to pay (leave amount_paid empty)`);
      else amountPaid = r.minor;
    }
  }

  const status = (optional('status')?.toLowerCase() ?? 'open') as InvoiceRecord['status'];
  if (!STATUSES.has(status)) {
    problem('status', `"${cell('status')}" is not a status (use open, draft, void or written-off)`);
  }

  if (problems.length > 0) return { problems };
  return {
    record: {
      line,
      number,
      customerId,
      customerIdDerived,
      customerName,
      email,
      language,
      address: optional('address'),
      phone: optional('phone'),
      issueDate,
      dueDate,
      currency,
      amount,
      amountPaid,
      status,
    },
  };
}
