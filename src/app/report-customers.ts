import type { Account, InvoiceState } from '../domain/account.js';
import type { RunPlan } from '../domain/plan.js';
import type { IsoDate } from '../domain/dates.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import type { PaymentHistory } from '../domain/segments.js';
import { loadHistories } from '../ledger/accounts.js';
import { customerAt } from '../ledger/customers.js';
import type { Ledger } from '../ledger/open.js';
import type { CustomerSpan } from '../ledger/open-invoices.js';
import { agingByCustomer, customerNames, lastContacts, noInvoiceAfter, nothingAfter, nothingRecordedAfter } from '../ledger/report-receivables.js';
import { stageContacts } from '../ledger/report-stages.js';
import { ageReceivables, agingOfRows, balancesOfAccounts, BUCKETS, openOf, overdueOf, type Aging, type CurrencyAging } from '../report/aging.js';
import type { Piece } from '../report/receivables.js';
import type { CustomersReport, ReportRequest } from './report.js';
import { planToday } from './plan-today.js';
import { actionsOf, nextActionsOfCustomers, stageOf, type NextActions } from './report-next.js';
import { startInWorker } from './second-thread.js';
import { laidOutHere } from './customers-table.js';
import { customersView } from '../report/customers-text.js';

/** The aging on the as-of day, in minor units, and the names of the customers owing when known. */
export interface AgingOn {
  aging: Aging;
  names?: Map<string, string>;
}

/**
 * The aging on the as-of day, summed by the ledger; with every owing customer's name when `named`.
 * `importedLater`: whether an invoice was imported after the day, when already known.
 */
export function agingOn(db: Ledger, req: ReportRequest, named = false, importedLater?: boolean): AgingOn {
  const rows = agingByCustomer(db, req.asOf, req.currency, named, importedLater);
  return { aging: agingOfRows(rows, req.asOf), ...(named ? { names: new Map(rows.map((r) => [r[0], r[1] ?? r[0]])) } : {}) };
}

/** The names of the customers listed: from the planner's accounts, else read for just those. */
export function namesOf(db: Ledger, on: AgingOn, ids: string[]): Map<string, string> {
  return on.names ?? customerNames(db, ids);
}

/** Each customer owing on the as-of day: how they pay, what they owe, and what happens next. */
export function customersReport(db: Ledger, policy: Policy, req: ReportRequest): CustomersReport {
  return customersOn(db, policy, req, { aging: 'none' }).customers;
}

/** The customers report as the terminal shows it (customersView): on a large ledger, laid out by the two threads that made it. */
export function customersTable(db: Ledger, policy: Policy, req: ReportRequest): string {
  const got = customersOn(db, policy, req, { aging: 'none', table: true });
  return 'table' in got ? got.table : customersView(got.customers);
}

/** How customersOn goes about it; see there. */
export interface CustomersOptions {
  only?: (aging: Aging) => string[];
  aging?: AgingWanted;
  splitAt?: number;
  pieces?: boolean;
  table?: boolean;
}

/** The day's aging and the customers report (customersOn). */
export interface CustomersOn {
  on: AgingOn;
  customers: CustomersReport;
  pieces?: Piece[];
}

/** The day's aging and the customers report as the terminal shows it, laid out by the two threads that made it. */
export interface CustomersTable {
  on: AgingOn;
  table: string;
}

/**
 * The day's aging and the customers report. When the ledger holds nothing dated after the day,
 * the planner says each customer's stage and next action (its invoices giving the aging); a
 * large ledger's customers are planned and reported in two halves, the later in a worker
 * thread started first. For an earlier day the ledger is read as it stood then: the stage each
 * owing invoice had reached by that day, and no next action. `only`: the customers to list,
 * chosen from the day's aging (the overview's five), each planned on its own. `aging`: how much
 * of the day's aging is wanted beside the customers when the ledger has not moved on from the day
 * (AgingWanted; all of it by default).
 * `splitAt`: the fewest customers worth a second thread. `pieces`: the worker, if one runs,
 * also reads the receivable pieces of the months (the page: two threads busy, not three); they
 * come back with the report, else the caller reads them. `table`: where two threads report on
 * the customers, each lays out its half of the terminal's table (customers-table.ts), and the
 * table comes back instead of the rows; elsewhere the rows.
 */
export function customersOn(db: Ledger, policy: Policy, req: ReportRequest, options?: CustomersOptions & { table?: false }): CustomersOn;
export function customersOn(db: Ledger, policy: Policy, req: ReportRequest, options: CustomersOptions): CustomersOn | CustomersTable;
export function customersOn(db: Ledger, policy: Policy, req: ReportRequest, options: CustomersOptions = {}): CustomersOn | CustomersTable {
  const { only, aging = 'each', splitAt = SPLIT_AT, pieces = false, table = false } = options;
  // Everyone's report starts in a second thread while this one asks whether it is wanted. Where
  // the worker runs, it also scans the invoices for any dated later (the costly question), and
  // this thread asks the rest, then plans its part meanwhile.
  const everyone = only === undefined ? startCustomers(db, policy, req, aging, splitAt, pieces, table) : undefined;
  const movedOn = everyone?.checksInvoices ? !nothingRecordedAfter(db, req.asOf) : !nothingAfter(db, req.asOf);
  if (movedOn) everyone?.cancel();
  const answer: CustomersAnswer | undefined = movedOn ? { parts: MOVED_ON } : everyone?.take();
  if (answer?.parts === MOVED_ON) {
    const on = agingOn(db, req);
    const stages = stagesReachedBy(db, policy, req.asOf);
    const next: NextActions = new Map([...stages].map(([id, stage]) => [id, { stage, action: null }]));
    return { on, customers: customersOf(db, req, on, next, false, only?.(on.aging)), ...pick(answer) };
  }
  if (answer === undefined) {
    // nothingAfter said no invoice was imported after the day: the aging need not scan to ask again.
    const on = agingOn(db, req, false, false);
    const ids = only!(on.aging);
    return { on, customers: customersOf(db, req, on, nextActionsOfCustomers(db, policy, req.asOf, ids), true, ids) };
  }
  const { parts } = answer;
  const on = { aging: mergeAgings(parts.map((p) => p.aging), req.asOf), names: new Map(parts.flatMap((p) => p.names)) };
  if (answer.table !== undefined) return { on, table: answer.table };
  return {
    on,
    customers: { report: 'customers', asOf: req.asOf, nextActionsKnown: true, customers: parts.flatMap((p) => p.rows) },
    ...pick(answer),
  };
}

const pick = (answer: { pieces?: Piece[] }) => (answer.pieces === undefined ? {} : { pieces: answer.pieces });

/**
 * How much of the day's aging a report wants beside its customers: none (the customers report
 * alone), the totals per currency (the page, whose aging shows only those), or each customer's
 * too (every report as JSON).
 */
export type AgingWanted = 'none' | 'totals' | 'each';

/** The answer of a part of the report for a day the ledger has moved on from (an invoice issued or imported later). */
export const MOVED_ON = 'moved-on' as const;

/** The report of a part of the customers, as plain data (it crosses between threads). */
export interface CustomersPart {
  aging: Aging;
  names: [id: string, name: string][];
  rows: CustomersReport['customers'];
}

/**
 * Plans the customers of a span (all by default) and reports on them, for a day the ledger has
 * not moved on from, with as much of the aging as is `wanted`.
 */
export function customersPart(db: Ledger, policy: Policy, req: ReportRequest, span?: CustomerSpan, wanted: AgingWanted = 'each'): CustomersPart {
  const { plan, accounts } = planToday(db, policy, req.asOf, undefined, span);
  const rows = rowsOfPlan(db, policy, req, plan, accounts, span);
  if (wanted === 'none') return { aging: { asOf: req.asOf, totals: [], customers: [] }, names: [], rows };
  // The planner's balances are the day's (the ledger has not moved on): they age as they are.
  const aging = ageReceivables(balancesOfAccounts(accounts, req.currency), req.asOf);
  if (wanted === 'totals') return { aging: { ...aging, customers: [] }, names: [], rows };
  // The customers listed are those the aging holds (owing or owed on the day), with their names.
  return { aging, names: rows.map((r) => [r.id, r.name]), rows };
}

/**
 * The customers report's rows straight from the planner's accounts: what each customer owes per
 * currency (credits less) and what is past due, summed as the aging sums them (a property test
 * holds the rows equal to the aging's), with no aging of every customer read back.
 */
function rowsOfPlan(db: Ledger, policy: Policy, req: ReportRequest, plan: RunPlan, accounts: readonly Account[], span?: CustomerSpan): CustomersReport['customers'] {
  const actions = actionsOf(plan);
  const owing: CustomerOwing[] = [];
  const next: NextActions = new Map();
  for (const a of accounts) {
    const owed = owedOf(a.invoices, req);
    if (owed.length === 0) continue;
    const id = a.customer.id;
    owing.push({ id, name: a.customer.name, owed });
    next.set(id, { stage: stageOf(policy, a), action: actions.get(id) ?? null });
  }
  // In id order, as the aging lists them (code units: the plain comparison). The planner's
  // accounts mostly come in that order already: the sort then only checks it.
  owing.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // Payment histories and last contacts of this span's customers only (another thread reads the rest).
  return reportOf(db, req, owing, loadHistories(db, req.asOf, undefined, span), next, true, span).customers;
}

/** Per currency (in code order), what the invoices owe on the day, credits less, and the part past due; none where nothing is owed or owing. */
function owedOf(invoices: readonly InvoiceState[], req: ReportRequest): Owed[] {
  const owed: Owed[] = [];
  for (const i of invoices) {
    if (i.balance === 0 || (req.currency !== undefined && i.currency !== req.currency)) continue;
    let o = owed.find((x) => x.currency === i.currency);
    if (o === undefined) owed.push((o = { currency: i.currency, open: 0, overdue: 0 }));
    o.open += i.balance;
    // As the aging's buckets: a balance owed a day or more past its due date.
    if (i.balance > 0 && i.dueDate < req.asOf) o.overdue += i.balance;
  }
  return owed.length > 1 ? owed.sort((x, y) => (x.currency < y.currency ? -1 : 1)) : owed;
}

/** Below this many customers a second thread costs more than it saves. */
const SPLIT_AT = 20_000;
/**
 * This thread's share of the customers: more than half, since the worker starts later (a thread
 * and its modules) and first scans every invoice for one dated after the day. Measured on the 1M
 * bench ledger: 0.6 2.29 s, 0.7 2.34 s, 0.5 2.46 s (medians of 5, one run); once each thread laid
 * out its half of the table, 0.5 to 0.65 alike (1.79-1.85 s, medians of 7).
 *
 * When the worker reads the receivable pieces (the page), it plans no customers: the pieces take
 * it as long as all the customers take this thread since the planner got cheaper (medians of 7,
 * one hour: --html 2.87 s with 0.9 of the customers here, 2.48 s with all of them).
 */
const MINE = 0.6;

/** What the worker of the customers report answers: its part, or MOVED_ON; the receivable pieces when asked for. */
export interface CustomersAnswer {
  parts: CustomersPart[] | typeof MOVED_ON;
  pieces?: Piece[];
  /** The customers' table (`table`): from the worker, the lines of its customers (none: empty); joined, the whole table. */
  table?: string;
}

/**
 * Starts the customers report: a large ledger's later customers (by id) in a worker thread now,
 * the earlier ones in this thread inside `take()`; where no worker can help, this thread does
 * both. `cancel()`: the report is not wanted after all. `checksInvoices`: the worker also
 * scans the invoices for any issued or imported after the day, and `take()` answers MOVED_ON
 * if it found one (the caller asks the rest of nothingAfter's questions). `pieces`: the worker
 * then reads the receivable pieces instead, and this thread plans all the customers.
 */
export function startCustomers(
  db: Ledger,
  policy: Policy,
  req: ReportRequest,
  wanted: AgingWanted = 'each',
  splitAt = SPLIT_AT,
  pieces = false,
  table = false,
): { take(): CustomersAnswer; cancel(): void; checksInvoices: boolean } {
  const middle = db.memory || db.inTransaction ? null : customerAt(db, MINE, splitAt);
  if (middle === null) return { take: () => ({ parts: [customersPart(db, policy, req, undefined, wanted)] }), cancel: () => {}, checksInvoices: false };
  // The worker's customers: the later ones, or none beside the pieces.
  const later: CustomerSpan | null = pieces ? null : { after: middle };
  // By way of ../app/: the same file from dist/app/ (tsc's output) and from the CLI's bundle in dist/cjs/.
  const job = { path: db.name, policy, req, span: later, wanted, checkInvoices: true, pieces, table };
  const worker = startInWorker<CustomersAnswer>(new URL('../app/report-worker.js', import.meta.url), 'customersPartOf', job);
  return {
    take() {
      const mine = customersPart(db, policy, req, later === null ? undefined : { upTo: middle }, wanted);
      const lines = table ? laidOutHere(mine.rows, worker) : undefined;
      const theirs = worker.take();
      if (theirs !== undefined && theirs.parts !== MOVED_ON && lines !== undefined && theirs.table !== undefined) {
        const { table: half, ...rest } = theirs;
        const parts = [mine, ...theirs.parts];
        // Nobody owing on the day: no table, and the report says so (customersView).
        if (mine.rows.length === 0 && half === '') return { ...rest, parts };
        return { ...rest, parts, table: half === '' ? lines : `${lines}\n${half}` };
      }
      if (theirs !== undefined) return theirs.parts === MOVED_ON ? theirs : { ...theirs, parts: [mine, ...theirs.parts] };
      // No worker after all: its questions and its part, here (the caller reads the pieces).
      return { parts: !noInvoiceAfter(db, req.asOf) ? MOVED_ON : later === null ? [mine] : [mine, customersPart(db, policy, req, later, wanted)] };
    },
    cancel: worker.cancel,
    checksInvoices: true,
  };
}

/** The agings of parts of the customers, the earlier part first, as one: totals per currency summed. */
export function mergeAgings(parts: Aging[], asOf: IsoDate): Aging {
  const totals = new Map<string, CurrencyAging>();
  for (const part of parts) {
    for (const t of part.totals) {
      const sum = totals.get(t.currency);
      if (sum === undefined) totals.set(t.currency, { currency: t.currency, buckets: { ...t.buckets }, credits: t.credits });
      else {
        for (const b of BUCKETS) sum.buckets[b] += t.buckets[b];
        sum.credits += t.credits;
      }
    }
  }
  return { asOf, totals: [...totals.values()].sort((x, y) => (x.currency < y.currency ? -1 : 1)), customers: parts.flatMap((p) => p.customers) };
}

/** Each customer's stage on `asOf`: the highest any invoice still owing that day had reached by then. */
function stagesReachedBy(db: Ledger, policy: Policy, asOf: IsoDate): Map<string, string> {
  const { contacts, invoices } = stageContacts(db, asOf);
  // Contacts come oldest first: an invoice's last one says where it stood.
  const latest = new Map<string, { customerId: string; stage: string }>();
  for (const c of contacts) for (const i of c.invoices) latest.set(i.number, { customerId: c.customerId, stage: i.stage });
  const out = new Map<string, string>();
  for (const [number, { customerId, stage }] of latest) {
    const invoice = invoices.get(number);
    if (invoice === undefined || invoice.amount - invoice.paid.reduce((sum, p) => sum + p.minor, 0) <= 0) continue;
    if (stageIndex(policy, stage) > stageIndex(policy, out.get(customerId) ?? null)) out.set(customerId, stage);
  }
  return out;
}

/** What a customer owes in one currency on the day: in all (credits less), and past due. */
interface Owed {
  currency: string;
  open: number;
  overdue: number;
}

/** A customer owing or owed on the day, with what, per currency. */
interface CustomerOwing {
  id: string;
  name: string;
  owed: Owed[];
}

/** The customers report from the day's aging and the planner's next actions; all customers owing, or only those named. */
function customersOf(db: Ledger, req: ReportRequest, on: AgingOn, next: NextActions, known: boolean, only?: string[]): CustomersReport {
  const { aging } = on;
  const byId = new Map(aging.customers.map((c) => [c.id, c]));
  const wanted = only === undefined ? aging.customers : only.flatMap((id) => byId.get(id) ?? []);
  const names = namesOf(db, on, wanted.map((c) => c.id));
  const histories = only === undefined ? loadHistories(db, req.asOf) : new Map(only.flatMap((id) => [...loadHistories(db, req.asOf, id)]));
  const owing = wanted.map((c): CustomerOwing => ({ id: c.id, name: names.get(c.id) ?? c.id, owed: c.totals.map((t) => ({ currency: t.currency, open: openOf(t), overdue: overdueOf(t) })) }));
  return reportOf(db, req, owing, histories, next, known);
}

/** The report's rows: how each customer pays, what they owe, their stage, last contact and next action. */
function reportOf(db: Ledger, req: ReportRequest, owing: CustomerOwing[], histories: Map<string, PaymentHistory>, next: NextActions, known: boolean, span?: CustomerSpan): CustomersReport {
  const contacts = lastContacts(db, req.asOf, span);
  return {
    report: 'customers',
    asOf: req.asOf,
    nextActionsKnown: known,
    customers: owing.map((c) => {
      const h = histories.get(c.id);
      const paid = h?.paidInvoices ?? 0;
      const n = next.get(c.id);
      const balance: MoneyJson[] = [];
      const overdue: MoneyJson[] = [];
      for (const o of c.owed) {
        balance.push(moneyJson(o.open, o.currency));
        if (o.overdue !== 0) overdue.push(moneyJson(o.overdue, o.currency));
      }
      return {
        id: c.id,
        name: c.name,
        onTimeRate: paid === 0 ? null : Math.round((h!.onTime * 1000) / paid) / 10,
        averageDaysLate: paid === 0 ? null : Math.round((h!.daysLateTotal * 10) / paid) / 10,
        paidInvoices: paid,
        balance,
        overdue,
        stage: n?.stage ?? null,
        lastContact: contacts.get(c.id) ?? null,
        nextAction: n?.action ?? null,
      };
    }),
  };
}

/** The customers whose debt is oldest (by the oldest bucket they owe in; amounts in different currencies are not compared). */
export function oldestDebts(aging: Aging, n: number): string[] {
  const owedIn = (t: CurrencyAging) => BUCKETS.reduce((at, b, i) => (t.buckets[b] > 0 ? i : at), -1);
  const oldest = (c: Aging['customers'][number]) => Math.max(-1, ...c.totals.map(owedIn));
  return aging.customers
    .map((c) => ({ id: c.id, age: oldest(c) }))
    .filter((c) => c.age > 0)
    .sort((x, y) => y.age - x.age || (x.id < y.id ? -1 : 1))
    .slice(0, n)
    .map((c) => c.id);
}

