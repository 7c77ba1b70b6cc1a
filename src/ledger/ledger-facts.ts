import type { Ledger } from './open.js';

/** Small questions about the ledger as a whole, asked by commands that need no more of it. */

/** Whether the ledger holds a single invoice: `status` on an empty ledger answers without planning. */
export function hasInvoices(db: Ledger): boolean {
  return db.prepare('SELECT 1 FROM invoices LIMIT 1').get() !== undefined;
}

/** How many events the audit trail holds (a backup reports it, having verified the copy's). */
export function eventCount(db: Ledger): number {
  return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
}

/** The contact a letter's event recorded, if it recorded one. */
export function contactOfEvent(db: Ledger, eventId: number): number | undefined {
  const data = db.prepare('SELECT data FROM events WHERE id = ?').pluck().get(eventId) as string | undefined;
  return data === undefined ? undefined : (JSON.parse(data) as { contact?: number }).contact;
}
