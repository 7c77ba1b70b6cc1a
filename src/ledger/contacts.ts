import type { IsoDate } from '../domain/dates.js';
import type { Ledger } from './open.js';
import { statement } from './statements.js';

export interface NewContact {
  customerId: string;
  on: IsoDate;
  kind: 'letter' | 'thank-you' | 'flag' | 'note';
  channel: string;
  stage: string | null;
  runId: number | null;
  /** The invoices the contact was about and the stage each stands at after it. */
  invoices: { number: string; stage: string | null; climbed: boolean }[];
}

/** Records a contact and the invoices it named; returns the contact id. */
export function recordContact(db: Ledger, c: NewContact): number {
  const id = Number(
    statement(db, 'INSERT INTO contacts (customer_id, contacted_on, kind, channel, stage, run_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.customerId, c.on, c.kind, c.channel, c.stage, c.runId).lastInsertRowid,
  );
  const line = statement(db, 'INSERT INTO contact_invoices (contact_id, invoice_number, stage, climbed) VALUES (?, ?, ?, ?)');
  for (const i of c.invoices) line.run(id, i.number, i.stage, i.climbed ? 1 : 0);
  return id;
}

/** The latest contact recorded for a customer: a change while the accountant was deciding means someone else wrote. */
export function lastContactId(db: Ledger, customerId: string): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM contacts WHERE customer_id = ?').pluck().get(customerId) as number) ?? 0;
}

/** A run was already recorded for this as-of day. */
export function hasRunOn(db: Ledger, asOf: IsoDate): boolean {
  return db.prepare('SELECT 1 FROM runs WHERE as_of = ?').get(asOf) !== undefined;
}

/** The as-of date of the latest recorded run, if any. */
export function lastRunAsOf(db: Ledger): IsoDate | null {
  return (db.prepare('SELECT MAX(as_of) FROM runs').pluck().get() as string | null) ?? null;
}

export function recordRun(db: Ledger, asOf: IsoDate, startedAt: string): number {
  return Number(db.prepare('INSERT INTO runs (as_of, started_at) VALUES (?, ?)').run(asOf, startedAt).lastInsertRowid);
}
