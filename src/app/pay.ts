import { UsageError } from '../domain/errors.js';
import { formatDecimal, moneyJson, type MoneyJson } from '../domain/money.js';
import { detectDecimalSeparator, parseAmount } from '../import/amounts.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { invoiceBalance, recordPayment } from '../ledger/payments.js';
import { settleArrangements } from '../ledger/arrangements.js';
import { writeTransaction } from '../ledger/transaction.js';
import { pastDate } from './target.js';
import type { Moment } from './workspace.js';

export interface PayReport {
  invoice: string;
  customer: string;
  on: string;
  amount: MoneyJson;
  balance: MoneyJson;
  paidInFull: boolean;
  /** Plans this payment completed. */
  plansCompleted: number;
}

/**
 * Records a payment typed in by hand (a cheque, a transfer seen in the bank). Partial payments
 * are welcome; more than is owed is refused, since the ledger would have to invent a credit.
 */
export async function pay(db: Ledger, moment: Moment, args: { invoice: string; amount: string; date?: string; ref?: string }): Promise<PayReport> {
  const on = pastDate('--date', args.date, moment.asOf);
  return writeTransaction(db, async () => {
    const invoice = invoiceBalance(db, args.invoice);
    if (!invoice) throw new UsageError(`${args.invoice}: no such invoice in the ledger (\`dunning show CUSTOMER\` lists a customer's invoices)`);
    if (invoice.status !== 'open') throw new UsageError(`${args.invoice}: the invoice is ${invoice.status}; only open invoices take payments`);
    if (invoice.amount < 0) throw new UsageError(`${args.invoice}: is a credit note (money we owe the customer); payments go on invoices`);
    if (on < invoice.issueDate) {
      throw new UsageError(`--date ${on} is before ${invoice.number} was issued (${invoice.issueDate}); a payment cannot come before its invoice (check the date)`);
    }
    // Written as an import takes it: 1,000.00 or 1.000,00, with or without the currency.
    const parsed = parseAmount(args.amount, invoice.currency, detectDecimalSeparator([args.amount]));
    if (!parsed.ok) throw new UsageError(`AMOUNT: ${parsed.message} (write it like 250.00 or 1,250.00, in ${invoice.currency})`);
    if (parsed.minor <= 0) throw new UsageError(`AMOUNT: ${args.amount} must be more than zero`);
    if (parsed.minor > invoice.balance) {
      throw new UsageError(
        `AMOUNT: ${formatDecimal(parsed.minor, invoice.currency)} ${invoice.currency} is more than the ${formatDecimal(invoice.balance, invoice.currency)} ${invoice.currency} still open on ${invoice.number} (record the rest as a credit note in your books and import it)`,
      );
    }
    const events = new EventLog(db, moment.stamp);
    recordPayment(db, events, { invoice, minor: parsed.minor, on, reference: args.ref ?? null });
    const completed = settleArrangements(db, events, moment.asOf, invoice.customerId).filter((c) => c.state === 'completed').length;
    const balance = invoice.balance - parsed.minor;
    return {
      invoice: invoice.number,
      customer: invoice.customerId,
      on,
      amount: moneyJson(parsed.minor, invoice.currency),
      balance: moneyJson(balance, invoice.currency),
      paidInFull: balance === 0,
      plansCompleted: completed,
    };
  });
}
