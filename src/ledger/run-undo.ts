import type { IsoDate } from '../domain/dates.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';

export interface LastRun {
  id: number;
  asOf: IsoDate;
  startedAt: string;
  /** The run's own event and the events its transaction wrote before it (holds lifted, plans settled, letters). */
  events: { id: number; kind: string; data: Record<string, unknown> }[];
}

/** The latest run not undone, with the events of its transaction (they share its timestamp and run up to its `run` event). */
export function lastRun(db: Ledger): LastRun | null {
  const run = db.prepare('SELECT id, as_of, started_at FROM runs WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').get() as
    | { id: number; as_of: string; started_at: string }
    | undefined;
  if (!run) return null;
  const head = db.prepare(`SELECT id FROM events WHERE kind = 'run' AND json_extract(data, '$.run') = ?`).pluck().get(run.id) as number | undefined;
  if (head === undefined) return { id: run.id, asOf: run.as_of, startedAt: run.started_at, events: [] };
  const rows = db.prepare('SELECT id, kind, at, data FROM events WHERE id <= ? ORDER BY id DESC LIMIT 100000').iterate(head) as IterableIterator<{ id: number; kind: string; at: string; data: string }>;
  const events: LastRun['events'] = [];
  for (const e of rows) {
    if (e.at !== run.started_at) break;
    events.push({ id: e.id, kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> });
  }
  return { id: run.id, asOf: run.as_of, startedAt: run.started_at, events: events.reverse() };
}

/** Letters of the run that may have reached the customer: sent, being sent, or of unknown fate (send, mark-sent). */
export function lettersGone(db: Ledger, letterEvents: number[]): number[] {
  if (letterEvents.length === 0) return [];
  const ids = JSON.stringify(letterEvents);
  const gone = new Set(
    db.prepare(`SELECT json_extract(data, '$.letter') FROM events WHERE kind IN ('sent', 'sending') AND json_extract(data, '$.letter') IN (SELECT value FROM json_each(?))`).pluck().all(ids) as number[],
  );
  const hasDeliveries = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'`).get() !== undefined;
  if (hasDeliveries) {
    const rows = db.prepare(`SELECT letter_event FROM deliveries WHERE state IN ('sending', 'sent', 'unknown') AND letter_event IN (SELECT value FROM json_each(?))`).pluck().all(ids) as number[];
    for (const r of rows) gone.add(r);
  }
  return [...gone].sort((a, b) => a - b);
}

/**
 * Takes the run back: its contacts voided (invoices stand where they stood, its charges with
 * them), its letters' deliveries cancelled, the holds it lifted and the plans it settled as
 * they were, and the run no longer the last. Inside the caller's write transaction.
 */
export function undoRun(db: Ledger, events: EventLog, run: LastRun, at: string): { contacts: number; holds: number; plans: number } {
  const contacts = db.prepare('UPDATE contacts SET voided = 1 WHERE run_id = ? AND voided = 0').run(run.id).changes;
  const letters = run.events.filter((e) => e.kind === 'letter' || e.kind === 'thank-you').map((e) => e.id);
  if (letters.length > 0 && db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'`).get() !== undefined) {
    db.prepare(`UPDATE deliveries SET state = 'cancelled', reason = 'its run was undone', updated_at = ? WHERE state IN ('drafted', 'failed') AND letter_event IN (SELECT value FROM json_each(?))`).run(at, JSON.stringify(letters));
  }
  let holds = 0;
  let plans = 0;
  for (const e of run.events) {
    if (e.kind === 'release' && typeof e.data.hold === 'number') holds += db.prepare('UPDATE holds SET released_on = NULL WHERE id = ? AND released_on = ?').run(e.data.hold, e.data.on).changes;
    if ((e.kind === 'plan-missed' || e.kind === 'plan-completed') && typeof e.data.plan === 'number') {
      plans += db.prepare(`UPDATE plans SET status = 'active', closed_on = NULL WHERE id = ?`).run(e.data.plan).changes;
    }
  }
  db.prepare('UPDATE runs SET undone_at = ? WHERE id = ?').run(at, run.id);
  events.append({ kind: 'run-undone', data: { run: run.id, asOf: run.asOf, contacts, letters: letters.length, holds, plans } });
  return { contacts, holds, plans };
}
