import { addDays } from '../domain/dates.js';
import type { InputProblem } from '../domain/errors.js';
import { formatDecimal, MAX_AMOUNT_MINOR, tooLarge } from '../domain/money.js';
import type { RowFields } from './rows.js';
import type { InvoiceRecord } from '../domain/invoice-record.js';
import { deriveCustomerId } from './record.js';

export interface GroupContext {
  file: string;
  /** Terms when a row has none (the mapping's, else the config's defaultTermsDays). */
  termsDays: number;
}

export interface Grouped {
  record?: InvoiceRecord;
  problems: InputProblem[];
  /** Whether the due date was derived from the invoice date and the terms. */
  derivedDueDate: boolean;
}

/**
 * Makes one invoice of the rows that share an invoice number (one row, for formats without
 * line items). The invoice-level cells must agree on every row; the total is the invoice's
 * `amount` column where the format has one (so a repeated line never counts twice), else the
 * sum of its lines.
 */
export function groupInvoice(rows: RowFields[], ctx: GroupContext): Grouped {
  const first = rows[0]!;
  const problems: InputProblem[] = [];
  const differ = (what: string, column: string, show: (r: RowFields) => string) => {
    const other = rows.find((r) => show(r) !== show(first));
    if (other) {
      problems.push({
        file: ctx.file,
        line: other.row.line,
        column,
        message: `invoice ${first.number} has two ${what}: ${show(first)} on line ${first.row.line}, ${show(other)} here (one invoice has one)`,
      });
    }
  };
  differ('currencies', 'currency', (r) => r.currency);
  differ('customers', 'customer', (r) => r.customerId ?? r.customerName);
  differ('invoice dates', 'issue_date', (r) => r.issueDate);
  differ('totals', 'amount', (r) => (r.amount === null ? '(none)' : formatDecimal(r.amount, r.currency)));
  differ('amounts paid', 'amount_paid', (r) => String(r.paid ?? r.balance));

  let total = first.amount;
  if (total === null) {
    if (rows.some((r) => r.line !== null)) total = rows.reduce((sum, r) => sum + (r.line ?? 0), 0);
    else problems.push({ file: ctx.file, line: first.row.line, column: 'amount', message: 'is empty (every invoice needs its total)' });
  }
  if (problems.length > 0 || total === null) return { problems, derivedDueDate: false };

  // A credit note reduces what is owed, however the export signs it.
  if (first.credit) total = -Math.abs(total);
  if (Math.abs(total) > MAX_AMOUNT_MINOR) {
    problems.push({ file: ctx.file, line: first.row.line, column: 'amount', message: tooLarge(formatDecimal(total, first.currency)) });
    return { problems, derivedDueDate: false };
  }
  const paid = paidSoFar(first, total);
  const over = paid !== 0 && (Math.sign(paid) !== Math.sign(total) || Math.abs(paid) > Math.abs(total));
  if (over) {
    const what = Math.abs(paid) > Math.abs(total)
      ? `${formatDecimal(paid, first.currency)} paid is more than the invoice's total ${formatDecimal(total, first.currency)} (check the paid column; an overpayment is a credit note)`
      : `more is open than the invoice's total (check the paid and balance columns)`;
    problems.push({ file: ctx.file, line: first.row.line, column: 'amount_paid', message: what });
    return { problems, derivedDueDate: false };
  }

  const dueDate = first.dueDate ?? addDays(first.issueDate, first.termsDays ?? ctx.termsDays);
  const status = first.status === 'paid' || first.status === 'credit' ? 'open' : first.status;
  return {
    problems,
    derivedDueDate: first.dueDate === null,
    record: {
      line: first.row.line,
      number: first.number,
      customerId: first.customerId ?? deriveCustomerId(first.customerName),
      customerIdDerived: first.customerId === null,
      customerName: first.customerName,
      email: first.email,
      language: first.language,
      address: first.address,
      phone: first.phone,
      ...(first.contactName === undefined ? {} : { contactName: first.contactName }),
      issueDate: first.issueDate,
      dueDate,
      currency: first.currency,
      amount: total,
      amountPaid: paid,
      status,
    },
  };
}

/**
 * What the export says is paid of an invoice of `total` (both signed alike). A status of paid
 * means nothing is owed, whatever the paid column says (paid out of band, or from a credit
 * balance). Else the open balance decides where the export has one; else what the customer
 * was asked for after credits (`amount_due`, Stripe) less what came in; else the paid column.
 * A credit's status says nothing of whether it was used: its columns decide.
 */
function paidSoFar(first: RowFields, total: number): number {
  const signed = (v: number) => (total < 0 ? -Math.abs(v) : Math.abs(v));
  if (total >= 0 && first.status === 'paid') return total;
  if (first.balance !== null) return total - signed(first.balance);
  if (total > 0 && first.due !== null) return total - (first.due - (first.paid ?? 0));
  if (first.paid !== null) return signed(first.paid);
  return first.status === 'paid' ? total : 0;
}
