import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsCheck } from '../../src/ledger/integrity.js';
import { openLedger } from '../../src/ledger/open.js';
import { tempDir } from '../helpers.js';

describe('the remembered quick check', () => {
  it('holds for the next command: a ledger dunning closed itself is not read through again', () => {
    const path = join(tempDir(), 'dunning.db');
    openLedger(path).close();
    expect(needsCheck(path)).toBe(false);
    // Opening makes an empty WAL and closing removes it: neither is a change made outside dunning.
    const db = openLedger(path, { create: false });
    expect(needsCheck(path)).toBe(false);
    db.close();
    expect(needsCheck(path)).toBe(false);
  });

  it('lapses when another program writes to the ledger', () => {
    const path = join(tempDir(), 'dunning.db');
    openLedger(path).close();
    const other = new Database(path);
    other.exec("INSERT INTO customers (id, name) VALUES ('x', 'Written by hand')");
    // Still open: the change sits in the WAL.
    expect(needsCheck(path)).toBe(true);
    other.close();
    expect(needsCheck(path)).toBe(true);
  });

  it('is redone, and finds the damage, when the file changed outside dunning', () => {
    const path = join(tempDir(), 'dunning.db');
    openLedger(path).close();
    const bytes = readFileSync(path);
    const at = Math.floor(bytes.length / 2 / 4096) * 4096;
    bytes.fill(0xa5, at, at + 4096);
    writeFileSync(path, bytes);
    expect(needsCheck(path)).toBe(true);
    expect(() => openLedger(path, { create: false })).toThrow(/the ledger is damaged/);
  });
});
