import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonRows } from '../../src/ledger/json-rows.js';
import { openLedger } from '../../src/ledger/open.js';

/**
 * The planner's and the reports' large reads come over as one JSON text: every value must arrive
 * exactly as better-sqlite3 would hand it over row by row, whatever a customer's name holds.
 */
describe('rows read as one JSON text', () => {
  const db = openLedger(':memory:');
  db.exec('CREATE TEMP TABLE t (k INTEGER PRIMARY KEY, s TEXT, n INTEGER)');
  const put = db.prepare('INSERT INTO temp.t (k, s, n) VALUES (?, ?, ?)');

  it('given names with quotes, backslashes, control characters, emoji and NULLs, and amounts up to 2^53, each row reads as it does row by row', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ s: fc.option(fc.string({ unit: 'binary' })), n: fc.option(fc.maxSafeInteger()) }), { maxLength: 20 }), (rows) => {
        db.exec('DELETE FROM temp.t');
        rows.forEach((r, k) => put.run(k, r.s, r.n));
        const one = db.prepare('SELECT k, s, n FROM temp.t ORDER BY k').raw().all();
        expect(jsonRows(db, 'k, s, n', 'FROM temp.t', {}, 'k')).toEqual(one);
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it('given no rows, an empty list; given an order, the rows in it; given parameters, only the rows they choose', () => {
    db.exec('DELETE FROM temp.t');
    expect(jsonRows(db, 'k, s', 'FROM temp.t')).toEqual([]);
    for (const [k, s] of [[3, 'c'], [1, 'a'], [2, 'b']] as const) put.run(k, s, -k);
    expect(jsonRows(db, 's, n', 'FROM temp.t', {}, 's DESC')).toEqual([['c', -3], ['b', -2], ['a', -1]]);
    expect(jsonRows(db, 's', 'FROM temp.t WHERE k >= @from', { from: 2 }, 'k')).toEqual([['b'], ['c']]);
    expect(jsonRows(db, 's', 'FROM temp.t WHERE k = ?', 1)).toEqual([['a']]);
  });
});
