import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { moneyJson, totalsByCurrency, type MoneyJson } from '../domain/money.js';
import { planAccount } from '../domain/plan.js';
import type { Policy } from '../domain/policy.js';
import { historySummary, segmentOf } from '../domain/segments.js';
import { loadAccounts, loadHistories } from '../ledger/accounts.js';
import { loadFees } from '../ledger/fees.js';
import { activeHolds } from '../ledger/holds.js';
import type { Ledger } from '../ledger/open.js';
import { loadArrangementStandings } from '../ledger/arrangements.js';
import { resolveTarget } from './target.js';
import { timelineOf, type TimelineEntry } from './timeline.js';
import { lastContactOn } from '../ledger/contacts.js';
import { invoicesOf, type InvoiceRecord } from '../ledger/customer-records.js';
import { findCustomer } from '../ledger/customers.js';

/** The `show --json` shape (documented in the README). */
export interface ShowReport {
  asOf: IsoDate;
  customer: { id: string; name: string; email: string | null; address: string | null; phone: string | null; language: string | null; contactName: string | null };
  /** Set when an invoice was asked for: the rest of the report is about it. */
  invoice: string | null;
  invoices: {
    number: string;
    issueDate: IsoDate;
    dueDate: IsoDate;
    daysOverdue: number;
    status: string;
    amount: MoneyJson;
    paid: MoneyJson;
    balance: MoneyJson;
    stage: string | null;
    stageOn: IsoDate | null;
    hold: boolean;
    plan: boolean;
  }[];
  balances: { currency: string; open: MoneyJson; overdue: MoneyJson }[];
  holds: { id: number; invoice: string | null; reason: string; placedOn: IsoDate; until: IsoDate | null }[];
  plan: {
    id: number;
    state: string;
    currency: string;
    createdOn: IsoDate;
    graceDays: number;
    invoices: string[];
    total: MoneyJson;
    paid: MoneyJson;
    installments: { seq: number; dueOn: IsoDate; amount: MoneyJson; paid: boolean }[];
    missedOn: IsoDate | null;
    completedOn: IsoDate | null;
  } | null;
  segment: { id: string | null; paidInvoices: number; onTimePercent: number | null; averageDaysLate: number | null; extraGraceDays: number };
  fees: { invoice: string; stage: string; kind: string; amount: MoneyJson; description: string; chargedOn: IsoDate }[];
  feeTotals: MoneyJson[];
  lastContactOn: IsoDate | null;
  /** What `run` would do for this customer today: a stage, or why not. */
  next: { action: 'letter' | 'flag' | 'skip' | 'nothing'; stage: string | null; reason: string | null };
  timeline: TimelineEntry[];
}

type InvoiceRow = InvoiceRecord;

/** One account in full: invoices, balances, holds, plan, segment, fees and every event. */
export function showAccount(db: Ledger, policy: Policy, asOf: IsoDate, what: string): ShowReport {
  const target = resolveTarget(db, what);
  const id = target.customerId;
  const only = target.kind === 'invoice' ? target.invoiceNumber : null;
  const customer = findCustomer(db, id)!;
  // Each invoice's stage by the one rule planning uses (ledger/contacts.ts invoiceStages).
  const rows = invoicesOf(db, id, { asOf, only });

  const account = loadAccounts(db, asOf, id)[0];
  const holds = activeHolds(db, id, asOf).filter((h) => only === null || h.invoice_number === null || h.invoice_number === only);
  const held = (n: string) => holds.some((h) => h.invoice_number === null || h.invoice_number === n);
  const standing = loadArrangementStandings(db, asOf, id).get(id) ?? null;
  const planned = new Set(standing?.state === 'kept' ? standing.arrangement.invoices : []);
  const invoices: ShowReport['invoices'] = rows.map((r) => ({
    number: r.number,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    daysOverdue: Math.max(0, daysOverdue(r.due_date, asOf)),
    status: r.status,
    amount: moneyJson(r.amount_minor, r.currency),
    paid: moneyJson(r.paid, r.currency),
    balance: moneyJson(r.amount_minor - r.paid, r.currency),
    stage: r.stage,
    stageOn: r.stage_on,
    hold: held(r.number),
    plan: planned.has(r.number),
  }));
  const open = rows.filter((r) => r.status === 'open' && r.amount_minor !== r.paid);
  const owed = (list: InvoiceRow[]) => totalsByCurrency(list.map((r) => ({ currency: r.currency, minor: r.amount_minor - r.paid })));
  const overdue = owed(open.filter((r) => r.amount_minor - r.paid > 0 && daysOverdue(r.due_date, asOf) > 0));
  const balances = owed(open).map((m) => ({
    currency: m.currency,
    open: moneyJson(m.minor, m.currency),
    overdue: moneyJson(overdue.find((o) => o.currency === m.currency)?.minor ?? 0, m.currency),
  }));

  const history = loadHistories(db, asOf, id).get(id);
  const segment = segmentOf(history, policy.segments);
  const fees = (loadFees(db, id).get(id) ?? []).filter((f) => only === null || f.invoiceNumber === only);
  const decision = account ? planAccount(account, policy, asOf) : null;
  const next: ShowReport['next'] =
    decision === null
      ? { action: 'nothing', stage: null, reason: null }
      : 'letter' in decision
        ? { action: 'letter', stage: decision.letter.stage, reason: null }
        : 'flag' in decision
          ? { action: 'flag', stage: decision.flag.lines[0]?.stageAfter ?? null, reason: decision.flag.reason }
          : { action: 'skip', stage: null, reason: decision.skip.reason };

  return {
    asOf,
    customer,
    invoice: only,
    invoices,
    balances,
    holds: holds.map((h) => ({ id: h.id, invoice: h.invoice_number, reason: h.reason, placedOn: h.placed_on, until: h.until })),
    plan: standing && {
      id: standing.arrangement.id,
      state: standing.state,
      currency: standing.arrangement.currency,
      createdOn: standing.arrangement.createdOn,
      graceDays: standing.arrangement.graceDays,
      invoices: standing.arrangement.invoices,
      total: moneyJson(standing.schedule.reduce((s, i) => s + i.amount, 0), standing.arrangement.currency),
      paid: moneyJson(standing.paid, standing.arrangement.currency),
      installments: standing.schedule.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amount: moneyJson(i.amount, standing.arrangement.currency), paid: i.paid })),
      missedOn: standing.missedOn,
      completedOn: standing.completedOn,
    },
    segment: { id: segment?.id ?? null, ...historySummary(history), extraGraceDays: segment?.extraGraceDays ?? 0 },
    fees: fees.map((f) => ({ invoice: f.invoiceNumber, stage: f.stage, kind: f.kind, amount: moneyJson(f.minor, f.currency), description: f.description, chargedOn: f.chargedOn })),
    feeTotals: totalsByCurrency(fees.map((f) => ({ currency: f.currency, minor: f.minor }))).map((m) => moneyJson(m.minor, m.currency)),
    lastContactOn: account?.lastContactOn ?? lastContactOn(db, id),
    next,
    timeline: timelineOf(db, id, only),
  };
}
