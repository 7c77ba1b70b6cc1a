import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventHash, type EventRow } from '../../src/ledger/events.js';
import { configure, dunning, tempDir, writeCsv } from '../helpers.js';
import { AS_OF, deskLedger } from './desk-fixtures.js';

/** A ledger after one run: event 1 the import, 2-4 the letters (acme, bakery, kestrel), 5 the run. */
function ledgerAfterRun(): string {
  const dir = deskLedger();
  expect(dunning(dir, ['run', '--as-of', AS_OF]).code).toBe(0);
  return dir;
}

/** Tampering as someone with the sqlite3 shell would: drop the guards, change the rows, put the guards back. */
function tamper(dir: string, sql: string, restoreTriggers = true): void {
  const db = new Database(join(dir, 'dunning.db'));
  try {
    db.exec('DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;');
    db.exec(sql);
    if (restoreTriggers) {
      db.exec(`CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                 BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END;
               CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                 BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted'); END;`);
    }
  } finally {
    db.close();
  }
}

function letterFile(dir: string, eventId: number): string {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  const data = JSON.parse(db.prepare('SELECT data FROM events WHERE id = ?').pluck().get(eventId) as string);
  db.close();
  return join(dir, 'outbox', data.files[0].path);
}

function verify(dir: string) {
  const r = dunning(dir, ['audit', 'verify', '--json']);
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('dunning audit verify', () => {
  it('proves an untouched trail: every event chained, every letter file as written (exit 0)', () => {
    const dir = ledgerAfterRun();
    const r = dunning(dir, ['audit', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^The audit trail is intact: 5 events chained, 3 letter files match; head: event 5, [0-9a-f]{64}\.$/m);
    expect(verify(dir).report).toMatchObject({ ok: true, events: 5, files: 3, problems: [] });
  });

  it('names an event whose row was edited through SQLite with the triggers dropped (exit 5)', () => {
    const dir = ledgerAfterRun();
    tamper(dir, `UPDATE events SET data = replace(data, '120000', '12000') WHERE id = 2`);
    const r = dunning(dir, ['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/first: event 2 \(letter, .*\) was changed after it was written/);
    expect(verify(dir).report.problems[0]).toMatchObject({ check: 'chain', event: 2 });
  });

  it('names the next event when an edited row was given a fresh hash of its own', () => {
    const dir = ledgerAfterRun();
    const db = new Database(join(dir, 'dunning.db'));
    const row = db.prepare('SELECT * FROM events WHERE id = 3').get() as EventRow;
    db.close();
    const forged = { ...row, actor: 'someone-else' };
    tamper(dir, `UPDATE events SET actor = 'someone-else', hash = '${eventHash(forged)}' WHERE id = 3`);
    const { code, report } = verify(dir);
    expect(code).toBe(5);
    expect(report.problems[0]).toMatchObject({ check: 'chain', event: 4, message: expect.stringContaining('no longer follows event 3') });
  });

  it('names the gap where a row was deleted', () => {
    const dir = ledgerAfterRun();
    tamper(dir, 'DELETE FROM events WHERE id = 3');
    const { code, report } = verify(dir);
    expect(code).toBe(5);
    expect(report.problems[0]).toMatchObject({ event: 3, message: 'event 3 is missing: the trail jumps from event 2 to event 4 (a row was deleted)' });
  });

  it('notices the newest event deleted, which leaves no gap, by what was written with it', () => {
    const dir = ledgerAfterRun();
    tamper(dir, 'DELETE FROM events WHERE id = 5');
    const { code, report } = verify(dir);
    expect(code).toBe(5);
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      'event 5, the newest dunning wrote, is missing: the trail ends at event 4 (a row was deleted)',
      `run 1 (${AS_OF}) has no event in the trail (an event was deleted)`,
    ]);
  });

  it('names a letter file edited after it was written', () => {
    const dir = ledgerAfterRun();
    const file = letterFile(dir, 3);
    appendFileSync(file, '<p>P.S. Pay now.</p>');
    const r = dunning(dir, ['audit', 'verify']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`first: ${file} was changed after event 3 recorded it`);
  });

  it('names a letter file deleted from the outbox', () => {
    const dir = ledgerAfterRun();
    const file = letterFile(dir, 4);
    rmSync(file);
    const { code, report } = verify(dir);
    expect(code).toBe(5);
    expect(report.problems).toEqual([{ check: 'file', event: 4, file, message: `${file} (recorded by event 4) is missing` }]);
  });

  it('reports the append-only triggers dropped, even before any row is touched', () => {
    const dir = ledgerAfterRun();
    tamper(dir, 'SELECT 1', false);
    const { code, report } = verify(dir);
    expect(code).toBe(5);
    expect(report.problems[0].check).toBe('schema');
  });
});

describe('dunning audit', () => {
  it('lists every event with who, when (UTC), what, and each letter file with its SHA-256 (json)', () => {
    const dir = ledgerAfterRun();
    const r = dunning(dir, ['audit', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const { events } = JSON.parse(r.stdout);
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['import', 'letter', 'letter', 'letter', 'run']);
    const acme = events[1];
    expect(acme).toMatchObject({ id: 2, actor: userInfo().username, kind: 'letter', customer: 'acme', what: 'reminder letter by email (run 1): A-1, A-2; 1200.00 GBP + 300.00 USD' });
    expect(acme.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const file = join(dir, 'outbox', acme.files[0].path);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(acme.files[0].sha256);
  });

  it('filters by customer and by day, and shows a table by default', () => {
    const dir = ledgerAfterRun();
    const table = dunning(dir, ['audit', '--customer', 'bakery']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+when \(UTC\)\s+who\s+customer\s+what\s+file\s+sha256$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('reminder letter by letter (run 1): B-1; 80.00 GBP');
    expect(JSON.parse(dunning(dir, ['audit', '--since', '2999-01-01', '--json']).stdout).events).toEqual([]);
    expect(JSON.parse(dunning(dir, ['audit', '--since', '2000-01-01', '--json']).stdout).events).toHaveLength(5);
    expect(dunning(dir, ['audit', '--since', 'yesterday']).code).toBe(2);
    expect(dunning(dir, ['audit', '--format', 'xml']).code).toBe(2);
  });

  it('exports CSV that a spreadsheet shows as text: cells starting with =, +, -, @ are neutralised', () => {
    const dir = tempDir();
    configure(dir);
    const file = writeCsv(dir, 'evil.csv', ['=1+2,@SUM(A1),"=HYPERLINK(""http://evil.example"")",x@y.example,2026-01-01,2026-02-20,GBP,10.00,']);
    expect(dunning(dir, ['import', file, '--as-of', AS_OF]).code).toBe(0);
    expect(dunning(dir, ['run', '--as-of', AS_OF]).code).toBe(0);
    const csv = dunning(dir, ['audit', '--format', 'csv']).stdout;
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('id,at,actor,kind,customer,invoice,what,file,sha256,hash');
    const letter = rows.find((r) => r.includes(',letter,'))!;
    expect(letter).toContain(",letter,'@SUM(A1),");
    expect(rows.every((r) => r.split(',').every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
  });
});
