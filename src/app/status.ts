import type { IsoDate } from '../domain/dates.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { ageReceivables, balancesOfAccounts, openOf, overdueOf } from '../report/aging.js';
import { planToday } from './plan-today.js';
import { namesOf, reportOf } from './run.js';
import { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

export { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

/**
 * Receivables at a glance. The aging is `report aging`'s own computation (src/report/aging.ts)
 * over the balances the planner sees: what is owed by age, credits in their own column (never
 * inside `current`), `open` = buckets + credits, `overdue` = what is past due.
 */
export function receivablesStatus(db: Ledger, policy: Policy, asOf: IsoDate): StatusReport {
  const { plan, accounts } = planToday(db, policy, asOf);
  const aging = ageReceivables(balancesOfAccounts(accounts), asOf);
  const owing = new Map(aging.customers.map((c) => [c.id, c.totals]));
  const customers: StatusReport['customers'] = [];
  for (const a of accounts) {
    const mine = owing.get(a.customer.id);
    if (!mine) continue;
    let top: string | null = null;
    let topIndex = -1;
    let hold = a.hold;
    for (const i of a.invoices) {
      if (i.balance === 0) continue;
      if (i.stage !== null) {
        const stage = stageIndex(policy, i.stage);
        if (stage > topIndex) [top, topIndex] = [i.stage, stage];
      }
      hold ||= i.hold;
    }
    const open = mine.map((t) => moneyJson(openOf(t), t.currency));
    const overdue = mine.filter((t) => overdueOf(t) !== 0).map((t) => moneyJson(overdueOf(t), t.currency));
    customers.push({ id: a.customer.id, name: a.customer.name, stage: top, open, overdue, hold, plan: a.arrangement?.state === 'kept' });
  }
  const totals = aging.totals.map((t) => ({
    currency: t.currency,
    open: moneyJson(openOf(t), t.currency),
    overdue: moneyJson(overdueOf(t), t.currency),
    buckets: Object.fromEntries(BUCKETS.map((b) => [b, moneyJson(t.buckets[b], t.currency)])) as Record<Bucket, MoneyJson>,
    credits: moneyJson(t.credits, t.currency),
  }));
  const { letters, flagged, skipped } = reportOf(plan, true, undefined, namesOf(plan, accounts));
  return { asOf, totals, customers, next: { letters, flagged, skipped } };
}
