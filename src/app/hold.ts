import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { placeHold, releaseHolds, type HoldTarget } from '../ledger/holds.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { anyDate, resolveTarget, type Target } from './target.js';
import type { Moment } from './workspace.js';

export interface HoldReport {
  target: { customer: string; invoice: string | null };
  hold?: number;
  released?: number;
  until?: string | null;
}

function holdTarget(t: Target): HoldTarget {
  return t.kind === 'customer' ? { customerId: t.customerId } : { invoiceNumber: t.invoiceNumber };
}

function describe(t: Target): HoldReport['target'] {
  return { customer: t.customerId, invoice: t.kind === 'invoice' ? t.invoiceNumber : null };
}

/** Stops dunning a customer or one invoice (a dispute, "cheque in the post"), until released or `until`. */
export async function hold(db: Ledger, moment: Moment, args: { target: string; reason: string; until?: string }): Promise<HoldReport> {
  if (!args.reason.trim()) throw new UsageError('--reason: say why (it goes in the audit trail), e.g. --reason "disputes the hours billed"');
  const until = args.until === undefined ? null : anyDate('--until', args.until);
  if (until !== null && until < moment.asOf) throw new UsageError(`--until ${until}: is before ${moment.asOf}; a hold ends on or after the day it is placed`);
  return writeTransaction(db, async () => {
    const t = resolveTarget(db, args.target);
    const id = placeHold(db, new EventLog(db, moment.stamp), { target: holdTarget(t), reason: args.reason, on: moment.asOf, until });
    return { target: describe(t), hold: id, until };
  });
}

/** Lifts every hold in force on a customer or one invoice: dunning resumes where it stood. */
export async function release(db: Ledger, moment: Moment, args: { target: string; reason?: string }): Promise<HoldReport> {
  return writeTransaction(db, async () => {
    const t = resolveTarget(db, args.target);
    const n = releaseHolds(db, new EventLog(db, moment.stamp), holdTarget(t), moment.asOf, args.reason ?? null);
    return { target: describe(t), released: n };
  });
}
