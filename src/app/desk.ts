import type { Account, InvoiceState } from '../domain/account.js';
import type { StageOption } from '../domain/chosen-letter.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { totalsByCurrency, type Money } from '../domain/money.js';
import type { planAccount, RunPlan } from '../domain/plan.js';
import { stageIndex, THANK_YOU, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { planToday } from './plan-today.js';

export { letterAt, stageOptions, type StageOption } from '../domain/chosen-letter.js';

/** What the engine would do for one account today (a letter, a flag, a reason to wait, or nothing). */
export type EngineDecision = ReturnType<typeof planAccount>;

/** A customer as the accountant's desk lists them: what is owed, how late, how far up the ladder. */
export interface DeskEntry {
  account: Account;
  /** Open balance per currency, credits deducted. */
  balances: Money[];
  /** Days the oldest open invoice is late (0 when nothing is overdue). */
  daysLate: number;
  /** The highest stage any open invoice has reached. */
  stage: string | null;
  decision: EngineDecision;
}

const owed = (i: InvoiceState) => i.balance > 0;

function topStage(account: Account, policy: Policy): string | null {
  return account.invoices
    .filter((i) => i.balance !== 0)
    .reduce<string | null>((best, i) => (stageIndex(policy, i.stage) > stageIndex(policy, best) ? i.stage : best), null);
}

/** Today's plan for one customer, as `run` would apply it. */
function decisionOf(plan: RunPlan, customerId: string): EngineDecision {
  const flag = plan.flagged.find((f) => f.customerId === customerId && f.reason !== 'stale');
  if (flag) return { flag };
  const letter = plan.letters.find((l) => l.customerId === customerId);
  if (letter) return { letter };
  const skip = plan.skipped.find((s) => s.customerId === customerId);
  return skip ? { skip } : null;
}

/** Every customer with something open (or a thank-you due), the most overdue first. */
export function deskEntries(db: Ledger, policy: Policy, asOf: IsoDate, onlyCustomer?: string): DeskEntry[] {
  const { plan, accounts } = planToday(db, policy, asOf, onlyCustomer);
  return accounts
    .map((account) => ({
      account,
      balances: totalsByCurrency(account.invoices.filter((i) => i.balance !== 0).map((i) => ({ currency: i.currency, minor: i.balance }))),
      daysLate: Math.max(0, ...account.invoices.filter(owed).map((i) => daysOverdue(i.dueDate, asOf))),
      stage: topStage(account, policy),
      decision: decisionOf(plan, account.customer.id),
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.account.customer.name.localeCompare(b.account.customer.name));
}

/**
 * The stage to preselect: the engine's proposal when it has one; otherwise the step the ladder
 * would take next (the furthest-along invoice's next stage), so that the default never skips.
 */
export function suggestedStage(entry: DeskEntry, options: StageOption[], policy: Policy): string | null {
  const d = entry.decision;
  if (d && 'letter' in d && options.some((o) => o.stage === d.letter.stage)) return d.letter.stage;
  const steady = options.filter((o) => o.skips.length === 0 && o.stage !== THANK_YOU);
  const best = steady.reduce<StageOption | null>((a, o) => (a && stageIndex(policy, a.stage) > stageIndex(policy, o.stage) ? a : o), null);
  return best?.stage ?? options[0]?.stage ?? null;
}

/** Why the engine proposes nothing (or something other than a letter) today, in words. */
export function engineView(entry: DeskEntry): string {
  const d = entry.decision;
  const last = entry.account.lastContactOn;
  if (d === null) return 'nothing is due today';
  if ('letter' in d) return `today's plan: a ${d.letter.stage} letter`;
  if ('flag' in d) {
    return d.flag.reason === 'handoff'
      ? 'flagged for hand-off: the letters have run out (see `dunning handoff`)'
      : 'no email that reaches them and no postal address: a letter cannot reach them';
  }
  const why: Record<string, string> = {
    hold: 'on hold',
    plan: 'keeping a payment plan',
    'min-interval': `contacted recently${last ? ` (${last})` : ''}`,
    'below-minimum': 'the balance is below the minimum chased',
    'no-contact-details': 'no email that reaches them and no postal address',
    reviewed: 'skipped in review today',
  };
  return `the engine waits today: ${why[d.skip.reason] ?? d.skip.reason}`;
}
