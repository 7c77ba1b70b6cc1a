import { daysOverdue, toEpochDay, type IsoDate } from '../domain/dates.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { planToday } from './plan-today.js';
import { reportOf } from './run.js';
import { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

export { BUCKETS, type Bucket, type StatusReport } from './status-report.js';

/** The aging bucket of an amount due on `dueDate`, seen on `asOf`. */
export function agingBucket(dueDate: IsoDate, asOf: IsoDate): Bucket {
  return bucketOf(daysOverdue(dueDate, asOf));
}

function bucketOf(daysLate: number): Bucket {
  return daysLate <= 0 ? 'current' : daysLate <= 30 ? '1-30' : daysLate <= 60 ? '31-60' : daysLate <= 90 ? '61-90' : '90+';
}

type Totals = { open: number; overdue: number; buckets: Record<Bucket, number> };

/**
 * Receivables at a glance. Credits count in `open` (and in the `current` bucket), so buckets
 * add up to what is open; `overdue` counts only what is past due. One pass over each
 * account's invoices (a million-invoice ledger has ~50k customers owing).
 */
export function receivablesStatus(db: Ledger, policy: Policy, asOf: IsoDate): StatusReport {
  const { plan, accounts } = planToday(db, policy, asOf);
  const today = toEpochDay(asOf);
  const perCurrency = new Map<string, Totals>();
  const customers: StatusReport['customers'] = [];
  for (const a of accounts) {
    // This customer's open and overdue amounts per currency (most owe in one); `overdue` stays
    // null for a currency with nothing past due, so it is not listed.
    const mine: { currency: string; open: number; overdue: number | null }[] = [];
    let top: string | null = null;
    let topIndex = -1;
    let hold = a.hold;
    for (const i of a.invoices) {
      if (i.balance === 0) continue;
      const daysLate = today - toEpochDay(i.dueDate);
      const overdue = i.balance > 0 && daysLate > 0;
      let t = perCurrency.get(i.currency);
      if (!t) perCurrency.set(i.currency, (t = { open: 0, overdue: 0, buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 } }));
      t.open += i.balance;
      t.buckets[i.balance > 0 ? bucketOf(daysLate) : 'current'] += i.balance;
      let m = mine.find((x) => x.currency === i.currency);
      if (!m) mine.push((m = { currency: i.currency, open: 0, overdue: null }));
      m.open += i.balance;
      if (overdue) {
        t.overdue += i.balance;
        m.overdue = (m.overdue ?? 0) + i.balance;
      }
      if (i.stage !== null) {
        const stage = stageIndex(policy, i.stage);
        if (stage > topIndex) [top, topIndex] = [i.stage, stage];
      }
      hold ||= i.hold;
    }
    if (mine.length === 0) continue;
    if (mine.length > 1) mine.sort((x, y) => (x.currency < y.currency ? -1 : 1));
    const open: MoneyJson[] = [];
    const overdue: MoneyJson[] = [];
    for (const m of mine) {
      open.push(moneyJson(m.open, m.currency));
      if (m.overdue !== null) overdue.push(moneyJson(m.overdue, m.currency));
    }
    customers.push({ id: a.customer.id, name: a.customer.name, stage: top, open, overdue, hold, plan: a.plan?.state === 'kept' });
  }
  const totals = [...perCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => ({
      currency,
      open: moneyJson(t.open, currency),
      overdue: moneyJson(t.overdue, currency),
      buckets: Object.fromEntries(BUCKETS.map((b) => [b, moneyJson(t.buckets[b], currency)])) as Record<Bucket, MoneyJson>,
    }));
  const { letters, flagged, skipped } = reportOf(plan, true);
  return { asOf, totals, customers, next: { letters, flagged, skipped } };
}
