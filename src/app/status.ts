import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { moneyJson, totalsByCurrency, type MoneyJson } from '../domain/money.js';
import { planRun } from '../domain/plan.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import { historyFor, loadAccounts } from '../ledger/accounts.js';
import type { Ledger } from '../ledger/open.js';
import { reportOf } from './run.js';
import { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

export { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

/** The aging bucket of an amount due on `dueDate`, seen on `asOf`. */
export function agingBucket(dueDate: IsoDate, asOf: IsoDate): Bucket {
  const d = daysOverdue(dueDate, asOf);
  return d <= 0 ? 'current' : d <= 30 ? '1-30' : d <= 60 ? '31-60' : d <= 90 ? '61-90' : '90+';
}

/**
 * Receivables at a glance. Credits count in `open` (and in the `current` bucket), so buckets
 * add up to what is open; `overdue` counts only what is past due.
 */
export function receivablesStatus(db: Ledger, policy: Policy, asOf: IsoDate): StatusReport {
  const accounts = loadAccounts(db, asOf, undefined, historyFor(policy));
  const perCurrency = new Map<string, { open: number; overdue: number; buckets: Record<Bucket, number> }>();
  const customers: StatusReport['customers'] = [];
  for (const a of accounts) {
    const open = a.invoices.filter((i) => i.balance !== 0);
    if (open.length === 0) continue;
    const overdue = open.filter((i) => i.balance > 0 && daysOverdue(i.dueDate, asOf) > 0);
    for (const i of open) {
      let t = perCurrency.get(i.currency);
      if (!t) {
        t = { open: 0, overdue: 0, buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 } };
        perCurrency.set(i.currency, t);
      }
      t.open += i.balance;
      t.buckets[i.balance > 0 ? agingBucket(i.dueDate, asOf) : 'current'] += i.balance;
    }
    for (const i of overdue) perCurrency.get(i.currency)!.overdue += i.balance;
    const top = open.reduce<string | null>(
      (best, i) => (stageIndex(policy, i.stage) > stageIndex(policy, best) ? i.stage : best),
      null,
    );
    customers.push({
      id: a.customer.id,
      name: a.customer.name,
      stage: top,
      open: totalsByCurrency(open.map((i) => ({ currency: i.currency, minor: i.balance }))).map((m) => moneyJson(m.minor, m.currency)),
      overdue: totalsByCurrency(overdue.map((i) => ({ currency: i.currency, minor: i.balance }))).map((m) => moneyJson(m.minor, m.currency)),
      hold: a.hold || open.some((i) => i.hold),
      plan: a.planKept,
    });
  }
  const totals = [...perCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => ({
      currency,
      open: moneyJson(t.open, currency),
      overdue: moneyJson(t.overdue, currency),
      buckets: Object.fromEntries(BUCKETS.map((b) => [b, moneyJson(t.buckets[b], currency)])) as Record<Bucket, MoneyJson>,
    }));
  const { letters, flagged, skipped } = reportOf(planRun(accounts, policy, asOf), true);
  return { asOf, totals, customers, next: { letters, flagged, skipped } };
}
