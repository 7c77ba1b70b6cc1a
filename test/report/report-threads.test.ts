import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { receivablePieces, receivablesRead } from '../../src/ledger/report-receivables.js';
import type { Piece } from '../../src/report/receivables.js';
import { ROOT } from '../helpers.js';
import { customer, handLedger, invoice, payment, summed } from './ledger.js';

/**
 * The months' receivables read in a second thread (the built report-worker.js) are the pieces
 * read in one: whether the worker reads them all or the later half, and when it cannot start.
 */
const BUILT = join(ROOT, 'dist', 'app', 'report-threads.js');
type Start = (db: unknown, mine: number, minInvoices?: number) => { take(): Piece[]; helped(): boolean };


function books() {
  const db = handLedger();
  for (const c of ['acme', 'brill', 'kyoto']) customer(db, c);
  for (let k = 0; k < 120; k++) {
    const c = ['acme', 'brill', 'kyoto'][k % 3]!;
    const day = String(1 + (k % 28)).padStart(2, '0');
    invoice(db, { number: `N-${k}`, customer: c, issued: `2026-0${1 + (k % 3)}-${day}`, due: `2026-0${2 + (k % 3)}-${day}`, currency: c === 'kyoto' ? 'JPY' : 'EUR', minor: k % 10 === 0 ? -500 : 1000 + k, paidBefore: k % 4 === 0 ? 300 : 0, importedOn: k % 5 === 0 ? '2026-03-15' : null });
    if (k % 3 === 1) payment(db, `N-${k}`, `2026-03-${day}`, 200 + k);
  }
  return db;
}

describe.skipIf(!existsSync(BUILT))('receivable pieces read in two threads', () => {
  it('given 120 invoices, some paid, some credits, the worker reading all of them, the later 70% or the later half gives the pieces one thread reads', async () => {
    const { startPieces } = (await import(pathToFileURL(BUILT).href)) as { startPieces: Start };
    const db = books();
    const alone = summed(receivablePieces(db));
    expect(alone.length).toBeGreaterThan(50);
    for (const share of [0, 0.3, 0.5]) {
      const pieces = startPieces(db, share, 0);
      expect(summed(pieces.take())).toEqual(alone);
      expect(pieces.helped()).toBe(true);
    }
    // Below the size where a second thread pays for its start, none is started.
    const small = startPieces(db, 0);
    expect(summed(small.take())).toEqual(alone);
    expect(small.helped()).toBe(false);
    db.close();
  });

  it('given a ledger in memory, no worker can read it: the pieces are read in this thread, the same', async () => {
    const { startPieces } = (await import(pathToFileURL(BUILT).href)) as { startPieces: Start };
    const db = handLedger(true);
    customer(db, 'acme');
    invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-01', due: '2026-01-31', currency: 'GBP', minor: 5000 });
    const pieces = startPieces(db, 0, 0);
    expect(summed(pieces.take())).toEqual(summed(receivablePieces(db)));
    expect(pieces.helped()).toBe(false);
    db.close();
  });
});

describe('receivable pieces where the worker is not built', () => {
  it('read from the sources (no report-worker.js beside them), the pieces are read in this thread, the same', async () => {
    const { startPieces } = await import('../../src/app/report-threads.js');
    const db = books();
    const pieces = startPieces(db, 0.5, 0);
    expect(summed(pieces.take())).toEqual(summed(receivablePieces(db)));
    expect(pieces.helped()).toBe(false);
    db.close();
  });
});

describe('the latest day an open invoice was issued or imported, from the reading of the pieces', () => {
  it('given invoices issued and imported on various days, a later void one and one imported with nothing paid, it is the latest of the open ones', () => {
    const db = handLedger(true);
    customer(db, 'acme');
    expect(receivablesRead(db)).toEqual({ pieces: [], latest: null });
    invoice(db, { number: 'A-1', customer: 'acme', issued: '2026-01-05', due: '2026-02-04', currency: 'GBP', minor: 5000 });
    expect(receivablesRead(db).latest).toBe('2026-01-05');
    // Imported later than issued, nothing said paid: the import's day.
    invoice(db, { number: 'A-2', customer: 'acme', issued: '2026-01-10', due: '2026-02-09', currency: 'GBP', minor: 700, importedOn: '2026-03-04' });
    // A void invoice counts nowhere, however late.
    invoice(db, { number: 'A-3', customer: 'acme', issued: '2026-05-01', due: '2026-05-31', currency: 'GBP', minor: 900, status: 'void' });
    const read = receivablesRead(db);
    expect(read.latest).toBe('2026-03-04');
    expect(summed(read.pieces)).toEqual(summed(receivablePieces(db)));
    db.close();
  });
});
