import { UsageError } from '../domain/errors.js';
import { recordContact } from '../ledger/contacts.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { pastDate, resolveCustomer } from './target.js';
import type { Moment } from './workspace.js';

export const NOTE_CHANNELS = ['phone', 'email', 'letter', 'meeting'] as const;

export interface NoteReport {
  customer: string;
  contact: number;
  on: string;
  channel: string;
}

/**
 * A contact made by hand (a phone call, a meeting). It counts towards the contact interval,
 * so the next letter waits as it would after one we drafted, and it appears in the timeline.
 */
export async function note(db: Ledger, moment: Moment, args: { customer: string; text: string; channel?: string; date?: string }): Promise<NoteReport> {
  const channel = args.channel ?? 'phone';
  if (!(NOTE_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`--channel ${channel}: must be one of ${NOTE_CHANNELS.join(', ')}`);
  if (!args.text.trim()) throw new UsageError('TEXT: say what was said, e.g. "promised to pay Friday"');
  const on = pastDate('--date', args.date, moment.asOf);
  return writeTransaction(db, async () => {
    const customer = resolveCustomer(db, args.customer);
    const contact = recordContact(db, { customerId: customer, on, kind: 'note', channel, stage: null, runId: null, invoices: [] });
    new EventLog(db, moment.stamp).append({ kind: 'note', customerId: customer, data: { contact, on, channel, text: args.text } });
    return { customer, contact, on, channel };
  });
}
