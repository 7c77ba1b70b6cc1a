import { isIsoDate, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { findCustomer, invoiceOwner } from '../ledger/customers.js';
import type { Ledger } from '../ledger/open.js';

/** What a command was pointed at: a whole customer, or one invoice (and whose it is). */
export type Target = { kind: 'customer'; customerId: string } | { kind: 'invoice'; customerId: string; invoiceNumber: string };

/**
 * `CUSTOMER|INVOICE` as typed: an invoice number or a customer id. When the same text is both
 * (numeric ids do that), `customer:ID` or `invoice:NUMBER` says which.
 */
export function resolveTarget(db: Ledger, text: string): Target {
  const m = /^(customer|invoice):(.+)$/.exec(text);
  const key = m ? m[2]! : text;
  const owner = m?.[1] === 'customer' ? undefined : invoiceOwner(db, key);
  const customer = m?.[1] === 'invoice' ? undefined : findCustomer(db, key)?.id;
  if (owner !== undefined && customer !== undefined) {
    throw new UsageError(`"${text}" is both a customer and an invoice number (write customer:${key} or invoice:${key})`);
  }
  if (owner !== undefined) return { kind: 'invoice', customerId: owner, invoiceNumber: key };
  if (customer !== undefined) return { kind: 'customer', customerId: customer };
  throw new UsageError(`"${text}": no such customer or invoice in the ledger (\`dunning status\` lists customers by id)`);
}

/** A customer id as typed; an invoice number or an unknown id is a usage error naming the fix. */
export function resolveCustomer(db: Ledger, text: string): string {
  const id = text.replace(/^customer:/, '');
  if (findCustomer(db, id)) return id;
  const owner = invoiceOwner(db, id);
  if (owner !== undefined) throw new UsageError(`"${text}" is an invoice; name its customer instead (${owner})`);
  throw new UsageError(`"${text}": no such customer in the ledger (\`dunning status\` lists customers by id)`);
}

/** A `--date`-like option: a real date, not after the day we act as. */
export function pastDate(option: string, text: string | undefined, asOf: IsoDate): IsoDate {
  if (text === undefined) return asOf;
  if (!isIsoDate(text)) throw new UsageError(`${option} ${text}: not a date (use YYYY-MM-DD)`);
  if (text > asOf) throw new UsageError(`${option} ${text}: is after ${asOf}, the day this is recorded (use --as-of to act on a later day)`);
  return text;
}

/** A date option that may be in the future (an end date, a first installment). */
export function anyDate(option: string, text: string): IsoDate {
  if (!isIsoDate(text)) throw new UsageError(`${option} ${text}: not a date (use YYYY-MM-DD)`);
  return text;
}
