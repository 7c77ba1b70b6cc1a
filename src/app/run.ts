import type { Customer } from '../domain/account.js';
import { BusyError, UsageError } from '../domain/errors.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import type { PlannedLetter, RunPlan } from '../domain/plan.js';
import { hasRunOn, lastRunAsOf, recordRun } from '../ledger/contacts.js';
import { expireHolds } from '../ledger/holds.js';
import { settleArrangements } from '../ledger/arrangements.js';
import type { Ledger } from '../ledger/open.js';
import type { LoadedConfig } from './config.js';
import { planToday } from './plan-today.js';
import type { Moment, Workspace } from './workspace.js';

/** Letters drafted per batch: their files first, then their records (see Outbox.draftMany). */
const DRAFT_BATCH = 256;

/**
 * Today's plan and the customers it writes to. Only those are kept: the accounts the plan was
 * made from can be collected before the letters are drafted rather than held through them.
 */
function planWithCustomers(db: Ledger, loaded: LoadedConfig, asOf: string): { plan: RunPlan; customers: Map<string, Customer>; names: Map<string, string> } {
  const { plan, accounts } = planToday(db, loaded.policy, asOf);
  const writing = new Set(plan.letters.map((l) => l.customerId));
  const customers = new Map<string, Customer>();
  for (const a of accounts) if (writing.has(a.customer.id)) customers.set(a.customer.id, a.customer);
  return { plan, customers, names: namesOf(plan, accounts) };
}

/** The `run --json` contract (DESIGN.md). */
export interface RunReport {
  asOf: string;
  dryRun: boolean;
  letters: { customer: string; stage: string; channel: 'email' | 'letter'; invoices: string[]; total: MoneyJson[]; files: string[] }[];
  /** `name`: the customer's name, so the owner sees who (added keys; the contract's stay). */
  flagged: { customer: string; name: string; reason: string; invoices: string[] }[];
  skipped: { customer: string; name: string; reason: string }[];
}

/** Names of the customers a plan flags or holds back, for the report. */
export function namesOf(plan: RunPlan, accounts: Iterable<{ customer: Customer }>): Map<string, string> {
  const wanted = new Set([...plan.flagged.map((f) => f.customerId), ...plan.skipped.map((s) => s.customerId)]);
  const names = new Map<string, string>();
  for (const a of accounts) if (wanted.has(a.customer.id)) names.set(a.customer.id, a.customer.name);
  return names;
}

export function reportOf(plan: RunPlan, dryRun: boolean, files = new Map<PlannedLetter, string[]>(), names = new Map<string, string>()): RunReport {
  const name = (id: string) => names.get(id) ?? id;
  return {
    asOf: plan.asOf,
    dryRun,
    letters: plan.letters.map((l) => ({
      customer: l.customerId,
      stage: l.stage,
      channel: l.channel,
      invoices: (l.lines.length > 0 ? l.lines.map((x) => x.invoice) : l.thanks).map((i) => i.number),
      total: l.total.map((t) => moneyJson(t.minor, t.currency)),
      files: files.get(l) ?? [],
    })),
    flagged: plan.flagged.map((f) => ({ customer: f.customerId, name: name(f.customerId), reason: f.reason, invoices: f.lines.map((x) => x.invoice.number) })),
    skipped: plan.skipped.map((s) => ({ customer: s.customerId, name: name(s.customerId), reason: s.reason })),
  };
}

export interface RunOptions {
  dryRun?: boolean;
  /** Called after each batch of letters is drafted: how many of how many (a progress bar). */
  progress?: (done: number, total: number) => void;
}

/** Runs only go forward in time: a day before the last run is refused. */
function refuseBackwards(db: Ledger, asOf: string): void {
  const last = lastRunAsOf(db);
  if (last !== null && asOf < last) {
    throw new UsageError(`--as-of ${asOf} is before the last run (${last}): runs only go forward in time (a mistyped future run can be taken back with \`dunning run --undo-last\`)`);
  }
}

/**
 * Plans today's contacts and applies the plan in one write transaction: letters drafted into
 * the outbox, each contact and letter an event. The same day twice adds nothing; a day before
 * the last run is refused; a second concurrent run gets BusyError (exit 4).
 */
export async function runDunning(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, options: RunOptions = {}): Promise<RunReport> {
  const { asOf } = moment;
  if (options.dryRun) {
    refuseBackwards(db, asOf);
    const { plan, accounts } = planToday(db, loaded.policy, asOf);
    return reportOf(plan, true, undefined, namesOf(plan, accounts));
  }
  // Letters need handlebars, luxon and nodemailer: loaded only when letters may be written, so
  // `status` and `run --dry-run` (which plan through this module) start without them.
  const { withOutbox } = await import('./with-outbox.js');
  (await import('./templates.js')).refuseUnfitLetters(ws, loaded);
  return withOutbox(db, ws, loaded, moment, async (outbox, events) => {
    refuseBackwards(db, asOf);
    // Holds past their end date lift themselves and plans settle (completed or missed) first,
    // so today's plan sees the account as it now stands; each change is an event.
    expireHolds(db, events, asOf);
    settleArrangements(db, events, asOf);
    const { plan, customers, names } = planWithCustomers(db, loaded, asOf);
    const handoffs = plan.flagged.filter((f) => f.reason === 'handoff');
    if (hasRunOn(db, asOf) && plan.letters.length === 0 && handoffs.length === 0) return reportOf(plan, false, undefined, names);

    const runId = recordRun(db, asOf, moment.stamp.at);
    const files = new Map<PlannedLetter, string[]>();
    for (let i = 0; i < plan.letters.length; i += DRAFT_BATCH) {
      const batch = plan.letters.slice(i, i + DRAFT_BATCH);
      const drafted = await outbox.draftMany(batch.map((letter) => ({ letter, customer: customers.get(letter.customerId)! })), { runId });
      batch.forEach((letter, k) => files.set(letter, [drafted[k]!.path]));
      options.progress?.(Math.min(i + DRAFT_BATCH, plan.letters.length), plan.letters.length);
    }
    for (const flag of handoffs) outbox.flag(flag, runId);
    events.append({
      kind: 'run',
      data: {
        run: runId,
        asOf,
        letters: plan.letters.length,
        flagged: plan.flagged.map((f) => ({ customer: f.customerId, reason: f.reason })),
        skipped: plan.skipped.map((s) => ({ customer: s.customerId, reason: s.reason })),
      },
    });
    return reportOf(plan, false, files, names);
  }).catch((e: unknown) => {
    if (e instanceof BusyError) throw new BusyError(`${e.message} (or queue behind it with \`dunning run --wait\`)`);
    throw e;
  });
}
