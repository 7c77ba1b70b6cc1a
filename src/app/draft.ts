import { UsageError } from '../domain/errors.js';
import { historyFor, loadAccounts } from '../ledger/accounts.js';
import type { Ledger } from '../ledger/open.js';
import type { LoadedConfig } from './config.js';
import { letterAt } from './desk.js';
import { lastContactId } from '../ledger/contacts.js';
import { withOutbox } from './with-outbox.js';
import { refuseUnfitLetters } from './templates.js';
import type { DraftedLetter } from './outbox.js';
import type { Moment, Workspace } from './workspace.js';
import { shellQuote } from '../domain/shell-quote.js';

export interface DraftRequest {
  customerId: string;
  stage: string;
  personalNote: string | null;
  /** The customer's latest contact when the accountant started: if it moved, someone else wrote meanwhile. */
  seenContact: number;
}

/**
 * Writes the letter the accountant confirmed, exactly as `run` writes one (the Outbox: file,
 * contact and event, in one transaction), from the ledger as it stands at the moment of writing.
 */
export async function writeDraft(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, req: DraftRequest): Promise<DraftedLetter> {
  refuseUnfitLetters(ws, loaded);
  return withOutbox(db, ws, loaded, moment, async (outbox) => {
    if (lastContactId(db, req.customerId) !== req.seenContact) {
      throw new UsageError(`${req.customerId} was contacted by another dunning command while you were drafting; nothing was written (run \`dunning draft ${shellQuote(req.customerId)}\` again to see the account as it is now)`);
    }
    const account = loadAccounts(db, moment.asOf, req.customerId, historyFor(loaded.policy))[0];
    const letter = account ? letterAt(account, loaded.policy, moment.asOf, req.stage) : null;
    if (!account || !letter) {
      throw new UsageError(`${req.customerId}: there is nothing for a ${req.stage} letter to ask for any more; nothing was written`);
    }
    return outbox.draft(letter, account.customer, { runId: null, personalNote: req.personalNote });
  });
}
