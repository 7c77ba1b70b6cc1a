import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nextActionsOf, plannedPart, type Planned } from '../../src/app/report-next.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import type { Ledger } from '../../src/ledger/open.js';
import { ROOT } from '../helpers.js';
import { customer, handLedger, invoice, letter, payment } from './ledger.js';

/**
 * The customers report plans a large ledger in two halves by customer id, the later half in a
 * worker thread (the built report-next.js): together they say what one plan of everyone says.
 */
const BUILT = join(ROOT, 'dist', 'app');
const AS_OF = '2026-03-02';

function books(): Ledger {
  const db = handLedger();
  for (let c = 0; c < 30; c++) {
    const id = `C${String(c).padStart(3, '0')}`;
    customer(db, id, `Customer ${c}`);
    db.prepare('UPDATE customers SET email = ? WHERE id = ?').run(`ap@c${c}.example`, id);
    for (let k = 0; k < 3; k++) {
      const number = `${id}-${k}`;
      const day = String(1 + ((c + k) % 28)).padStart(2, '0');
      invoice(db, { number, customer: id, issued: `2025-12-${day}`, due: `2026-0${1 + (k % 2)}-${day}`, currency: c % 4 === 0 ? 'JPY' : 'EUR', minor: 10_000 + c * 100 + k });
      if ((c + k) % 5 === 0) payment(db, number, '2026-02-15', 10_000 + c * 100 + k);
    }
    if (c % 3 === 0) letter(db, id, '2026-02-10', 'reminder', [`${id}-0`]);
  }
  return db;
}

const sorted = (p: Planned) => ({ next: [...p.next].sort(), owing: [...p.owing].map(String).sort(), names: [...p.names].sort() });
const merged = (parts: Planned[]): Planned => ({ next: parts.flatMap((p) => p.next), owing: parts.flatMap((p) => p.owing), names: parts.flatMap((p) => p.names) });

describe.skipIf(!existsSync(join(BUILT, 'report-next.js')))('everyone planned in two threads', () => {
  it('given 30 customers, some paid, some reminded, the two halves together say what one plan says, and the worker answers', async () => {
    const built = (await import(pathToFileURL(join(BUILT, 'report-next.js')).href)) as {
      plannedCustomers: (db: Ledger, policy: Policy, asOf: string, only?: string[], splitAt?: number) => Planned[];
    };
    const { startInWorker } = (await import(pathToFileURL(join(BUILT, 'second-thread.js')).href)) as {
      startInWorker: <T>(module: URL, name: string, job: unknown) => { take(): T | undefined };
    };
    const db = books();
    const one = plannedPart(db, DEFAULT_POLICY, AS_OF);
    expect(one.next.filter(([, , action]) => action !== null).length).toBeGreaterThan(5);
    const two = built.plannedCustomers(db, DEFAULT_POLICY, AS_OF, undefined, 2);
    expect(two).toHaveLength(2);
    // Split at the middle customer: each half has some, none in both.
    expect(two[0]!.next.length).toBeGreaterThan(0);
    expect(two[1]!.next.length).toBeGreaterThan(0);
    expect(sorted(merged(two))).toEqual(sorted(one));
    expect(nextActionsOf(two)).toEqual(nextActionsOf([one]));
    // The worker itself answers (it is not this thread doing both halves).
    const later = two[1]!.next.map(([id]) => id).sort();
    const answer = startInWorker<Planned>(new URL(pathToFileURL(join(BUILT, 'report-next.js')).href), 'plannedPartOf', { path: db.name, policy: DEFAULT_POLICY, asOf: AS_OF, span: { after: two[0]!.next.map(([id]) => id).sort().at(-1) } }).take();
    expect(answer?.next.map(([id]) => id).sort()).toEqual(later);
    db.close();
  });
});
