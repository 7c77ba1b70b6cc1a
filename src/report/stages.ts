import { toEpochDay, type IsoDate } from '../domain/dates.js';

/** A letter (or a hand-off flag) and the invoices it named, each with the stage it stood at after. */
export interface StageContact {
  id: number;
  customerId: string;
  on: IsoDate;
  stage: string;
  invoices: { number: string; stage: string }[];
}

/** An invoice a letter named: what it was for, and when each part of it was paid. */
export interface CoveredInvoice {
  number: string;
  currency: string;
  amount: number;
  /** Amounts paid, each with the day it counts from (what an export said was paid: its import's day). */
  paid: { on: IsoDate; minor: number }[];
}

export interface StageOutcome {
  stage: string;
  letters: number;
  invoices: number;
  paidWithin14Days: { count: number; amount: { currency: string; minor: number }[] };
  paidBeforeNextStage: { count: number; amount: { currency: string; minor: number }[] };
  medianDaysToPay: number | null;
}

export interface StagesReport {
  stages: StageOutcome[];
  /** Customers who had a letter: how many paid everything it named without being handed off. */
  accounts: { lettered: number; cured: number; handedOff: number; curedShare: number | null };
}

const WITHIN = 14;

/** The epoch day an invoice was first paid in full, and what it still owed on a given day. */
function settlement(inv: CoveredInvoice): { settledOn: number | null; owedOn: (day: number) => number } {
  const paid = inv.paid.map((p) => ({ day: toEpochDay(p.on), minor: p.minor })).sort((a, b) => a.day - b.day);
  let running = 0;
  let settledOn: number | null = null;
  for (const p of paid) {
    running += p.minor;
    if (settledOn === null && inv.amount > 0 && running >= inv.amount) settledOn = p.day;
  }
  const owedOn = (day: number) => inv.amount - paid.reduce((s, p) => (p.day <= day ? s + p.minor : s), 0);
  return { settledOn, owedOn };
}

function addAmount(list: { currency: string; minor: number }[], currency: string, minor: number): void {
  const m = list.find((x) => x.currency === currency);
  if (m) m.minor += minor;
  else list.push({ currency, minor });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * What each stage's letters collected: paid in full within 14 days of the letter, and before
 * the invoice's next stage (or at all, when none came), with the balance the letter found;
 * the median days from letter to payment. `ladder` orders the stages; `handoff` names the
 * stages that hand an account over; other stages are left out. Contacts come in the order
 * they were made.
 */
export function stageOutcomes(contacts: StageContact[], invoices: Map<string, CoveredInvoice>, ladder: string[], handoff: ReadonlySet<string>): StagesReport {
  const rows = new Map<string, StageOutcome & { days: number[] }>();
  const row = (stage: string) => {
    let r = rows.get(stage);
    if (!r) rows.set(stage, (r = { stage, letters: 0, invoices: 0, paidWithin14Days: { count: 0, amount: [] }, paidBeforeNextStage: { count: 0, amount: [] }, medianDaysToPay: null, days: [] }));
    return r;
  };
  const settled = new Map([...invoices.values()].map((i) => [i.number, settlement(i)]));
  // Each invoice's contacts in order, to find the next stage after a letter.
  const namings = new Map<string, { on: number; stage: string }[]>();
  // Only the ladder's stages: a plan confirmation or a thank-you is no step of collection.
  const onLadder = new Set(ladder);
  contacts = contacts
    .filter((c) => onLadder.has(c.stage))
    .map((c) => ({ ...c, invoices: c.invoices.filter((n) => onLadder.has(n.stage)) }));
  for (const c of contacts) for (const n of c.invoices) {
    let list = namings.get(n.number);
    if (!list) namings.set(n.number, (list = []));
    list.push({ on: toEpochDay(c.on), stage: n.stage });
  }
  const lettered = new Set<string>();
  const handedOff = new Set<string>();
  const unpaid = new Set<string>();
  for (const c of contacts) {
    const day = toEpochDay(c.on);
    row(c.stage).letters += 1;
    if (handoff.has(c.stage)) handedOff.add(c.customerId);
    else lettered.add(c.customerId);
    for (const n of c.invoices) {
      const inv = invoices.get(n.number);
      const s = settled.get(n.number);
      if (!inv || !s) continue;
      const r = row(n.stage);
      r.invoices += 1;
      if (s.settledOn === null) unpaid.add(c.customerId);
      if (s.settledOn === null || s.settledOn < day) continue;
      const owed = s.owedOn(day - 1);
      const after = s.settledOn - day;
      r.days.push(after);
      if (after <= WITHIN) {
        r.paidWithin14Days.count += 1;
        addAmount(r.paidWithin14Days.amount, inv.currency, owed);
      }
      const next = namings.get(n.number)!.find((x) => x.on > day && x.stage !== n.stage);
      if (next === undefined || s.settledOn < next.on) {
        r.paidBeforeNextStage.count += 1;
        addAmount(r.paidBeforeNextStage.amount, inv.currency, owed);
      }
    }
  }
  const order = (s: string) => (ladder.indexOf(s) < 0 ? ladder.length : ladder.indexOf(s));
  const stages = [...rows.values()]
    .sort((a, b) => order(a.stage) - order(b.stage) || (a.stage < b.stage ? -1 : 1))
    .map(({ days, ...r }) => ({
      ...r,
      paidWithin14Days: { ...r.paidWithin14Days, amount: r.paidWithin14Days.amount.sort((a, b) => (a.currency < b.currency ? -1 : 1)) },
      paidBeforeNextStage: { ...r.paidBeforeNextStage, amount: r.paidBeforeNextStage.amount.sort((a, b) => (a.currency < b.currency ? -1 : 1)) },
      medianDaysToPay: median(days),
    }));
  const all = new Set([...lettered, ...handedOff]);
  const cured = [...all].filter((c) => !handedOff.has(c) && !unpaid.has(c)).length;
  return {
    stages,
    accounts: { lettered: all.size, cured, handedOff: handedOff.size, curedShare: all.size === 0 ? null : Math.round((cured * 1000) / all.size) / 10 },
  };
}
