import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Ledger } from './open.js';

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

export interface NewEvent {
  kind: string;
  customerId?: string | null;
  invoiceNumber?: string | null;
  data: Record<string, unknown>;
}

export interface EventRow {
  id: number;
  at: string;
  actor: string;
  kind: string;
  customer_id: string | null;
  invoice_number: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Who and when, supplied by the CLI: code below it never reads the clock. */
export interface Stamp {
  /** UTC ISO 8601 timestamp. */
  at: string;
  /** The OS user. */
  actor: string;
}

/** The SHA-256 an event must carry: its predecessor's hash and its own canonical content. */
export function eventHash(e: Omit<EventRow, 'hash'>): string {
  const content = canonicalJson({
    id: e.id,
    at: e.at,
    actor: e.actor,
    kind: e.kind,
    customer: e.customer_id,
    invoice: e.invoice_number,
    data: JSON.parse(e.data),
  });
  return createHash('sha256').update(`${e.prev_hash}\n${content}`).digest('hex');
}

/**
 * Appends events to the hash-chained audit trail. Use inside the command's write transaction:
 * the writer reads the chain's head once and keeps it.
 */
export class EventLog {
  private head: { id: number; hash: string } | undefined;
  private readonly insert;

  constructor(
    private readonly db: Ledger,
    private readonly stamp: Stamp,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (id, at, actor, kind, customer_id, invoice_number, data, prev_hash, hash)
       VALUES (@id, @at, @actor, @kind, @customer_id, @invoice_number, @data, @prev_hash, @hash)`,
    );
  }

  private last(): { id: number; hash: string } {
    this.head ??= (this.db.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as
      | { id: number; hash: string }
      | undefined) ?? { id: 0, hash: GENESIS };
    return this.head;
  }

  /** The id the next appended event will get (a letter's X-Dunning-Event header needs it first). */
  nextId(): number {
    return this.last().id + 1;
  }

  append(event: NewEvent): number {
    const prev = this.last();
    const row = {
      id: prev.id + 1,
      at: this.stamp.at,
      actor: this.stamp.actor,
      kind: event.kind,
      customer_id: event.customerId ?? null,
      invoice_number: event.invoiceNumber ?? null,
      data: canonicalJson(event.data),
      prev_hash: prev.hash,
    };
    const hash = eventHash(row);
    this.insert.run({ ...row, hash });
    this.head = { id: row.id, hash };
    return row.id;
  }
}
