import type { Account } from '../domain/account.js';
import { toEpochDay, type IsoDate } from '../domain/dates.js';

/** Aging buckets by days past the due date. */
export const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** What one invoice (or credit note) owed on the day: its balance, negative for a credit. */
export interface OpenBalance {
  customerId: string;
  currency: string;
  dueDate: IsoDate;
  balance: number;
}

/**
 * The balances of the planner's accounts (the day's, when the ledger has not moved on from it),
 * of one currency or all, for ageReceivables: handed over in one object filled afresh each time,
 * since the aging copies what it keeps and 91,000 objects of a large ledger would only be garbage.
 */
export function* balancesOfAccounts(accounts: readonly Account[], currency?: string): Generator<OpenBalance> {
  const b: OpenBalance = { customerId: '', currency: '', dueDate: '', balance: 0 };
  for (const a of accounts) {
    for (const i of a.invoices) {
      if (i.balance === 0 || (currency !== undefined && i.currency !== currency)) continue;
      [b.customerId, b.currency, b.dueDate, b.balance] = [a.customer.id, i.currency, i.dueDate, i.balance];
      yield b;
    }
  }
}

/** One currency's receivables: what is owed by age, and credits (negative) beside them. */
export interface CurrencyAging {
  currency: string;
  buckets: Record<Bucket, number>;
  /** Credit notes and overpayments, negative; never inside `current`. */
  credits: number;
}

/**
 * One customer's aging in one currency, summed by the ledger: what is owed in each bucket, in
 * BUCKETS' order, then the credits (negative); the customer's name when read with it.
 */
export type AgingRow = [customerId: string, name: string | null, currency: string, current: number, d30: number, d60: number, d90: number, over90: number, credits: number];

export interface Aging {
  asOf: IsoDate;
  totals: CurrencyAging[];
  customers: { id: string; totals: CurrencyAging[] }[];
}

export function bucketOf(daysLate: number): Bucket {
  return daysLate <= 0 ? 'current' : daysLate <= 30 ? '1-30' : daysLate <= 60 ? '31-60' : daysLate <= 90 ? '61-90' : '90+';
}

/** What is open: every bucket and the credits. */
export function openOf(a: CurrencyAging): number {
  return a.buckets.current + overdueOf(a) + a.credits;
}

/** What is past due: the buckets after `current` (credits are never overdue). */
export function overdueOf(a: CurrencyAging): number {
  return a.buckets['1-30'] + a.buckets['31-60'] + a.buckets['61-90'] + a.buckets['90+'];
}

const empty = (currency: string): CurrencyAging => ({ currency, buckets: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 }, credits: 0 });

function add(list: CurrencyAging[], b: OpenBalance, bucket: Bucket | null): void {
  let a = list.find((x) => x.currency === b.currency);
  if (!a) list.push((a = empty(b.currency)));
  if (bucket === null) a.credits += b.balance;
  else a.buckets[bucket] += b.balance;
}

const byCurrency = (x: CurrencyAging, y: CurrencyAging) => (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0);

/**
 * Ages balances on `asOf`, per currency and per customer (never summed across currencies). A
 * balance owed goes to the bucket of its days past due; a credit (negative) to `credits`.
 */
export function ageReceivables(balances: Iterable<OpenBalance>, asOf: IsoDate): Aging {
  const today = toEpochDay(asOf);
  const totals: CurrencyAging[] = [];
  const customers = new Map<string, CurrencyAging[]>();
  // Balances grouped by customer in id order (the planner's accounts are) need neither a
  // look-up per balance nor the sort: tens of thousands of customers made both show.
  let lastId: string | undefined;
  let lastNew: string | undefined;
  let mine: CurrencyAging[] = [];
  let inOrder = true;
  for (const b of balances) {
    if (b.balance === 0) continue;
    const bucket = b.balance > 0 ? bucketOf(today - toEpochDay(b.dueDate)) : null;
    add(totals, b, bucket);
    if (b.customerId !== lastId) {
      const known = customers.get(b.customerId);
      if (known) mine = known;
      else {
        if (lastNew !== undefined && b.customerId < lastNew) inOrder = false;
        customers.set(b.customerId, (mine = []));
        lastNew = b.customerId;
      }
      lastId = b.customerId;
    }
    add(mine, b, bucket);
  }
  // Ids in code-unit order: the plain sort, much faster than one with a comparator.
  const ids = inOrder ? [...customers.keys()] : [...customers.keys()].sort();
  return {
    asOf,
    totals: totals.sort(byCurrency),
    customers: ids.map((id) => {
      const list = customers.get(id)!;
      return { id, totals: list.length > 1 ? list.sort(byCurrency) : list };
    }),
  };
}

/**
 * The aging from rows already summed per customer and currency, in id and currency order: the
 * totals per currency, and each customer's. The same figures as ageReceivables of the balances
 * the rows were summed from (a property test holds them equal).
 */
export function agingOfRows(rows: readonly AgingRow[], asOf: IsoDate): Aging {
  const totals = new Map<string, CurrencyAging>();
  const customers: Aging['customers'] = [];
  let last: { id: string; totals: CurrencyAging[] } | undefined;
  for (const [id, , currency, current, d30, d60, d90, over90, credits] of rows) {
    const mine: CurrencyAging = { currency, buckets: { current, '1-30': d30, '31-60': d60, '61-90': d90, '90+': over90 }, credits };
    if (last?.id === id) last.totals.push(mine);
    else customers.push((last = { id, totals: [mine] }));
    const sum = totals.get(currency);
    if (sum === undefined) totals.set(currency, { currency, buckets: { ...mine.buckets }, credits });
    else {
      const b = sum.buckets;
      b.current += current;
      b['1-30'] += d30;
      b['31-60'] += d60;
      b['61-90'] += d90;
      b['90+'] += over90;
      sum.credits += credits;
    }
  }
  return { asOf, totals: [...totals.values()].sort(byCurrency), customers };
}
