import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { workspaceFor } from '../../src/app/workspace.js';
import type { DeskSession } from '../../src/cli/draft-flow.js';
import { openLedger } from '../../src/ledger/open.js';
import { configure, dunning, tempDir, writeCsv } from '../helpers.js';

export const AS_OF = '2026-03-02';
const HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid,address';

/**
 * A small book of debts seen on 2026-03-02: Acme 10 and 3 days late (GBP and USD), the Corner
 * Bakery 29 days late (post only), Kestrel 121 days late; none has had a letter yet.
 */
export function deskLedger(): string {
  const dir = tempDir('dunning-desk-');
  configure(dir);
  const file = writeCsv(
    dir,
    'invoices.csv',
    [
      'A-1,acme,Acme Ltd,ap@acme.example,2026-01-01,2026-02-20,GBP,1200.00,,',
      'A-2,acme,Acme Ltd,ap@acme.example,2026-01-05,2026-02-27,USD,300.00,,',
      'B-1,bakery,The Corner Bakery,,2026-01-10,2026-02-01,GBP,80.00,,"1 High Street\nStroud"',
      'K-1,kestrel,Kestrel Events,k@kestrel.example,2025-10-01,2025-11-01,GBP,950.00,,',
    ],
    HEADER,
  );
  const r = dunning(dir, ['import', file, '--as-of', AS_OF]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** What a desk session printed, by stream. */
export interface Printed {
  data: string[];
  info: string[];
  warn: string[];
}

/** An in-process desk session on the ledger in `dir`, its clock pinned, its output recorded. */
export async function deskSession(dir: string, opts: { yes?: boolean; asOf?: string } = {}): Promise<{ session: DeskSession; printed: Printed; close: () => void }> {
  const ws = workspaceFor(join(dir, 'dunning.db'));
  const printed: Printed = { data: [], info: [], warn: [] };
  const db = openLedger(ws.dbPath, { create: false });
  const session: DeskSession = {
    db,
    ws,
    loaded: await loadConfig(ws.configPath),
    moment: { asOf: opts.asOf ?? AS_OF, stamp: { at: '2026-03-02T09:30:00.000Z', actor: 'accountant' } },
    out: { data: (t) => printed.data.push(t), info: (t) => printed.info.push(t), warn: (t) => printed.warn.push(t) },
    yes: Boolean(opts.yes),
  };
  return { session, printed, close: () => db.close() };
}

/** Reads rows from the ledger with a fresh, read-only connection. */
export function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, 'dunning.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function eventsOf(dir: string, kind: string): { customer_id: string | null; data: Record<string, unknown>; actor: string }[] {
  return query<{ customer_id: string | null; data: string; actor: string }>(dir, 'SELECT customer_id, data, actor FROM events WHERE kind = ? ORDER BY id', kind).map((e) => ({
    ...e,
    data: JSON.parse(e.data),
  }));
}
