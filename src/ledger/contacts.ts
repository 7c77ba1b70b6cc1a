import type { IsoDate } from '../domain/dates.js';
import { THANK_YOU } from '../domain/policy.js';
import { spanSql, type CustomerSpan } from './customer-span.js';
import { jsonRows } from './json-rows.js';
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

/** A contact voided when its letter was cancelled counts again: the letter went after all (sent by hand). */
export function restoreContact(db: Ledger, contactId: number): void {
  db.prepare('UPDATE contacts SET voided = 0 WHERE id = ?').run(contactId);
}

/** The day of the customer's latest letter or note, whether or not it is still open. */
export function lastContactOn(db: Ledger, customerId: string): IsoDate | null {
  return (db.prepare(`SELECT MAX(contacted_on) FROM contacts WHERE customer_id = ? AND voided = 0 AND kind IN ('letter', 'note')`).pluck().get(customerId) as string | null) ?? null;
}

/** A run was already recorded for this as-of day. */
export function hasRunOn(db: Ledger, asOf: IsoDate): boolean {
  return db.prepare('SELECT 1 FROM runs WHERE as_of = ? AND undone_at IS NULL').get(asOf) !== undefined;
}

/** The as-of date of the latest recorded run, if any. */
export function lastRunAsOf(db: Ledger): IsoDate | null {
  return (db.prepare('SELECT MAX(as_of) FROM runs WHERE undone_at IS NULL').pluck().get() as string | null) ?? null;
}

export function recordRun(db: Ledger, asOf: IsoDate, startedAt: string): number {
  return Number(db.prepare('INSERT INTO runs (as_of, started_at) VALUES (?, ?)').run(asOf, startedAt).lastInsertRowid);
}

/** Where each contacted invoice stands: the stage its latest contact left it at and the day, and whether it was thanked. */
export interface InvoiceStages {
  stages: Map<string, { stage: string; on: IsoDate }>;
  thanked: Set<string>;
}

/**
 * An invoice's stage from its contacts: the one rule every reader uses. Voided contacts do not
 * count, and a thank-you is not a stage (it marks the invoice thanked). One customer's, or all
 * (of a span of customers).
 */
export function invoiceStages(db: Ledger, onlyCustomer?: string, span?: CustomerSpan): InvoiceStages {
  const stages = new Map<string, { stage: string; on: IsoDate }>();
  const thanked = new Set<string>();
  // Every contacted invoice of a ledger months into daily runs: one JSON text (json-rows.ts).
  const rows = jsonRows<[string, string, IsoDate]>(
    db,
    'ci.invoice_number, ci.stage, c.contacted_on',
    `FROM contacts c CROSS JOIN contact_invoices ci ON ci.contact_id = c.id
     WHERE c.voided = 0 AND ci.stage IS NOT NULL ${onlyCustomer === undefined ? '' : 'AND c.customer_id = @customer'}${spanSql('c.customer_id', span)}`,
    { customer: onlyCustomer, ...span },
    'c.id',
  );
  for (const [number, stage, on] of rows) {
    if (stage === THANK_YOU) thanked.add(number);
    else stages.set(number, { stage, on });
  }
  return { stages, thanked };
}

/** A contact as the customer's history shows it, with what was said (a note's text, a letter's personal paragraph). */
export interface ContactRecord {
  id: number;
  on: IsoDate;
  kind: string;
  channel: string;
  stage: string | null;
  voided: boolean;
  invoices: string[];
  notes: string | null;
  files: { path: string; sha256: string }[];
}

/** Every contact with a customer, oldest first, from the contacts and the events that recorded them. */
export function contactHistory(db: Ledger, customerId: string): ContactRecord[] {
  const said = new Map<number, { notes: string | null; files: { path: string; sha256: string }[] }>();
  const events = db
    .prepare(`SELECT data FROM events WHERE customer_id = ? AND kind IN ('letter', 'thank-you', 'note', 'flag') ORDER BY id`)
    .pluck()
    .all(customerId) as string[];
  for (const text of events) {
    const d = JSON.parse(text) as { contact?: number; text?: string; personalNote?: string | null; files?: { path: string; sha256: string }[] };
    if (typeof d.contact === 'number') said.set(d.contact, { notes: d.text ?? d.personalNote ?? null, files: d.files ?? [] });
  }
  const rows = db
    .prepare(
      `SELECT c.id, c.contacted_on, c.kind, c.channel, c.stage, c.voided,
              (SELECT group_concat(ci.invoice_number, ' ') FROM contact_invoices ci WHERE ci.contact_id = c.id) AS invoices
       FROM contacts c WHERE c.customer_id = ? ORDER BY c.contacted_on, c.id`,
    )
    .all(customerId) as { id: number; contacted_on: string; kind: string; channel: string; stage: string | null; voided: number; invoices: string | null }[];
  return rows.map((c) => ({
    id: c.id,
    on: c.contacted_on,
    kind: c.kind,
    channel: c.channel,
    stage: c.stage,
    voided: c.voided !== 0,
    invoices: c.invoices ? c.invoices.split(' ') : [],
    notes: said.get(c.id)?.notes ?? null,
    files: said.get(c.id)?.files ?? [],
  }));
}
