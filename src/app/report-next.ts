import type { Account } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import type { RunPlan } from '../domain/plan.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import type { CustomerSpan } from '../ledger/open-invoices.js';
import { planToday } from './plan-today.js';

export type NextActions = Map<string, { stage: string | null; action: string | null }>;

/**
 * What planning says of a part of the customers, as plain data (it crosses between threads):
 * each customer's stage and next action, each invoice owing or owed (customer, currency, due
 * date, balance) and each customer's name.
 */
export interface Planned {
  next: [id: string, stage: string | null, action: string | null][];
  owing: [customerId: string, currency: string, dueDate: IsoDate, balance: number][];
  names: [id: string, name: string][];
}

/**
 * Each customer's stage (the highest any open invoice reached) and what `run` would do for them
 * on `asOf`, from the planner itself, read-only: `letter:<stage>`, `flag:<reason>` or
 * `wait:<reason>`; none when there is nothing to do. All customers (of a span), or one.
 */
export function plannedPart(db: Ledger, policy: Policy, asOf: IsoDate, only?: string, span?: CustomerSpan): Planned {
  const { plan, accounts } = planToday(db, policy, asOf, only, span);
  const out: Planned = { next: [], owing: [], names: [] };
  const actions = actionsOf(plan);
  for (const a of accounts) {
    for (const i of a.invoices) if (i.balance !== 0) out.owing.push([a.customer.id, i.currency, i.dueDate, i.balance]);
    out.next.push([a.customer.id, stageOf(policy, a), actions.get(a.customer.id) ?? null]);
    out.names.push([a.customer.id, a.customer.name]);
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

/** Only the customers named, each planned on its own (the overview asks about five). */
export function plannedCustomers(db: Ledger, policy: Policy, asOf: IsoDate, only: string[]): Planned[] {
  return only.map((id) => plannedPart(db, policy, asOf, id));
}

/** The parts' next actions, by customer. */
export function nextActionsOf(parts: Planned[]): NextActions {
  const out: NextActions = new Map();
  for (const p of parts) for (const [id, stage, action] of p.next) out.set(id, { stage, action });
  return out;
}
