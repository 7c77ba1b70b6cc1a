import type { Account } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import type { RunPlan } from '../domain/plan.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { planToday } from './plan-today.js';

export type NextActions = Map<string, { stage: string | null; action: string | null }>;

/**
 * Each customer's stage (the highest any open invoice reached) and what `run` would do for them
 * on `asOf`, from the planner itself, read-only: `letter:<stage>`, `flag:<reason>` or
 * `wait:<reason>`; none when there is nothing to do. Only the customers named, each planned on
 * its own (the overview asks about five).
 */
export function nextActionsOfCustomers(db: Ledger, policy: Policy, asOf: IsoDate, only: string[]): NextActions {
  const out: NextActions = new Map();
  for (const id of only) {
    const { plan, accounts } = planToday(db, policy, asOf, id);
    const actions = actionsOf(plan);
    for (const a of accounts) out.set(a.customer.id, { stage: stageOf(policy, a), action: actions.get(a.customer.id) ?? null });
  }
  return out;
}

/** What `run` would do for each customer of the plan: its first letter, flag or reason to wait. */
export function actionsOf(plan: RunPlan): Map<string, string> {
  const actions = new Map<string, string>();
  const act = (id: string, action: string) => {
    if (!actions.has(id)) actions.set(id, action);
  };
  for (const l of plan.letters) act(l.customerId, `letter:${l.stage}`);
  for (const f of plan.flagged) act(f.customerId, `flag:${f.reason}`);
  for (const s of plan.skipped) act(s.customerId, `wait:${s.reason}`);
  return actions;
}

/** An account's stage: the highest any invoice still owing or owed has reached. */
export function stageOf(policy: Policy, account: Account): string | null {
  let top: string | null = null;
  for (const i of account.invoices) if (i.balance !== 0 && stageIndex(policy, i.stage) > stageIndex(policy, top)) top = i.stage;
  return top;
}
