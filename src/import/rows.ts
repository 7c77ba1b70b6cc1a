import type { IsoDate } from '../domain/dates.js';
import type { InputProblem } from '../domain/errors.js';
import { formatDecimal, isCurrencyCode } from '../domain/money.js';
import { parseAmount, type DecimalSeparator } from './amounts.js';
import { parseDateCell, type DateOrder } from './dates.js';
import { normalizeWord, type ColumnIndex } from './header.js';
import type { Field, Mapping, StatusMeaning } from './mapping-schema.js';

/** One CSV record as read: its cells, the line it ends on, and its text for a rejects file. */
export interface SourceRow {
  cells: string[];
  line: number;
  raw: string;
}

/** Status words most tools share; a preset or mapping file adds its own. */
const COMMON_STATUSES: Record<string, StatusMeaning> = Object.fromEntries(
  Object.entries({
    open: ['open', 'sent', 'viewed', 'unpaid', 'overdue', 'partial', 'partiallypaid', 'partlypaid', 'authorised', 'authorized', 'approved', 'due', 'outstanding', 'pending', 'issued'],
    paid: ['paid', 'closed', 'fullypaid', 'complete', 'completed'],
    void: ['void', 'voided', 'cancelled', 'canceled', 'deleted'],
    draft: ['draft'],
    credit: ['credit', 'creditnote'],
    'written-off': ['writtenoff', 'writeoff', 'uncollectible', 'baddebt', 'forgiven'],
  }).flatMap(([meaning, words]) => words.map((w) => [w, meaning as StatusMeaning])),
);

/** The fields of one row of an invoice export, parsed; amounts in minor units. */
export interface RowFields {
  row: SourceRow;
  number: string;
  customerId: string | null;
  customerName: string;
  email: string | null;
  address: string | null;
  phone: string | null;
  /** Absent when the mapping names no contact column (InvoiceRecord.contactName). */
  contactName?: string | null;
  language: string | null;
  issueDate: IsoDate;
  dueDate: IsoDate | null;
  termsDays: number | null;
  currency: string;
  amount: number | null;
  paid: number | null;
  balance: number | null;
  /** What the customer was asked to pay after credits already applied (Stripe's Amount Due). */
  due: number | null;
  line: number | null;
  status: StatusMeaning;
  credit: boolean;
}

/** What reading a row needs to know of its file (the canonical reader uses the first two). */
export interface RowContext {
  file: string;
  /** Currency for rows with none (--currency, the mapping's, the config's). */
  currency: string | null;
  mapping: Mapping;
  index: ColumnIndex;
  dateOrder: DateOrder | null;
  decimal: DecimalSeparator;
}

export const cellOf = (ctx: { index: ColumnIndex }, row: SourceRow, f: Field): string => {
  const i = ctx.index[f];
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
};

/** Terms as exports write them: `30`, `Net 30`, `Due on receipt`. */
export function parseTerms(text: string): number | null {
  if (/receipt|immediate/i.test(text)) return 0;
  const m = /(\d{1,4})/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Parses one row of an invoice export. Returns its fields, `skip` for a row the mapping's types
 * say is not an invoice, or every problem found in it.
 */
export function parseInvoiceRow(row: SourceRow, ctx: RowContext): RowFields | 'skip' | InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (f: Field, message: string) => {
    const name = ctx.mapping.columns[f];
    problems.push({ file: ctx.file, line: row.line, column: name === undefined ? f : String([name].flat()[0]), message });
  };
  const cell = (f: Field) => cellOf(ctx, row, f);
  const optional = (f: Field) => cell(f) || null;

  let credit = false;
  let unapplied = false;
  if (ctx.index.type !== undefined) {
    const t = cell('type');
    const meaning = ctx.mapping.types[normalizeWord(t)] ?? Object.entries(ctx.mapping.types).find(([k]) => normalizeWord(k) === normalizeWord(t))?.[1];
    if (meaning === 'skip') return 'skip';
    if (meaning === undefined) problem('type', `"${t}" is not a document type this format knows (known: ${Object.keys(ctx.mapping.types).join(', ')}; map it under "types" in a mapping file)`);
    unapplied = meaning === 'unapplied-payment';
    credit = meaning === 'credit' || unapplied;
  }

  let number = cell('invoice_number');
  if (!number && !unapplied) problem('invoice_number', 'is empty (every invoice needs its number)');
  const customerName = cell('customer_name') || cell('customer_id');
  if (!customerName) problem('customer_name', 'is empty (name the customer)');

  const date = (f: Field): IsoDate | null => {
    const v = cell(f);
    if (!v) return null;
    const r = parseDateCell(v, ctx.dateOrder);
    if (!r.ok) problem(f, r.message);
    return r.ok ? r.date : null;
  };
  const issueDate = date('issue_date');
  if (!cell('issue_date')) problem('issue_date', 'is empty (every invoice needs its date)');
  const dueDate = date('due_date');
  const termsText = cell('terms_days');
  const termsDays = termsText ? parseTerms(termsText) : null;
  if (termsText && termsDays === null) problem('terms_days', `"${termsText}" is not a number of days (write 30, or Net 30)`);

  let currency = cell('currency').toUpperCase();
  if (!currency) currency = ctx.currency ?? '';
  else if (!isCurrencyCode(currency)) {
    problem('currency', `"${cell('currency')}" is not an ISO 4217 currency code (use a code such as USD, EUR, GBP)`);
    currency = '';
  }
  const amount = (f: Field): number | null => {
    const v = cell(f);
    if (!v) return null;
    const r = parseAmount(v, currency || null, ctx.decimal);
    if (!r.ok) {
      problem(f, `${r.message}${currency ? '' : ' (pass --currency CODE)'}`);
      return null;
    }
    if (!currency && r.currency) currency = r.currency;
    return r.minor;
  };
  const total = amount('amount');
  const paid = amount('amount_paid');
  const balance = amount('balance');
  const due = amount('amount_due');
  const lineAmount = amount('line_amount');
  const lineTax = amount('line_tax');
  if (!currency && problems.length === 0) problem('currency', 'is not known (add a currency column, pass --currency CODE, or set defaultCurrency in dunning.config.json)');

  const statusText = cell('status');
  const key = normalizeWord(statusText);
  const custom = Object.entries(ctx.mapping.statuses).find(([k]) => normalizeWord(k) === key)?.[1];
  const status = statusText ? (custom ?? COMMON_STATUSES[key]) : 'open';
  if (!status) problem('status', `"${statusText}" is not a status this format knows (map it under "statuses" in a mapping file: open, paid, void, draft, credit or written-off)`);

  const email = optional('email')?.split(/[\s,;]+/).find((e) => /^[^\s@]+@[^\s@]+$/.test(e)) ?? null;
  const language = optional('language')?.toLowerCase() ?? null;
  if (language && !/^[a-z]{2}(-[a-z]{2})?$/.test(language)) problem('language', `"${language}" is not a language code (use two letters, like en, fr, de, es)`);

  if (problems.length > 0) return problems;
  if (unapplied) {
    // Money the customer paid that is not yet set against an invoice: a credit on the account,
    // named by its day, amount and customer so that the next export names it the same way.
    if (!balance) return 'skip';
    number = `payment ${issueDate} ${formatDecimal(Math.abs(balance), currency)} ${customerName}${number ? ` #${number}` : ''}`;
  }
  return {
    row,
    number,
    customerId: optional('customer_id'),
    customerName,
    email,
    address: optional('address'),
    phone: optional('phone'),
    language,
    issueDate: issueDate!,
    dueDate: unapplied ? (dueDate ?? issueDate) : dueDate,
    termsDays,
    currency,
    amount: total,
    paid,
    balance,
    due,
    line: lineAmount === null && lineTax === null ? null : (lineAmount ?? 0) + (lineTax ?? 0),
    status: status!,
    credit: credit || status === 'credit',
    ...(ctx.index.contact_name === undefined ? {} : { contactName: optional('contact_name') }),
  };
}
