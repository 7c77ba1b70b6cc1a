import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import type { LoadedConfig } from './config.js';
import { Outbox, recoverOutbox } from './outbox.js';
import type { Moment, Workspace } from './workspace.js';

/**
 * The one write transaction every command that drafts letters uses (`run`, `draft`, `review`):
 * letters go through the Outbox as `.partial` files, contacts and events are appended, and the
 * files become real only once the transaction has committed (or are removed if it rolled back).
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
