import { describe, expect, it } from 'vitest';
import { verifyTrail } from '../../src/app/verify.js';
import { eventHash, EventLog, GENESIS } from '../../src/ledger/events.js';
import { openLedger } from '../../src/ledger/open.js';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';

/**
 * Known answers: the hashes below were computed once by hand (sha256 over the previous hash, a
 * newline and the canonical JSON of the event) and are written out, so a hash that stopped
 * covering any field, or the link to its predecessor, fails here.
 */
const FIRST = { id: 1, at: '2026-03-02T08:00:00.000Z', actor: 'ann', kind: 'note', customer_id: 'acme', invoice_number: null, data: '{"text":"hello"}', prev_hash: GENESIS };

describe('the event hash, by known answers', () => {
  it('the first event of a trail hashes to the value worked out by hand', () => {
    expect(eventHash(FIRST)).toBe('fbf37809eac941555a2bb6d27d591cbeaef6a85632f03fb27b74b69e54eb06fe');
  });
  it('the same event after another hash: the link to the predecessor is covered', () => {
    expect(eventHash({ ...FIRST, prev_hash: 'a'.repeat(64) })).toBe('bfecd8002f1c3912942c440138c1f3ce7be660620d8b515af1732d78d09b9b2e');
  });
  it.each([
    ['id', { id: 2 }],
    ['at', { at: '2026-03-02T08:00:01.000Z' }],
    ['actor', { actor: 'bob' }],
    ['kind', { kind: 'hold' }],
    ['customer', { customer_id: 'kestrel' }],
    ['invoice', { invoice_number: 'INV-1' }],
    ['data', { data: '{"text":"hullo"}' }],
  ])('changing the %s changes the hash', (_field, change) => {
    expect(eventHash({ ...FIRST, ...change })).not.toBe('fbf37809eac941555a2bb6d27d591cbeaef6a85632f03fb27b74b69e54eb06fe');
  });
});

describe('a forged trail', () => {
  it('rewriting event 2 and relinking event 3 to its new hash is still caught', () => {
    const path = join(tempDir(), 'dunning.db');
    const db = openLedger(path);
    const log = new EventLog(db, { at: '2026-03-02T08:00:00.000Z', actor: 'ann' });
    log.append({ kind: 'note', customerId: 'acme', data: { text: 'one' } });
    log.append({ kind: 'note', customerId: 'acme', data: { text: 'two' } });
    log.append({ kind: 'note', customerId: 'acme', data: { text: 'three' } });
    db.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER events_append_only_update');
    type Row = Parameters<typeof eventHash>[0] & { hash: string };
    const [, second, third] = raw.prepare('SELECT * FROM events ORDER BY id').all() as Row[];
    const forged = { ...second!, data: '{"text":"forged"}' };
    const forgedHash = eventHash(forged);
    raw.prepare('UPDATE events SET data = ?, hash = ? WHERE id = 2').run(forged.data, forgedHash);
    const relinked = { ...third!, prev_hash: forgedHash };
    raw.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE id = 3').run(forgedHash, eventHash(relinked));
    raw.close();
    const again = openLedger(path);
    const report = verifyTrail(again, join(path, '..', 'outbox'));
    again.close();
    // Every link recomputes, but the newest event is no longer the one dunning wrote.
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/event 3 is not the newest event dunning wrote/));
  });
});
