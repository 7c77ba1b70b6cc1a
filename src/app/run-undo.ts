import { UsageError } from '../domain/errors.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { lastRun, lettersGone, undoRun } from '../ledger/run-undo.js';
import { writeTransaction } from '../ledger/transaction.js';
import type { Moment } from './workspace.js';

export interface UndoReport {
  run: number;
  asOf: string;
  /** Letters and flags the run recorded, now voided. */
  contacts: number;
  holds: number;
  plans: number;
}

/**
 * `run --undo-last`: takes back the latest run, for the typo that got through (`--as-of 2062`
 * blocks every later run). Refused when any letter it drafted may have reached the customer.
 */
export async function undoLastRun(db: Ledger, moment: Moment): Promise<UndoReport> {
  return writeTransaction(db, async () => {
    const run = lastRun(db);
    if (!run) throw new UsageError('there is no run to undo');
    const letters = run.events.filter((e) => e.kind === 'letter' || e.kind === 'thank-you').map((e) => e.id);
    const gone = lettersGone(db, letters);
    if (gone.length > 0) {
      throw new UsageError(`the run of ${run.asOf} cannot be undone: ${gone.length} of its letters ${gone.length === 1 ? 'has' : 'have'} been sent (events ${gone.join(', ')}); what has reached a customer stays on the record`);
    }
    const done = undoRun(db, new EventLog(db, moment.stamp), run, moment.stamp.at);
    return { run: run.id, asOf: run.asOf, ...done };
  });
}
