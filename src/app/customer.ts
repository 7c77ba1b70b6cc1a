import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { findCustomer, updateCustomer, type CustomerDetails, type EditableField } from '../ledger/customers.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { resolveCustomer } from './target.js';
import type { Moment } from './workspace.js';

export interface CustomerSetReport {
  customer: CustomerDetails;
  /** By ledger column: what it was and what it is now. Empty when nothing changed. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[a-z]{2}(-[A-Za-z]{2})?$/;

/** An option's text as the ledger keeps it: an empty value clears the field (the name cannot be cleared). */
function cleaned(field: EditableField, text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  if (value === '') {
    if (field === 'name') throw new UsageError('--name: a customer needs a name');
    return null;
  }
  if (field === 'email' && !EMAIL.test(value)) throw new UsageError(`--email ${value}: not an email address (write it like ap@example.com)`);
  if (field === 'language' && !LANGUAGE.test(value)) throw new UsageError(`--language ${value}: use a language code such as en, fr, de or es`);
  return value;
}

/** Edits a customer's contact details by hand (a new email address, the person to write to), with its event. */
export async function customerSet(db: Ledger, moment: Moment, args: { customer: string } & Partial<Record<EditableField, string>>): Promise<CustomerSetReport> {
  const fields: EditableField[] = ['name', 'email', 'address', 'phone', 'language', 'contactName'];
  const next = Object.fromEntries(fields.map((f) => [f, cleaned(f, args[f])]).filter(([, v]) => v !== undefined)) as Partial<Record<EditableField, string | null>>;
  if (Object.keys(next).length === 0) throw new UsageError('say what to change: --name, --email, --address, --phone, --language or --contact-name');
  return writeTransaction(db, async () => {
    const id = resolveCustomer(db, args.customer);
    const before = findCustomer(db, id)!;
    const changes = updateCustomer(db, new EventLog(db, moment.stamp), before, next);
    return { customer: findCustomer(db, id)!, changes };
  });
}
