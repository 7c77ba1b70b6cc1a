import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Account, InvoiceState } from '../src/domain/account.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const BIN = join(ROOT, 'bin', 'dunning.cjs');

export function tempDir(prefix = 'dunning-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in `cwd`, with no terminal and no colour. */
export function dunning(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete base.DUNNING_DB;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const CANONICAL_HEADER = 'invoice_number,customer_id,customer_name,email,issue_date,due_date,currency,amount,amount_paid';

export function writeCsv(dir: string, name: string, rows: string[], header = CANONICAL_HEADER): string {
  const path = join(dir, name);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  return path;
}

/** An open invoice for planner tests: 1,000.00 GBP, issued 30 days before it is due. */
export function invoice(over: Partial<InvoiceState> & { dueDate: string }): InvoiceState {
  const amount = over.amount ?? 100000;
  const paid = over.paid ?? 0;
  return {
    number: 'INV-1',
    customerId: 'acme',
    issueDate: over.dueDate,
    currency: 'GBP',
    amount,
    paid,
    balance: amount - paid,
    stage: null,
    stageOn: null,
    thanked: false,
    hold: false,
    ...over,
  };
}

export function account(invoices: InvoiceState[], over: Partial<Account> = {}): Account {
  return {
    customer: { id: 'acme', name: 'Acme Ltd', email: 'ap@acme.example', language: null, address: null, phone: null },
    invoices,
    lastContactOn: null,
    hold: false,
    planKept: false,
    graceDays: 0,
    ...over,
  };
}
