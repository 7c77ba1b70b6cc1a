import type { Account } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { planToday } from './plan-today.js';

/**
 * Each customer's stage (the highest any open invoice reached) and what `run` would do for them
 * on `asOf`, from the planner itself, read-only: `letter:<stage>`, `flag:<reason>` or
 * `wait:<reason>`; none when there is nothing to do. All customers, or only those named (each
 * planned on its own: the overview asks about five).
 */
export function nextActions(db: Ledger, policy: Policy, asOf: IsoDate, only?: string[]): Map<string, { stage: string | null; action: string | null }> {
  return plannedCustomers(db, policy, asOf, only).next;
}

/** nextActions, and the accounts the planner read (every customer's, when none are named). */
export function plannedCustomers(db: Ledger, policy: Policy, asOf: IsoDate, only?: string[]): { next: Map<string, { stage: string | null; action: string | null }>; accounts: Account[] } {
  const out = new Map<string, { stage: string | null; action: string | null }>();
  let read: Account[] = [];
  for (const customer of only ?? [undefined]) {
    const { plan, accounts } = planToday(db, policy, asOf, customer);
    read = read.length === 0 ? accounts : read.concat(accounts);
    for (const a of accounts) {
      let top: string | null = null;
      for (const i of a.invoices) if (i.balance !== 0 && stageIndex(policy, i.stage) > stageIndex(policy, top)) top = i.stage;
      out.set(a.customer.id, { stage: top, action: null });
    }
    const act = (id: string, action: string) => {
      const o = out.get(id);
      if (o && o.action === null) o.action = action;
    };
    for (const l of plan.letters) act(l.customerId, `letter:${l.stage}`);
    for (const f of plan.flagged) act(f.customerId, `flag:${f.reason}`);
    for (const s of plan.skipped) act(s.customerId, `wait:${s.reason}`);
  }
  return { next: out, accounts: read };
}
