import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import { placeHold, releaseHolds, type HoldTarget } from '../ledger/holds.js';
import { releaseStale } from '../ledger/stale.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { anyDate, resolveTarget, type Target } from './target.js';
import type { Moment } from './workspace.js';

export interface HoldReport {
  target: { customer: string; invoice: string | null };
  hold?: number;
  released?: number;
  until?: string | null;
  /** A stale debt released to be dunned. */
  stale?: boolean;
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

/**
 * Lifts every hold in force on a customer or one invoice: dunning resumes where it stood. With
 * `stale`, starts dunning an invoice that was stale when first imported (the owner's decision).
 */
export async function release(db: Ledger, moment: Moment, args: { target: string; reason?: string; stale?: boolean }): Promise<HoldReport> {
  return writeTransaction(db, async () => {
    const t = resolveTarget(db, args.target);
    if (args.stale) {
      if (t.kind !== 'invoice') throw new UsageError(`--stale: name an invoice (one that was already long overdue when imported), not ${t.customerId}`);
      const events = new EventLog(db, moment.stamp);
      const released = releaseStale(db, events, { number: t.invoiceNumber, customerId: t.customerId }, moment.asOf, args.reason ?? null) ? 1 : 0;
      return { target: describe(t), released, stale: true };
    }
    const n = releaseHolds(db, new EventLog(db, moment.stamp), holdTarget(t), moment.asOf, args.reason ?? null);
    return { target: describe(t), released: n };
  });
}
