import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventHash, GENESIS, type EventRow } from '../ledger/events.js';
import { ledgerId } from '../ledger/identity.js';
import { allEvents, rowsWithoutTheirEvent, trailGuarded } from '../ledger/audit-rows.js';
import type { Ledger } from '../ledger/open.js';
import { columnsAsRecorded, recordedHead, tamperedRows } from '../ledger/row-checks.js';
import { sha256 } from '../letters/write.js';
import { letterPath } from '../send/letter-files.js';
import { isRegularFile, letterLedger } from './outbox-files.js';

export interface VerifyProblem {
  /**
   * chain: an event's hash or link; head: the newest event against the one dunning recorded
   * writing; row: a ledger row against its check; file: a letter file; reference: a row the
   * trail should name; schema: the guards.
   */
  check: 'chain' | 'head' | 'row' | 'file' | 'reference' | 'schema';
  /** For a row problem: the table and the row (an invoice number, a payment id…). */
  table?: string;
  row?: string;
  event: number | null;
  file: string | null;
  message: string;
}

/** The `audit verify --json` report. */
export interface VerifyReport {
  ok: boolean;
  events: number;
  /** The newest event and its hash: write it down, and a trail cut short after it is caught next time. */
  head: { id: number; hash: string } | null;
  files: number;
  problems: VerifyProblem[];
}

const LETTER_FILE = /^\d{4,}-.+\.(eml|html)$/;

/** Recomputes the hash chain: every id in sequence, every link to its predecessor, every hash over its content. */
function checkChain(rows: EventRow[], problems: VerifyProblem[]): void {
  let prev = { id: 0, hash: GENESIS };
  for (const row of rows) {
    const where = `event ${row.id} (${row.kind}, ${row.at})`;
    if (row.id !== prev.id + 1) {
      const gap = row.id - prev.id - 1;
      problems.push({
        check: 'chain',
        event: prev.id + 1,
        file: null,
        message: `event ${prev.id + 1}${gap > 1 ? ` to ${row.id - 1}` : ''} ${gap > 1 ? 'are' : 'is'} missing: the trail jumps from event ${prev.id} to event ${row.id} (a row was deleted)`,
      });
    } else if (row.prev_hash !== prev.hash) {
      problems.push({ check: 'chain', event: row.id, file: null, message: `${where} no longer follows event ${prev.id}: the hash it recorded for its predecessor differs (an earlier event was changed or replaced)` });
    }
    let recomputed: string | null;
    try {
      recomputed = eventHash(row);
    } catch {
      recomputed = null;
    }
    if (recomputed !== row.hash) {
      problems.push({ check: 'chain', event: row.id, file: null, message: `${where} was changed after it was written: its content no longer matches its hash` });
    }
    prev = { id: row.id, hash: row.hash };
  }
}

function recordedFiles(rows: EventRow[]): { event: number; path: string; sha256: string }[] {
  const out: { event: number; path: string; sha256: string }[] = [];
  for (const row of rows) {
    let files: unknown;
    try {
      files = (JSON.parse(row.data) as { files?: unknown }).files;
    } catch {
      continue;
    }
    if (!Array.isArray(files)) continue;
    for (const f of files) if (f && typeof f.path === 'string' && typeof f.sha256 === 'string') out.push({ event: row.id, path: f.path, sha256: f.sha256 });
  }
  return out;
}

/** Each letter file must still hold exactly what was written: the SHA-256 its event recorded. */
function checkFiles(files: ReturnType<typeof recordedFiles>, outboxDir: string, problems: VerifyProblem[], own: string | null): void {
  const otherLedgers = (path: string) => {
    const ledger = letterLedger(path);
    return ledger !== null && ledger !== own;
  };
  for (const f of files) {
    // A letter that went may have moved to outbox/sent/ (dunning send, mark-sent, or by hand).
    const path = letterPath(outboxDir, f.path) ?? join(outboxDir, f.path);
    if (!existsSync(path)) {
      problems.push({ check: 'file', event: f.event, file: path, message: `${path} (recorded by event ${f.event}) is missing` });
    } else if (!isRegularFile(path)) {
      // A pipe or a device in a letter's place: reading it could wait for ever.
      problems.push({ check: 'file', event: f.event, file: path, message: `${path} (recorded by event ${f.event}) is no longer a regular file` });
    } else if (sha256(readFileSync(path)) !== f.sha256) {
      problems.push({ check: 'file', event: f.event, file: path, message: `${path} was changed after event ${f.event} recorded it (its SHA-256 no longer matches)` });
    }
  }
  // A letter in the outbox that no event names: its event was removed from the trail.
  if (!existsSync(outboxDir)) return;
  const known = new Set(files.map((f) => f.path));
  for (const day of readdirSync(outboxDir, { withFileTypes: true })) {
    if (!day.isDirectory()) continue;
    for (const name of readdirSync(join(outboxDir, day.name))) {
      if (LETTER_FILE.test(name) && !known.has(`${day.name}/${name}`)) {
        const path = join(outboxDir, day.name, name);
        // An outbox shared with another ledger (--outbox) holds its letters too: not this trail's to judge.
        if (!isRegularFile(path) || otherLedgers(path)) continue;
        problems.push({ check: 'file', event: null, file: path, message: `${path} is a letter no event records (its event was removed from the trail)` });
      }
    }
  }
}

/** Rows that are written in the same transaction as their event: one without it means the trail was cut. */
function checkReferences(db: Ledger, problems: VerifyProblem[]): void {
  for (const { name, what } of rowsWithoutTheirEvent(db)) {
    problems.push({ check: 'reference', event: null, file: null, message: `${name} ${what} (an event was deleted)` });
  }
  if (!trailGuarded(db)) {
    problems.push({ check: 'schema', event: null, file: null, message: 'the triggers that keep the audit trail append-only have been dropped' });
  }
}

/** The newest event against the one dunning recorded writing: a newest event deleted, or one added by other means. */
function checkHead(db: Ledger, rows: EventRow[], problems: VerifyProblem[]): void {
  const recorded = recordedHead(db);
  if (!recorded) return;
  const last = rows.at(-1) ?? { id: 0, hash: GENESIS };
  if (last.id < recorded.id) {
    const gone = recorded.id - last.id;
    problems.push({
      check: 'head',
      event: recorded.id,
      file: null,
      message: `event ${last.id + 1}${gone > 1 ? ` to ${recorded.id}` : ''}, the newest dunning wrote, ${gone > 1 ? 'are' : 'is'} missing: the trail ends at event ${last.id} (a row was deleted)`,
    });
  } else if (last.id > recorded.id) {
    problems.push({ check: 'head', event: recorded.id + 1, file: null, message: `event ${recorded.id + 1}${last.id > recorded.id + 1 ? ` to ${last.id}` : ''} were not written by dunning: its newest event is ${recorded.id}` });
  } else if (last.hash !== recorded.hash) {
    problems.push({ check: 'head', event: last.id, file: null, message: `event ${last.id} is not the newest event dunning wrote: its hash differs from the one recorded (it was replaced)` });
  }
}

const HOW = { added: 'was added outside dunning', changed: 'was changed outside dunning', deleted: 'was deleted outside dunning' } as const;

/** Every ledger row against the check dunning wrote with it: names each row added, changed or deleted by other means. */
function checkRows(db: Ledger, problems: VerifyProblem[]): void {
  if (!recordedHead(db)) return;
  if (!columnsAsRecorded(db)) {
    problems.push({ check: 'schema', event: null, file: null, message: 'the ledger tables have columns dunning did not add (the schema was changed by hand)' });
  }
  for (const r of tamperedRows(db)) {
    const which = /^(between|after|\()/.test(r.row) ? `a row ${r.row}` : `row ${r.row}`;
    const why = r.how === 'added' ? ' (it has no check)' : r.how === 'changed' ? ' (it no longer matches its check)' : '';
    problems.push({ check: 'row', event: null, file: null, table: r.table, row: r.row, message: `${r.table}: ${which} ${HOW[r.how]}${why}` });
  }
}

/**
 * Proves the audit trail complete and unaltered: the hash chain recomputed from the first event,
 * its newest event against the one dunning recorded writing, every ledger row against its check,
 * every letter file against the SHA-256 recorded when it was written, and every contact, hold,
 * run and import against the event written with it. Problems are listed in that order; the first
 * is the first event or file that does not match.
 */
export function verifyTrail(db: Ledger, outboxDir: string): VerifyReport {
  const rows = allEvents(db);
  const problems: VerifyProblem[] = [];
  checkChain(rows, problems);
  checkHead(db, rows, problems);
  checkRows(db, problems);
  const files = recordedFiles(rows);
  checkFiles(files, outboxDir, problems, ledgerId(db));
  checkReferences(db, problems);
  const last = rows.at(-1);
  return { ok: problems.length === 0, events: rows.length, head: last ? { id: last.id, hash: last.hash } : null, files: files.length, problems };
}
