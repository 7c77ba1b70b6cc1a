import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeOff } from '../ledger/stale.js';
import { writeTransaction } from '../ledger/transaction.js';
import { resolveTarget } from './target.js';
import type { Moment } from './workspace.js';

export interface WriteOffReport {
  invoice: string;
  customer: string;
  /** False when the invoice was not open (already written off, void or a draft): nothing changed. */
  writtenOff: boolean;
}

/** Writes off one invoice: out of receivables, never chased again; an event with the reason. */
export async function writeOffInvoice(db: Ledger, moment: Moment, args: { invoice: string; reason: string }): Promise<WriteOffReport> {
  if (!args.reason.trim()) throw new UsageError('--reason: say why (it goes in the audit trail), e.g. --reason "company dissolved"');
  return writeTransaction(db, async () => {
    const t = resolveTarget(db, args.invoice.startsWith('invoice:') ? args.invoice : `invoice:${args.invoice}`);
    if (t.kind !== 'invoice') throw new UsageError(`${args.invoice}: name an invoice to write off`);
    const done = writeOff(db, new EventLog(db, moment.stamp), { number: t.invoiceNumber, customerId: t.customerId }, moment.asOf, args.reason);
    return { invoice: t.invoiceNumber, customer: t.customerId, writtenOff: done };
  });
}
