import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import type { LoadedConfig } from './config.js';
import { Outbox, recoverOutbox } from './outbox.js';
import type { Moment, Workspace } from './workspace.js';

/**
 * The desk's one write transaction, shaped like `run`'s: letters go through the Outbox as
 * `.partial` files, contacts and events are appended, and the files become real only once the
 * transaction has committed (or are removed if it rolled back).
 */
export async function withOutbox<T>(
  db: Ledger,
  ws: Workspace,
  loaded: LoadedConfig,
  moment: Moment,
  work: (outbox: Outbox, events: EventLog) => Promise<T>,
): Promise<T> {
  let outbox: Outbox | undefined;
  const result = await writeTransaction(db, async () => {
    recoverOutbox(db, ws.outboxDir);
    const events = new EventLog(db, moment.stamp);
    outbox = new Outbox(db, ws, loaded, moment, events);
    return work(outbox, events);
  }).catch((e: unknown) => {
    outbox?.discard();
    throw e;
  });
  outbox?.commit();
  return result;
}

/** The latest contact recorded for a customer: a change while the accountant was deciding means someone else wrote. */
export function lastContactId(db: Ledger, customerId: string): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM contacts WHERE customer_id = ?').pluck().get(customerId) as number) ?? 0;
}
