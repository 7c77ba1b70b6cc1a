import { describe, expect, it } from 'vitest';
import { rowDigestOf } from '../../src/domain/row-digest.js';

// Known answers, written out: every ledger stores these checks beside its rows, so a digest that
// changed by a single bit would make `audit verify` report every row as edited outside dunning.
const KNOWN: [unknown[], number][] = [
  [[], 3338908027751811],
  [[null], 300264024576004],
  [[''], 8822474956928098],
  [['a'], 4030535087963215],
  [['ab'], 4415444213188670],
  [[0], 8447353896767515],
  [[-12345], 426166217741523],
  [[9000000000], 1785421052320385],
  [[12.5], 8952656289498557],
  [['INV-1042', 'acme', '2026-01-05', '2026-02-04', 'GBP', 120050, 0, 'open'], 3587400576369487],
  [['Bergmann & Söhne GmbH', 'ap@bergmann.example', null, 'de'], 1036737137700441],
];

describe('the row digest ledgers store', () => {
  it.each(KNOWN)('of %j is the value ledgers already hold', (values, expected) => {
    expect(rowDigestOf(values)).toBe(expected);
  });

  it('fits in 53 bits, so SQLite and JavaScript hold it exactly', () => {
    for (const [values] of KNOWN) expect(Number.isSafeInteger(rowDigestOf(values))).toBe(true);
  });
});
