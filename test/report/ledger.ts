import { join } from 'node:path';
import { openLedger, type Ledger } from '../../src/ledger/open.js';
import type { Piece } from '../../src/report/receivables.js';
import { tempDir } from '../helpers.js';

/** A ledger written row by row, so that every figure of a report can be worked out by hand. */
export function handLedger(inMemory = false): Ledger {
  return openLedger(inMemory ? ':memory:' : join(tempDir('dunning-report-'), 'dunning.db'));
}

export function customer(db: Ledger, id: string, name = id): void {
  db.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(id, name);
}

export function invoice(
  db: Ledger,
  i: { number: string; customer: string; issued: string; due: string; currency: string; minor: number; status?: string; paidBefore?: number; importedOn?: string | null },
): void {
  db.prepare(
    `INSERT INTO invoices (number, customer_id, issue_date, due_date, currency, amount_minor, status, paid_before_minor, imported_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(i.number, i.customer, i.issued, i.due, i.currency, i.minor, i.status ?? 'open', i.paidBefore ?? 0, i.importedOn ?? null);
}

/** A payment row; the part of an export's undated "already paid" that a dated payment replaced has the kind the importer gives it. */
export function payment(db: Ledger, number: string, on: string, minor: number, reference: string | null = null, source = 'manual'): void {
  const kind = reference === 'replaced by dated payment' ? 'replaced' : 'payment';
  db.prepare('INSERT INTO payments (invoice_number, paid_on, amount_minor, reference, source, kind) VALUES (?, ?, ?, ?, ?, ?)').run(number, on, minor, reference, source, kind);
}

/** A letter (or flag) on `on` at `stage`, naming invoices at the stages they stood at after it. */
export function letter(db: Ledger, customerId: string, on: string, stage: string, invoices: string[], kind = 'letter'): void {
  const id = db.prepare(`INSERT INTO contacts (customer_id, contacted_on, kind, channel, stage) VALUES (?, ?, ?, 'email', ?)`).run(customerId, on, kind, stage).lastInsertRowid;
  for (const n of invoices) db.prepare('INSERT INTO contact_invoices (contact_id, invoice_number, stage, climbed) VALUES (?, ?, ?, 1)').run(id, n, stage);
}

/** Pieces in a canonical order, equal keys summed: two threads may each bring a part of one key. */
export function summed(pieces: Piece[]): string[] {
  const sums = new Map<string, number>();
  for (const p of pieces) {
    const key = `${p.currency} ${p.from} ${p.due} ${p.sale} ${p.credit}`;
    sums.set(key, (sums.get(key) ?? 0) + p.minor);
  }
  return [...sums].filter(([, minor]) => minor !== 0).map(([k, minor]) => `${k} ${minor}`).sort();
}
