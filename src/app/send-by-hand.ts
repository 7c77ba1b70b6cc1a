import { isIsoDate, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { adoptDrafts, deliveryOf, findLetter, insertDelivery, lettersDraftedOn, recordBounce, setDeliveryState } from '../ledger/deliveries.js';
import { restoreContact } from '../ledger/contacts.js';
import { EventLog } from '../ledger/events.js';
import { contactOfEvent } from '../ledger/ledger-facts.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { moveToSent } from '../send/letter-files.js';
import { SendLock } from '../send/lock.js';
import type { Moment, Workspace } from './workspace.js';

export interface MarkSentReport {
  asOf: IsoDate;
  marked: { letter: number; customer: string; file: string; channel: string; was: string }[];
  alreadySent: { letter: number; customer: string; file: string }[];
}

const channelOf = (file: string) => (file.endsWith('.eml') ? 'email' : 'post');

/**
 * Letters sent from a mail client or posted: each becomes `sent`, with an event naming how,
 * and moves to outbox/sent/ (audit verify follows it there). A letter `send` left unknown is
 * resolved this way once the owner has seen it in the mailbox's sent folder.
 */
export async function markSent(db: Ledger, ws: Workspace, moment: Moment, target: { letter?: string; date?: string }, channel?: 'post' | 'email'): Promise<MarkSentReport> {
  if (target.date !== undefined && !isIsoDate(target.date)) throw new UsageError(`--date ${target.date}: not a date (use YYYY-MM-DD)`);
  const report: MarkSentReport = { asOf: moment.asOf, marked: [], alreadySent: [] };
  await writeTransaction(db, async () => {
    adoptDrafts(db, moment.stamp.at);
    const events = new EventLog(db, moment.stamp);
    let letters;
    if (target.letter !== undefined) {
      const one = findLetter(db, target.letter);
      if (!one) throw new UsageError(`${target.letter}: no letter by that number or file name (dunning audit lists the letters and their files)`);
      letters = [one];
    } else {
      letters = lettersDraftedOn(db, target.date!).filter((l) => !channel || channelOf(l.file) === channel);
    }
    for (const l of letters) {
      const d = deliveryOf(db, l.event);
      if (d?.state === 'sent') {
        report.alreadySent.push({ letter: l.event, customer: l.customerId, file: l.file });
        continue;
      }
      // A letter left `sending` by a send that died is as good as unknown: the owner may settle it.
      if (d?.state === 'sending' && SendLock.held(`${ws.dbPath}.send-lock`)) {
        throw new UsageError(`${l.file}: a dunning send is handing this letter to the server right now; wait for it to finish`);
      }
      if (!d) insertDelivery(db, l, 'drafted', moment.stamp.at);
      const how = channel ?? channelOf(l.file);
      setDeliveryState(db, l.event, { state: 'sent', at: moment.stamp.at, reason: 'sent by hand', channel: how });
      // A letter cancelled before it went was not counted as a contact; sent, it is one again.
      const contact = contactOfEvent(db, l.event);
      if (contact !== undefined) restoreContact(db, contact);
      events.append({ kind: 'sent-by-hand', customerId: l.customerId, data: { letter: l.event, file: l.file, channel: how, on: moment.asOf, was: d?.state ?? 'drafted' } });
      report.marked.push({ letter: l.event, customer: l.customerId, file: l.file, channel: how, was: d?.state ?? 'drafted' });
    }
  });
  for (const m of report.marked) moveToSent(ws.outboxDir, m.file);
  return report;
}

export interface BounceReport {
  address: string;
  customers: string[];
  reason: string;
}

/** A bounce that came back by mail: every customer with that address is flagged bad-address. */
export async function recordMailBounce(db: Ledger, moment: Moment, address: string, reason: string | undefined): Promise<BounceReport> {
  const clean = address.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(clean)) throw new UsageError(`${address}: not an email address`);
  const why = reason ?? 'bounced (reported by hand)';
  const customers = await writeTransaction(db, async () => recordBounce(db, new EventLog(db, moment.stamp), { address: clean, reason: why, on: moment.asOf }));
  if (customers.length === 0) throw new UsageError(`${clean}: no customer has this email address (dunning show CUSTOMER shows a customer's)`);
  return { address: clean, customers, reason: why };
}
