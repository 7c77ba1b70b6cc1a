import type { IsoDate } from '../domain/dates.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

/** The owner starts dunning a debt that was stale when first imported: from this day on. */
export function releaseStale(db: Ledger, events: EventLog, invoice: { number: string; customerId: string }, on: IsoDate, reason: string | null): boolean {
  const added = db.prepare('INSERT OR IGNORE INTO stale_releases (invoice_number, released_on) VALUES (?, ?)').run(invoice.number, on).changes > 0;
  if (added) events.append({ kind: 'stale-release', customerId: invoice.customerId, invoiceNumber: invoice.number, data: { on, reason } });
  return added;
}

/** The owner writes off a debt: its status becomes written-off, out of receivables and never chased. */
export function writeOff(db: Ledger, events: EventLog, invoice: { number: string; customerId: string }, on: IsoDate, reason: string): boolean {
  const done = db.prepare(`UPDATE invoices SET status = 'written-off' WHERE number = ? AND status = 'open'`).run(invoice.number).changes > 0;
  if (done) events.append({ kind: 'write-off', customerId: invoice.customerId, invoiceNumber: invoice.number, data: { on, reason } });
  return done;
}
