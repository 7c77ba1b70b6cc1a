import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
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

/** The environment a test's CLI run sees: no colour, and no ledger named by the caller's shell. */
function cliEnv(env: Record<string, string>): Record<string, string | undefined> {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete base.DUNNING_DB;
  return { ...base, ...env };
}

/**
 * Runs the built CLI's main(argv, io) in `cwd`, with no terminal and no colour, in process: a
 * thread of this test process keeps dist/cli/main.js loaded (test/cli-thread.mjs; with vitest's
 * isolate: false it serves every file the process runs), and this waits for it, so a call costs
 * the command's work and not a node start-up. Needs a build, as a spawn does.
 */
export function dunning(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  // DUNNING_TEST_SPAWN=1: every call a real process, to tell a difference in process from a bug.
  if (process.env.DUNNING_TEST_SPAWN === '1') return dunningProcess(cwd, args, env);
  const thread = cliThread();
  Atomics.store(thread.flag, 0, 0);
  // The CLI reads file arguments relative to the process's folder. This thread does nothing else
  // until the run is over (Atomics.wait below), so no other test sees the change.
  const home = process.cwd();
  process.chdir(cwd);
  try {
    thread.worker.postMessage({ argv: [process.execPath, BIN, ...args], env: cliEnv(env), cwd });
    if (Atomics.wait(thread.flag, 0, 0, CLI_TIMEOUT_MS) === 'timed-out') {
      void thread.worker.terminate();
      running = undefined;
      throw new Error(`dunning ${args.join(' ')}: no answer after ${CLI_TIMEOUT_MS / 1000} s`);
    }
  } finally {
    process.chdir(home);
  }
  const reply = receiveMessageOnPort(thread.replies);
  if (!reply) throw new Error(`dunning ${args.join(' ')}: the CLI thread stopped without an answer`);
  return reply.message as CliResult;
}

/** Runs the built CLI as its own process (bin/dunning.cjs): for what only a process shows (exit, signals, pipes). */
export function dunningProcess(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: cliEnv(env) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const CLI_TIMEOUT_MS = 120_000;

interface CliThread {
  worker: Worker;
  flag: Int32Array;
  replies: MessagePort;
}
let running: CliThread | undefined;

/** The test process's one CLI thread, started on first use; it does not keep the process alive. */
function cliThread(): CliThread {
  if (running) return running;
  const done = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const main = pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href;
  const worker = new Worker(new URL('./cli-thread.mjs', import.meta.url), {
    workerData: { done, replies: port2, main },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  worker.on('exit', () => {
    if (running?.worker === worker) running = undefined;
  });
  running = { worker, flag: new Int32Array(done), replies: port1 };
  return running;
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
    ...over,
  };
}

/** A business with every detail a letter shows filled in: `run` refuses the placeholders `init` writes. */
export const TEST_BUSINESS = {
  name: 'Fernwood Design Studio',
  address: '12 Orchard Lane\nStroud GL5 1AA',
  email: 'accounts@fernwood.example',
  phone: '+44 1453 555010',
  website: 'fernwood.example',
  paymentInstructions: 'Bank transfer to Fernwood Design Studio, sort code 12-34-56, account 12345678, quoting the invoice number.',
  signatory: 'Jo Fernwood',
};

/** Writes dunning.config.json in `dir` with the test business and any other keys given. */
export function configure(dir: string, config: Record<string, unknown> = {}): string {
  const path = join(dir, 'dunning.config.json');
  writeFileSync(path, JSON.stringify({ business: TEST_BUSINESS, ...config }, null, 2));
  return path;
}
