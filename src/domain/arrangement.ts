import { addDays, daysBetween, type IsoDate } from './dates.js';

/**
 * Payment plans: the customer pays by installments and, while they keep to them, the invoices
 * the plan covers are not chased. A promise to pay ("by Friday") is a plan of one installment.
 */
export interface Installment {
  seq: number;
  dueOn: IsoDate;
  /** Minor units of the plan's currency. */
  amount: number;
}

export type ArrangementStatus = 'active' | 'completed' | 'missed' | 'cancelled';

export interface Arrangement {
  id: number;
  customerId: string;
  currency: string;
  createdOn: IsoDate;
  /** Days after an installment's due date before it counts as missed. */
  graceDays: number;
  /** As last recorded in the ledger; `arrangementStanding` says what it is on a given day. */
  status: ArrangementStatus;
  closedOn: IsoDate | null;
  installments: Installment[];
  /** Invoice numbers the plan covers. */
  invoices: string[];
}

export const DEFAULT_ARRANGEMENT_GRACE_DAYS = 3;
export type Every = 'week' | 'fortnight' | 'month';

/** `date` plus `n` months, kept to the month's last day (31 January + 1 month = 28 February). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Splits `total` into `count` installments from `start`. Equal parts in whole minor units;
 * what does not divide evenly is added to the last installment, so the sum is exact.
 */
export function scheduleInstallments(total: number, count: number, every: Every, start: IsoDate): Installment[] {
  const part = Math.floor(total / count);
  return Array.from({ length: count }, (_, k) => ({
    seq: k + 1,
    dueOn: every === 'month' ? addMonths(start, k) : addDays(start, k * (every === 'week' ? 7 : 14)),
    amount: k === count - 1 ? total - part * (count - 1) : part,
  }));
}

export interface ArrangementStanding {
  arrangement: Arrangement;
  /** `kept`: dunning of the covered invoices pauses; `missed`: it resumes; `completed`: all paid. */
  state: 'kept' | 'missed' | 'completed' | 'cancelled';
  /** Paid towards the plan since it was arranged, up to the day asked about. */
  paid: number;
  schedule: { seq: number; dueOn: IsoDate; amount: number; paid: boolean }[];
  /** The first day the plan counted as missed (an installment's due date + grace + 1). */
  missedOn: IsoDate | null;
  /** The day the plan was completed. */
  completedOn: IsoDate | null;
}

/**
 * Where a plan stands on `asOf`. Payments on the covered invoices since the plan was arranged
 * pay the installments in order. An installment unpaid when its grace has run out is a missed
 * plan; a customer who caught up before anyone looked has kept it. A plan whose covered
 * invoices are settled, or whose installments are all paid, is completed.
 */
export function arrangementStanding(
  plan: Arrangement,
  payments: { on: IsoDate; amount: number }[],
  coveredBalance: number,
  asOf: IsoDate,
): ArrangementStanding {
  const counted = payments.filter((p) => p.on >= plan.createdOn && p.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const paid = counted.reduce((s, p) => s + p.amount, 0);
  let due = 0;
  const schedule = plan.installments.map((i) => {
    due += i.amount;
    return { seq: i.seq, dueOn: i.dueOn, amount: i.amount, paid: paid >= due };
  });
  const base = { arrangement: plan, paid, schedule, missedOn: null, completedOn: null };
  if (plan.status === 'cancelled') return { ...base, state: 'cancelled' };
  if (plan.status === 'completed') return { ...base, state: 'completed', completedOn: plan.closedOn };
  if (plan.status === 'missed') return { ...base, state: 'missed', missedOn: plan.closedOn };

  if (paid >= due || coveredBalance <= 0) {
    let running = 0;
    const last = counted.find((p) => (running += p.amount) >= due) ?? counted[counted.length - 1];
    return { ...base, state: 'completed', completedOn: last?.on ?? asOf };
  }
  const late = schedule.find((s) => !s.paid && daysBetween(s.dueOn, asOf) > plan.graceDays);
  if (late) return { ...base, state: 'missed', missedOn: addDays(late.dueOn, plan.graceDays + 1) };
  return { ...base, state: 'kept' };
}
