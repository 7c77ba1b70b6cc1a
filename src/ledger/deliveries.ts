import type { IsoDate } from '../domain/dates.js';
import type { EventLog } from './events.js';
import { holdInForce } from './holds.js';
import type { Ledger } from './open.js';
import { statement } from './statements.js';

export type DeliveryState = 'drafted' | 'sending' | 'sent' | 'failed' | 'rejected' | 'cancelled' | 'unknown';

/** One email letter on its way out, with what its letter event recorded. */
export interface Delivery {
  letterEvent: number;
  customerId: string;
  /** Relative to the outbox, as the letter event recorded it. */
  file: string;
  sha256: string;
  kind: 'letter' | 'thank-you';
  contactId: number | null;
  invoices: string[];
  state: DeliveryState;
  attempts: number;
  nextAttempt: string | null;
  reason: string | null;
  response: string | null;
  /** The customer's email in the ledger now. */
  email: string | null;
}

interface Row {
  letter_event: number;
  customer_id: string;
  file: string;
  state: DeliveryState;
  attempts: number;
  next_attempt: string | null;
  reason: string | null;
  response: string | null;
  data: string;
  kind: 'letter' | 'thank-you';
  email: string | null;
}

const SELECT = `SELECT d.letter_event, d.customer_id, d.file, d.state, d.attempts, d.next_attempt, d.reason, d.response,
                       e.data, e.kind, c.email
                FROM deliveries d JOIN events e ON e.id = d.letter_event JOIN customers c ON c.id = d.customer_id`;

function delivery(r: Row): Delivery {
  const data = JSON.parse(r.data) as { contact?: number; files?: { path: string; sha256: string }[]; invoices?: { number: string }[]; thanked?: string[] };
  const file = data.files?.find((f) => f.path === r.file);
  return {
    letterEvent: r.letter_event,
    customerId: r.customer_id,
    file: r.file,
    sha256: file?.sha256 ?? '',
    kind: r.kind,
    contactId: data.contact ?? null,
    invoices: [...(data.invoices ?? []).map((i) => i.number), ...(data.thanked ?? [])],
    state: r.state,
    attempts: r.attempts,
    nextAttempt: r.next_attempt,
    reason: r.reason,
    response: r.response,
    email: r.email,
  };
}

/**
 * Takes every email letter drafted since the last look into the deliveries, as `drafted`.
 * Events only grow, so the letters after the newest delivery are the new ones; call this
 * before any other change to deliveries (mark-sent included) so none is skipped.
 */
export function adoptDrafts(db: Ledger, at: string): number {
  return db
    .prepare(
      `INSERT INTO deliveries (letter_event, customer_id, file, state, updated_at)
       SELECT e.id, e.customer_id, json_extract(f.value, '$.path'), 'drafted', ?
       FROM events e, json_each(e.data, '$.files') f
       WHERE e.id > (SELECT COALESCE(MAX(letter_event), 0) FROM deliveries)
         AND e.kind IN ('letter', 'thank-you') AND e.customer_id IS NOT NULL
         AND json_extract(f.value, '$.path') LIKE '%.eml'`,
    )
    .run(at).changes;
}

export function deliveriesIn(db: Ledger, states: DeliveryState[]): Delivery[] {
  const rows = db.prepare(`${SELECT} WHERE d.state IN (${states.map(() => '?').join(', ')}) ORDER BY d.letter_event`).all(...states) as Row[];
  return rows.map(delivery);
}

export function deliveryOf(db: Ledger, letterEvent: number): Delivery | undefined {
  const row = db.prepare(`${SELECT} WHERE d.letter_event = ?`).get(letterEvent) as Row | undefined;
  return row && delivery(row);
}

/** A letter named by its event id, its file name or its path in the outbox. */
export function findLetter(db: Ledger, ref: string): { event: number; file: string; customerId: string; kind: string } | undefined {
  const byId = /^\d+$/.test(ref) ? Number(ref) : -1;
  const name = ref.replace(/\\/g, '/').replace(/^.*?outbox\//, '').replace(/^sent\//, '');
  return db
    .prepare(
      `SELECT e.id AS event, json_extract(f.value, '$.path') AS file, e.customer_id AS customerId, e.kind
       FROM events e, json_each(e.data, '$.files') f
       WHERE e.kind IN ('letter', 'thank-you') AND (e.id = ? OR json_extract(f.value, '$.path') = ? OR json_extract(f.value, '$.path') LIKE ?)
       ORDER BY e.id LIMIT 1`,
    )
    .get(byId, name, `%/${name.split('/').pop()}`) as { event: number; file: string; customerId: string; kind: string } | undefined;
}

export interface StateChange {
  state: DeliveryState;
  at: string;
  reason?: string | null;
  response?: string | null;
  nextAttempt?: string | null;
  /** The as-of day of an attempt that starts now (counts one more attempt). */
  attemptOn?: IsoDate;
  channel?: string;
}

/** Moves a letter to a new delivery state (the event is the caller's: it knows why). */
export function setDeliveryState(db: Ledger, letterEvent: number, c: StateChange): void {
  const attempt = c.attemptOn !== undefined;
  statement(
    db,
    `UPDATE deliveries SET state = @state, updated_at = @at, reason = @reason, response = @response, next_attempt = @nextAttempt,
       attempts = attempts + @attempt, attempted_on = COALESCE(@attemptOn, attempted_on), channel = COALESCE(@channel, channel)
     WHERE letter_event = @letterEvent`,
  ).run({
    letterEvent,
    state: c.state,
    at: c.at,
    reason: c.reason ?? null,
    response: c.response ?? null,
    nextAttempt: c.nextAttempt ?? null,
    attempt: attempt ? 1 : 0,
    attemptOn: c.attemptOn ?? null,
    channel: c.channel ?? null,
  });
}

/** A letter sent by hand that no delivery row holds yet (a printed .html letter): one in state sent. */
export function insertDelivery(db: Ledger, letter: { event: number; customerId: string; file: string }, state: DeliveryState, at: string): void {
  db.prepare('INSERT INTO deliveries (letter_event, customer_id, file, state, updated_at) VALUES (?, ?, ?, ?, ?)').run(letter.event, letter.customerId, letter.file, state, at);
}

/** How many letters a send tried on the day (sending.perDay). */
export function attemptsOn(db: Ledger, day: IsoDate): number {
  return db.prepare(`SELECT COUNT(*) FROM deliveries WHERE attempted_on = ? AND state <> 'drafted'`).pluck().get(day) as number;
}

/**
 * The day of the newest import: the latest as-of day an export was imported, whether or not it
 * changed anything. A ledger from before migration 7 has only its import events' timestamps.
 */
export function newestImportDay(db: Ledger): IsoDate | null {
  const seen = db.prepare('SELECT MAX(last_on) FROM exports_seen').pluck().get() as string | null;
  return seen ?? ((db.prepare(`SELECT MAX(substr(at, 1, 10)) FROM events WHERE kind = 'import'`).pluck().get() as string | null) ?? null);
}

/** Notes that an export was imported on a day (import calls this for every file it loads). */
export function noteExportSeen(db: Ledger, sha256: string, on: IsoDate): void {
  statement(db, 'INSERT INTO exports_seen (sha256, last_on) VALUES (?, ?) ON CONFLICT (sha256) DO UPDATE SET last_on = MAX(last_on, excluded.last_on)').run(sha256, on);
}

/** Why a letter drafted at `letterEvent` should no longer go, or null: paid, held or a plan agreed since. */
export function reasonToCancel(db: Ledger, d: Delivery, asOf: IsoDate): string | null {
  if (d.kind === 'thank-you') return null;
  const since = (kind: string, extra = '') =>
    statement(db, `SELECT 1 FROM events WHERE id > ? AND customer_id = ? AND kind = '${kind}' ${extra} LIMIT 1`).get(d.letterEvent, d.customerId) !== undefined;
  if (since('payment', `AND COALESCE(json_extract(data, '$.minor'), 1) > 0`)) return 'paid since it was drafted';
  if (since('plan')) return 'a payment plan was agreed since it was drafted';
  const held = statement(
    db,
    `SELECT 1 FROM holds h WHERE ${holdInForce('@asOf', 'h')}
       AND (h.customer_id = @customer OR h.invoice_number IN (SELECT value FROM json_each(@invoices))) LIMIT 1`,
  ).get({ asOf, customer: d.customerId, invoices: JSON.stringify(d.invoices) });
  if (held) return 'on hold';
  return null;
}

/** A letter that will not go: its contact no longer counts, so the next run drafts what is right. */
export function voidContact(db: Ledger, contactId: number | null): void {
  if (contactId !== null) statement(db, 'UPDATE contacts SET voided = 1 WHERE id = ?').run(contactId);
}

/** Records an address refused for good, for every customer whose email it is (or the one named). */
export function recordBounce(
  db: Ledger,
  events: EventLog,
  b: { address: string; reason: string; on: IsoDate; customerId?: string; letterEvent?: number },
): string[] {
  const customers = b.customerId
    ? [b.customerId]
    : (db.prepare('SELECT id FROM customers WHERE email = ? COLLATE NOCASE ORDER BY id').pluck().all(b.address) as string[]);
  const insert = statement(db, 'INSERT INTO bounces (customer_id, address, reason, bounced_on) VALUES (?, ?, ?, ?)');
  for (const c of customers) {
    insert.run(c, b.address, b.reason, b.on);
    events.append({ kind: 'bounce', customerId: c, data: { address: b.address, reason: b.reason, on: b.on, letter: b.letterEvent ?? null } });
  }
  return customers;
}

/** Whether the customer's email is one that bounced (until a new address is recorded). */
export function isBadAddress(db: Ledger, customerId: string, address: string): boolean {
  return statement(db, 'SELECT 1 FROM bounces WHERE customer_id = ? AND address = ? LIMIT 1').get(customerId, address) !== undefined;
}

/** Customers flagged bad-address: their current email bounced. */
export function badAddressCustomers(db: Ledger): { customer: string; address: string; reason: string; on: IsoDate }[] {
  return db
    .prepare(
      `SELECT c.id AS customer, c.email AS address, b.reason, b.bounced_on AS "on"
       FROM customers c JOIN bounces b ON b.customer_id = c.id AND b.address = c.email
       WHERE b.id = (SELECT MAX(id) FROM bounces x WHERE x.customer_id = c.id AND x.address = c.email)
       ORDER BY c.id`,
    )
    .all() as { customer: string; address: string; reason: string; on: IsoDate }[];
}

/** Letters marked sent on a day (mark-sent --date D): the letters drafted that day not yet sent. */
export function lettersDraftedOn(db: Ledger, day: IsoDate): { event: number; file: string; customerId: string; kind: string }[] {
  return db
    .prepare(
      `SELECT e.id AS event, json_extract(f.value, '$.path') AS file, e.customer_id AS customerId, e.kind
       FROM events e, json_each(e.data, '$.files') f
       WHERE e.kind IN ('letter', 'thank-you') AND json_extract(e.data, '$.on') = ?
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.letter_event = e.id AND d.state = 'sent')
       ORDER BY e.id`,
    )
    .all(day) as { event: number; file: string; customerId: string; kind: string }[];
}
