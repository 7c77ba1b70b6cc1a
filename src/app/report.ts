import { fromEpochDay, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { formatDecimal, moneyJson, type MoneyJson } from '../domain/money.js';
import type { Policy } from '../domain/policy.js';
import type { Ledger } from '../ledger/open.js';
import { stageContacts } from '../ledger/report-stages.js';
import { openOf, overdueOf, type Bucket, type CurrencyAging } from '../report/aging.js';
import { cei, ceiRating } from '../report/cei.js';
import { dsoFigures } from '../report/dso.js';
import { addMonths, isMonth, monthOf, monthsBetween, type Month } from '../report/months.js';
import { monthsBefore, receivablesHistory, type MonthOfReceivables, type Piece } from '../report/receivables.js';
import { startPieces } from './report-threads.js';
import { stageOutcomes, type StagesReport } from '../report/stages.js';
import { agingOn, customersOn, namesOf, oldestDebts, type AgingOn } from './report-customers.js';

export { customersReport, customersTable, oldestDebts } from './report-customers.js';

export const REPORTS = ['aging', 'dso', 'cei', 'stages', 'customers'] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportRequest {
  asOf: IsoDate;
  from?: string;
  to?: string;
  currency?: string;
}

export interface AgingJson {
  currency: string;
  buckets: Record<Bucket, MoneyJson>;
  credits: MoneyJson;
  open: MoneyJson;
  overdue: MoneyJson;
}

export interface AgingReport {
  report: 'aging';
  asOf: IsoDate;
  totals: AgingJson[];
  customers: { id: string; name: string; totals: AgingJson[] }[];
}

export interface CeiReport {
  report: 'cei';
  asOf: IsoDate;
  from: Month;
  to: Month;
  rows: { currency: string; month: Month; beginning: MoneyJson; sales: MoneyJson; ending: MoneyJson; endingCurrent: MoneyJson; cei: number | null; rating: string | null }[];
  period: { currency: string; cei: number | null; rating: string | null }[];
  reference: { strong: number; weak: number };
}

export interface DsoReport {
  report: 'dso';
  asOf: IsoDate;
  from: Month;
  to: Month;
  rows: { currency: string; month: Month; dso: number | null; bestPossibleDso: number | null; averageDaysDelinquent: number | null }[];
}

type MoneyList = { count: number; amount: MoneyJson[] };
export interface StagesJson {
  report: 'stages';
  asOf: IsoDate;
  stages: { stage: string; letters: number; invoices: number; paidWithin14Days: MoneyList; paidBeforeNextStage: MoneyList; medianDaysToPay: number | null }[];
  accounts: StagesReport['accounts'];
}

export interface CustomersReport {
  report: 'customers';
  asOf: IsoDate;
  /**
   * False for a day the ledger has moved on from (payments, letters or imports dated after it):
   * the stage is the one reached by then, and what `run` would have done that day is not known.
   */
  nextActionsKnown: boolean;
  customers: {
    id: string;
    name: string;
    onTimeRate: number | null;
    averageDaysLate: number | null;
    paidInvoices: number;
    balance: MoneyJson[];
    overdue: MoneyJson[];
    stage: string | null;
    lastContact: IsoDate | null;
    nextAction: string | null;
  }[];
}

export interface AllReports {
  report: 'all';
  asOf: IsoDate;
  aging: AgingReport;
  cei: CeiReport;
  dso: DsoReport;
  stages: StagesJson;
  customers: CustomersReport;
}

/** The months a report covers: --from and --to (YYYY-MM), by default the twelve up to the as-of day's. */
export function reportMonths(req: ReportRequest, firstSale?: IsoDate): { from: Month; to: Month; months: Month[] } {
  for (const [flag, v] of [['--from', req.from], ['--to', req.to]] as const) {
    if (v !== undefined && !isMonth(v)) throw new UsageError(`${flag} ${v}: not a month (use YYYY-MM, e.g. 2026-03)`);
  }
  const to = req.to ?? (req.from !== undefined && addMonths(req.from, 11) < monthOf(req.asOf) ? addMonths(req.from, 11) : monthOf(req.asOf));
  // Not before the ledger's first sale: months with nothing in them would only start the trend at zero.
  const first = firstSale === undefined ? undefined : monthOf(firstSale);
  const from = req.from ?? (first !== undefined && first > addMonths(to, -11) && first <= to ? first : addMonths(to, -11));
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to} (give the earlier month first)`);
  if (from > monthOf(req.asOf)) throw new UsageError(`--from ${from} is after the as-of day ${req.asOf} (a report looks back; pass --as-of to look from later)`);
  return { from, to, months: monthsBetween(from, to) };
}

function agingJson(a: CurrencyAging): AgingJson {
  const c = a.currency;
  const b = a.buckets;
  return {
    currency: c,
    // Spelled out, in BUCKETS' order: built for every customer owing, tens of thousands.
    buckets: { current: moneyJson(b.current, c), '1-30': moneyJson(b['1-30'], c), '31-60': moneyJson(b['31-60'], c), '61-90': moneyJson(b['61-90'], c), '90+': moneyJson(b['90+'], c) },
    credits: moneyJson(a.credits, c),
    open: moneyJson(openOf(a), c),
    overdue: moneyJson(overdueOf(a), c),
  };
}

/** The aging as JSON: every customer owing, or only those in `only` (the overview's). */
function agingJsonOf(db: Ledger, on: AgingOn, asOf: IsoDate, only?: ReadonlySet<string>): AgingReport {
  const { aging } = on;
  const customers = only === undefined ? aging.customers : aging.customers.filter((c) => only.has(c.id));
  const names = namesOf(db, on, customers.map((c) => c.id));
  return {
    report: 'aging',
    asOf,
    totals: aging.totals.map(agingJson),
    customers: customers.map((c) => ({ id: c.id, name: names.get(c.id) ?? c.id, totals: c.totals.map(agingJson) })),
  };
}

/** Receivables by age on the as-of day: per currency and per customer, credits beside the buckets. */
export function agingReport(db: Ledger, req: ReportRequest): AgingReport {
  return agingJsonOf(db, agingOn(db, req, true), req.asOf);
}

/**
 * The same aging for a terminal: the totals as in the report (its customers left empty), and
 * each customer's row per currency as text (id, name, currency, each bucket, credits), written
 * from the minor units: no JSON of tens of thousands of customers only to be printed.
 */
export function agingLines(db: Ledger, req: ReportRequest): { report: AgingReport; rows: string[][] } {
  const { aging, names } = agingOn(db, req, true);
  const rows: string[][] = [];
  for (const c of aging.customers) {
    const name = names?.get(c.id) ?? c.id;
    for (const t of c.totals) {
      const b = t.buckets;
      const f = (minor: number) => formatDecimal(minor, t.currency);
      rows.push([c.id, name, t.currency, f(b.current), f(b['1-30']), f(b['31-60']), f(b['61-90']), f(b['90+']), f(t.credits)]);
    }
  }
  return { report: { report: 'aging', asOf: req.asOf, totals: aging.totals.map(agingJson), customers: [] }, rows };
}

/** The receivables month by month; the pieces read in two threads unless already started. */
function history(db: Ledger, req: ReportRequest, pieces: Piece[] = startPieces(db, 0.5).take()) {
  const first = pieces.reduce((m, p) => (p.sale && p.from < m ? p.from : m), Infinity);
  const { from, to, months } = reportMonths(req, first === Infinity ? undefined : fromEpochDay(first));
  const h = receivablesHistory(req.currency === undefined ? pieces : pieces.filter((p) => p.currency === req.currency), months, req.asOf);
  return { from, to, h };
}

/** CEI per month and for the whole period, per currency. */
export function ceiReport(db: Ledger, req: ReportRequest, h = history(db, req)): CeiReport {
  const rows = h.h.months.map((m) => {
    const value = cei(m);
    const c = m.currency;
    return { currency: c, month: m.month, beginning: moneyJson(m.beginning, c), sales: moneyJson(m.sales, c), ending: moneyJson(m.ending, c), endingCurrent: moneyJson(m.endingCurrent, c), cei: value, rating: ceiRating(value) };
  });
  const period = h.h.currencies.map((currency) => {
    const mine = h.h.months.filter((m) => m.currency === currency);
    if (mine.length === 0) return { currency, cei: null, rating: null };
    const last = mine.at(-1)!;
    const value = cei({ beginning: mine[0]!.beginning, sales: mine.reduce((s, m) => s + m.sales, 0), ending: last.ending, endingCurrent: last.endingCurrent, months: mine.length });
    // Nothing owed when the period began (a ledger that starts in its first month): B + S/N is
    // one month's sales against what all the months left owing, and no rating is true of it.
    return { currency, cei: value, rating: mine[0]!.beginning === 0 ? null : ceiRating(value) };
  });
  return { report: 'cei', asOf: req.asOf, from: h.from, to: h.to, rows, period, reference: { strong: 80, weak: 50 } };
}

/** Countback DSO, best possible DSO and average days delinquent per month, per currency. */
export function dsoReport(db: Ledger, req: ReportRequest, h = history(db, req)): DsoReport {
  const rows = h.h.months.map((m: MonthOfReceivables) => {
    const sales = h.h.salesByMonth.get(m.currency) ?? new Map<Month, number>();
    const months = [{ sales: m.sales, days: m.days }, ...monthsBefore(sales, m.month)];
    return { currency: m.currency, month: m.month, ...dsoFigures({ ending: m.ending, endingCurrent: m.endingCurrent, months }) };
  });
  return { report: 'dso', asOf: req.asOf, from: h.from, to: h.to, rows };
}

/** What each stage's letters collected, up to the as-of day. */
export function stagesReport(db: Ledger, policy: Policy, req: ReportRequest): StagesJson {
  const { contacts, invoices } = stageContacts(db, req.asOf);
  const wanted = req.currency === undefined ? invoices : new Map([...invoices].filter(([, i]) => i.currency === req.currency));
  const handoff = new Set(policy.stages.filter((s) => s.action === 'flag').map((s) => s.id));
  const r = stageOutcomes(contacts, wanted, policy.stages.map((s) => s.id), handoff);
  const money = (l: { currency: string; minor: number }[]) => l.map((m) => moneyJson(m.minor, m.currency));
  return {
    report: 'stages',
    asOf: req.asOf,
    stages: r.stages.map((s) => ({ ...s, paidWithin14Days: { count: s.paidWithin14Days.count, amount: money(s.paidWithin14Days.amount) }, paidBeforeNextStage: { count: s.paidBeforeNextStage.count, amount: money(s.paidBeforeNextStage.amount) } })),
    accounts: r.accounts,
  };
}

/**
 * The overview's share of the receivable pieces read in this thread (report-threads.ts). On the
 * 1M bench ledger (medians of 5, one run): all in the worker 2.00 s, 0.2 1.75 s, 0.3 1.55 s, 0.4 1.58 s.
 */
const OVERVIEW_SHARE = 0.3;

/**
 * Every report, for --json without a name and the HTML page; `oldest` keeps only that many
 * customers, those whose debt is oldest (the one-screen overview). Without `agingOfEach` (the
 * page alone, which shows the aging's totals), the aging lists no customer.
 */
export function allReports(db: Ledger, policy: Policy, req: ReportRequest, oldest?: number, agingOfEach = true): AllReports {
  reportMonths(req); // a mistyped --from or --to is refused before any reading
  // The months' receivables are read in a second thread while this one plans and ages: for the
  // overview a thread of their own, for the page the customers' worker, after its customers.
  const page = oldest === undefined;
  const pieces = page ? undefined : startPieces(db, OVERVIEW_SHARE);
  const { on, customers, pieces: read } = customersOn(db, policy, req, page ? { pieces: true, aging: agingOfEach ? 'each' : 'totals' } : { only: (aging) => oldestDebts(aging, oldest) });
  const stages = stagesReport(db, policy, req);
  const h = history(db, req, pieces?.take() ?? read ?? startPieces(db, 0.5).take());
  return {
    report: 'all',
    asOf: req.asOf,
    // The overview shows the totals, and the aging of only the customers it lists; the page only the totals.
    aging: agingJsonOf(db, on, req.asOf, !page ? new Set(customers.customers.map((c) => c.id)) : agingOfEach ? undefined : new Set()),
    cei: ceiReport(db, req, h),
    dso: dsoReport(db, req, h),
    stages,
    customers,
  };
}
