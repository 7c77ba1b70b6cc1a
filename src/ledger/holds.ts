import { addDays, type IsoDate } from '../domain/dates.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

/** What a hold stops: a whole customer, or a single invoice (a dispute over one job). */
export type HoldTarget = { customerId: string } | { invoiceNumber: string };

export interface NewHold {
  target: HoldTarget;
  reason: string;
  on: IsoDate;
  /** The hold lifts itself after this day ("cheque in the post, give it until Friday"). */
  until?: IsoDate | null;
}

function customerOf(db: Ledger, target: HoldTarget): string {
  if ('customerId' in target) return target.customerId;
  return db.prepare('SELECT customer_id FROM invoices WHERE number = ?').pluck().get(target.invoiceNumber) as string;
}

/**
 * A hold in force on the day bound as `asOf` (a SQL parameter): not released, and not ended
 * before that day. Planning, `release` and `show` all read holds through this one condition, so
 * none of them sees a hold the others do not. `h` is the table's alias, if the query gives one.
 */
export function holdInForce(asOf: string, h = ''): string {
  const c = h ? `${h}.` : '';
  return `${c}released_on IS NULL AND (${c}until IS NULL OR ${c}until >= ${asOf})`;
}

/** Places a hold and records it as an event; returns the hold id. Call inside a write transaction. */
export function placeHold(db: Ledger, events: EventLog, hold: NewHold): number {
  const customerId = 'customerId' in hold.target ? hold.target.customerId : null;
  const invoiceNumber = 'invoiceNumber' in hold.target ? hold.target.invoiceNumber : null;
  const id = Number(
    db
      .prepare('INSERT INTO holds (customer_id, invoice_number, reason, placed_on, until) VALUES (?, ?, ?, ?, ?)')
      .run(customerId, invoiceNumber, hold.reason, hold.on, hold.until ?? null).lastInsertRowid,
  );
  events.append({
    kind: 'hold',
    customerId: customerOf(db, hold.target),
    invoiceNumber,
    data: { hold: id, reason: hold.reason, on: hold.on, until: hold.until ?? null },
  });
  return id;
}

/** Releases every active hold on the target; returns how many were released. */
export function releaseHolds(db: Ledger, events: EventLog, target: HoldTarget, on: IsoDate, reason: string | null = null): number {
  const column = 'customerId' in target ? 'customer_id' : 'invoice_number';
  const key = 'customerId' in target ? target.customerId : target.invoiceNumber;
  const ids = db
    .prepare(`SELECT id FROM holds WHERE ${column} = ? AND ${holdInForce('?')}`)
    .pluck()
    .all(key, on) as number[];
  const release = db.prepare('UPDATE holds SET released_on = ? WHERE id = ?');
  for (const id of ids) {
    release.run(on, id);
    events.append({
      kind: 'release',
      customerId: customerOf(db, target),
      invoiceNumber: 'invoiceNumber' in target ? target.invoiceNumber : null,
      data: { hold: id, on, reason },
    });
  }
  return ids.length;
}

/**
 * Holds whose end date has passed lift themselves: each is closed the day after its `until`,
 * with a release event, so the timeline shows when dunning could resume.
 */
export function expireHolds(db: Ledger, events: EventLog, asOf: IsoDate): number {
  const expired = db
    .prepare('SELECT id, customer_id, invoice_number, until FROM holds WHERE released_on IS NULL AND until IS NOT NULL AND until < ?')
    .all(asOf) as { id: number; customer_id: string | null; invoice_number: string | null; until: string }[];
  const release = db.prepare('UPDATE holds SET released_on = ? WHERE id = ?');
  for (const h of expired) {
    const on = addDays(h.until, 1);
    release.run(on, h.id);
    const target: HoldTarget = h.customer_id !== null ? { customerId: h.customer_id } : { invoiceNumber: h.invoice_number! };
    events.append({
      kind: 'release',
      customerId: customerOf(db, target),
      invoiceNumber: h.invoice_number,
      data: { hold: h.id, on, reason: `the hold ran until ${h.until}` },
    });
  }
  return expired.length;
}

export interface HoldRow {
  id: number;
  customer_id: string | null;
  invoice_number: string | null;
  reason: string;
  placed_on: string;
  until: string | null;
}

/**
 * Holds in force on `asOf` for a customer or any of its invoices: the ones planning honours,
 * including one recorded after a back-dated `asOf`, because no letter goes to a customer on hold.
 */
export function activeHolds(db: Ledger, customerId: string, asOf: IsoDate): HoldRow[] {
  return db
    .prepare(
      `SELECT h.id, h.customer_id, h.invoice_number, h.reason, h.placed_on, h.until FROM holds h
       LEFT JOIN invoices i ON i.number = h.invoice_number
       WHERE (h.customer_id = @c OR i.customer_id = @c) AND ${holdInForce('@asOf', 'h')}
       ORDER BY h.id`,
    )
    .all({ c: customerId, asOf }) as HoldRow[];
}
