import type { InputProblem } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { currencyExponent, isCurrencyCode, MAX_AMOUNT_MINOR, parseDecimal, tooLarge } from '../domain/money.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import { deriveCustomerId } from './record.js';
import type { RowContext } from './rows.js';

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
export const OPTIONAL_COLUMNS = ['language', 'address', 'phone', 'status', 'contact_name'] as const;
const REQUIRED = ['invoice_number', 'customer_name', 'issue_date', 'due_date', 'amount'] as const;
const STATUSES = new Set(['open', 'draft', 'void', 'written-off']);

/** What a canonical row needs of the one RowContext: the file, and the currency of rows that name none. */
export type CanonicalContext = Pick<RowContext, 'file' | 'currency'>;

/** Problems with the header row: required columns missing. */
export function checkCanonicalHeader(header: string[], ctx: CanonicalContext): InputProblem[] {
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
  if (!header.includes('currency') && !ctx.currency) {
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
  ctx: CanonicalContext,
): { record: InvoiceRecord } | { problems: InputProblem[] } {
  const record = plainCanonicalRow(cells, line, columns, ctx);
  return record ? { record } : checkCanonicalRow(cells, line, columns, ctx);
}

/**
 * The invoice of a row written the plain way (no spaces to trim, upper-case currency, amounts
 * like 1250.00, the optional language and status cells empty), or null for any other row, which
 * checkCanonicalRow then reads and explains. It allocates little and uses no regular expression:
 * it runs on each of a million rows. What it accepts, checkCanonicalRow accepts the same way
 * (a test holds them to it).
 */
export function plainCanonicalRow(cells: string[], line: number, columns: CanonicalColumns, ctx: CanonicalContext): InvoiceRecord | null {
  const number = cells[columns.invoice_number];
  const customerId = columns.customer_id < 0 ? undefined : cells[columns.customer_id];
  const customerName = cells[columns.customer_name];
  if (!number || !plainEdges(number) || !customerId || !plainEdges(customerId) || !customerName || !plainEdges(customerName)) return null;
  if (columns.language >= 0 && cells[columns.language]) return null;
  if (columns.status >= 0 && cells[columns.status]) return null;
  const email = optionalPlain(cells, columns.email);
  const address = optionalPlain(cells, columns.address);
  const phone = optionalPlain(cells, columns.phone);
  if (email === undefined || address === undefined || phone === undefined || (email !== null && !plainEmail(email))) return null;
  const issueDate = cells[columns.issue_date];
  const dueDate = cells[columns.due_date];
  if (issueDate === undefined || dueDate === undefined || !isIsoDate(issueDate) || !isIsoDate(dueDate) || dueDate < issueDate) return null;
  let currency = columns.currency < 0 ? '' : (cells[columns.currency] ?? '');
  if (!currency) currency = ctx.currency ?? '';
  if (currency.length !== 3 || !upperAscii(currency) || !isCurrencyCode(currency)) return null;
  const exp = currencyExponent(currency);
  const amount = plainMinor(cells[columns.amount], exp);
  if (amount === null) return null;
  let amountPaid = 0;
  const paidText = columns.amount_paid < 0 ? '' : cells[columns.amount_paid];
  if (paidText) {
    const paid = plainMinor(paidText, exp);
    if (paid === null || paid < 0 || (amount < 0 && paid > 0) || paid > Math.abs(amount)) return null;
    amountPaid = paid;
  }
  const record: InvoiceRecord = {
    line,
    number,
    customerId,
    customerIdDerived: false,
    customerName,
    email,
    language: null,
    address,
    phone,
    issueDate,
    dueDate,
    currency,
    amount,
    amountPaid,
    status: 'open',
    customerRepeated: false,
  };
  // Only a file with the column names a contact: without it the record has none to change.
  if (columns.contact_name >= 0) {
    const contactName = optionalPlain(cells, columns.contact_name);
    if (contactName === undefined) return null;
    record.contactName = contactName;
  }
  return record;
}

/** Printable ASCII at both ends: nothing trim() would take off. */
function plainEdges(s: string): boolean {
  const a = s.charCodeAt(0);
  const z = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && z > 32 && z < 127;
}

/** An optional cell's value (null when empty), or undefined when it needs trimming. */
function optionalPlain(cells: string[], i: number): string | null | undefined {
  const v = i < 0 ? '' : (cells[i] ?? '');
  if (!v) return null;
  return plainEdges(v) ? v : undefined;
}

/** `local@domain` in printable ASCII, one @ (the email rule, for the plain case). */
function plainEmail(s: string): boolean {
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return false;
    if (c === 64) {
      if (at !== -1) return false;
      at = i;
    }
  }
  return at > 0 && at < s.length - 1;
}

function upperAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/**
 * Minor units of `-?digits(.digits)?` with at most `exp` digits after the point, at most
 * MAX_AMOUNT_MINOR, or null for anything else (checkCanonicalRow then explains it).
 */
function plainMinor(s: string | undefined, exp: number): number | null {
  if (!s) return null;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let n = 0;
  let digits = 0;
  let frac = -1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (frac !== -1 || digits === 0) return null;
      frac = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
    digits++;
    if (frac !== -1) frac++;
  }
  if (digits === 0 || frac === 0 || frac > exp || digits + exp - Math.max(frac, 0) > 15) return null;
  for (let f = Math.max(frac, 0); f < exp; f++) n *= 10;
  if (n > MAX_AMOUNT_MINOR) return null;
  if (n === 0) return negative ? null : 0;
  return negative ? -n : n;
}

/** Reads a row the long way, naming every problem in it. */
export function checkCanonicalRow(
  cells: string[],
  line: number,
  columns: CanonicalColumns,
  ctx: CanonicalContext,
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
    if (ctx.currency) currency = ctx.currency;
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
      if (!r.ok) problem('amount', `${r.message} (write it like 1250.00)`);
      else if (Math.abs(r.minor) > MAX_AMOUNT_MINOR) problem('amount', tooLarge(a));
      else amount = r.minor;
    }
    const p = cell('amount_paid');
    if (p) {
      const r = parseDecimal(p, currency);
      if (!r.ok) problem('amount_paid', `${r.message} (write it like 100.00, or leave it empty)`);
      else if (r.minor < 0) problem('amount_paid', `${p} is negative (record refunds as a credit note)`);
      else if (amount < 0 && r.minor > 0) problem('amount_paid', `a credit note has nothing to pay (leave amount_paid empty)`);
      else if (r.minor > amount && cell('amount')) problem('amount_paid', `${p} is more than the invoice's total ${cell('amount')} (check it; an overpayment is a credit note)`);
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
      customerRepeated: false,
      ...(columns.contact_name >= 0 ? { contactName: optional('contact_name') } : {}),
    },
  };
}
