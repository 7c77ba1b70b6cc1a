import type { EventRow } from './events.js';
import type { Ledger } from './open.js';

/** The whole audit trail, oldest first. */
export function allEvents(db: Ledger): EventRow[] {
  return db.prepare('SELECT * FROM events ORDER BY id').all() as EventRow[];
}

/** The audit trail for one customer and from one UTC day on (either may be left out), oldest first. */
export function auditRows(db: Ledger, filter: { customer?: string; since?: string } = {}): EventRow[] {
  return db
    .prepare(
      `SELECT * FROM events
       WHERE (@customer IS NULL OR customer_id = @customer) AND (@since IS NULL OR substr(at, 1, 10) >= @since)
       ORDER BY id`,
    )
    .all({ customer: filter.customer ?? null, since: filter.since ?? null }) as EventRow[];
}

/** A customer's events, oldest first: what `show` tells as the account's history. */
export function customerEvents(db: Ledger, customerId: string): Pick<EventRow, 'id' | 'at' | 'actor' | 'kind' | 'invoice_number' | 'data'>[] {
  return db.prepare('SELECT id, at, actor, kind, invoice_number, data FROM events WHERE customer_id = ? ORDER BY id').all(customerId) as Pick<
    EventRow,
    'id' | 'at' | 'actor' | 'kind' | 'invoice_number' | 'data'
  >[];
}

/**
 * Rows written in one transaction with their event, whose event is gone: each named, with what
 * is wrong. NOT IN over the events' ids reads the trail once per kind, not once per row.
 */
export function rowsWithoutTheirEvent(db: Ledger): { name: string; what: string }[] {
  const orphans: [string, string][] = [
    [
      `SELECT 'contact ' || c.id || ' (' || c.kind || ' to ' || c.customer_id || ' on ' || c.contacted_on || ')' FROM contacts c
       WHERE c.kind IN ('letter', 'thank-you', 'flag') AND c.id NOT IN
         (SELECT json_extract(e.data, '$.contact') FROM events e WHERE e.kind IN ('letter', 'thank-you', 'flag') AND json_extract(e.data, '$.contact') IS NOT NULL)`,
      'has no event in the trail',
    ],
    [
      `SELECT 'import of ' || i.file || ' (event ' || i.event_id || ')' FROM imports i
       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = i.event_id AND e.kind = 'import')`,
      'names an event the trail no longer has',
    ],
    [
      `SELECT 'hold ' || h.id || ' (' || h.reason || ')' FROM holds h
       WHERE h.id NOT IN (SELECT json_extract(e.data, '$.hold') FROM events e WHERE e.kind = 'hold' AND json_extract(e.data, '$.hold') IS NOT NULL)`,
      'has no event in the trail',
    ],
    [
      `SELECT 'run ' || r.id || ' (' || r.as_of || ')' FROM runs r
       WHERE r.id NOT IN (SELECT json_extract(e.data, '$.run') FROM events e WHERE e.kind = 'run' AND json_extract(e.data, '$.run') IS NOT NULL)`,
      'has no event in the trail',
    ],
  ];
  return orphans.flatMap(([sql, what]) => (db.prepare(sql).pluck().all() as string[]).map((name) => ({ name, what })));
}

/** Whether both triggers that keep the audit trail append-only are still in place. */
export function trailGuarded(db: Ledger): boolean {
  const n = db
    .prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('events_append_only_update', 'events_append_only_delete')`)
    .pluck()
    .get() as number;
  return n === 2;
}
