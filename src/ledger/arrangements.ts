import type { IsoDate } from '../domain/dates.js';
import { moneyJson } from '../domain/money.js';
import { arrangementStanding, type Installment, type Arrangement, type ArrangementStanding, type ArrangementStatus } from '../domain/arrangement.js';
import type { EventLog } from './events.js';
import type { Ledger } from './open.js';
import { paidSql } from './payments.js';

interface PlanRow {
  id: number;
  customer_id: string;
  currency: string;
  created_on: string;
  grace_days: number;
  status: ArrangementStatus;
  closed_on: string | null;
}

/**
 * Each customer's current payment plan (active, or the latest if it was missed: its letter must
 * still say so) and where it stands on `asOf`. A fixed number of queries, whatever the number
 * of customers.
 */
/** Whether an arrangement was ever agreed with the customer, whatever became of it. */
export function hasArrangement(db: Ledger, customerId: string): boolean {
  return db.prepare('SELECT 1 FROM plans WHERE customer_id = ? LIMIT 1').get(customerId) !== undefined;
}

export function loadArrangementStandings(db: Ledger, asOf: IsoDate, onlyCustomer?: string): Map<string, ArrangementStanding> {
  const customer = onlyCustomer === undefined ? '' : 'AND p.customer_id = @customer';
  const current = `SELECT p.* FROM plans p
     WHERE (p.status = 'active' OR (p.status = 'missed' AND p.id = (SELECT MAX(q.id) FROM plans q WHERE q.customer_id = p.customer_id)))
     ${customer}`;
  const params = { customer: onlyCustomer, asOf };
  const plans = db.prepare(current).all(params) as PlanRow[];
  if (plans.length === 0) return new Map();
  const installments = db
    .prepare(`SELECT i.plan_id, i.seq, i.due_on, i.amount_minor FROM installments i JOIN (${current}) p ON p.id = i.plan_id ORDER BY i.plan_id, i.seq`)
    .all(params) as { plan_id: number; seq: number; due_on: string; amount_minor: number }[];
  const covered = db
    .prepare(
      `SELECT pi.plan_id, pi.invoice_number,
              i.amount_minor - ${paidSql()} AS balance
       FROM plan_invoices pi JOIN (${current}) p ON p.id = pi.plan_id JOIN invoices i ON i.number = pi.invoice_number`,
    )
    .all(params) as { plan_id: number; invoice_number: string; balance: number }[];
  const payments = db
    .prepare(
      `SELECT pi.plan_id, pay.paid_on, pay.amount_minor FROM plan_invoices pi JOIN (${current}) p ON p.id = pi.plan_id
       JOIN payments pay ON pay.invoice_number = pi.invoice_number
       WHERE pay.paid_on >= p.created_on AND pay.paid_on <= @asOf`,
    )
    .all(params) as { plan_id: number; paid_on: string; amount_minor: number }[];

  const out = new Map<string, ArrangementStanding>();
  for (const r of plans) {
    const plan: Arrangement = {
      id: r.id,
      customerId: r.customer_id,
      currency: r.currency,
      createdOn: r.created_on,
      graceDays: r.grace_days,
      status: r.status,
      closedOn: r.closed_on,
      installments: installments.filter((i) => i.plan_id === r.id).map((i) => ({ seq: i.seq, dueOn: i.due_on, amount: i.amount_minor })),
      invoices: covered.filter((c) => c.plan_id === r.id).map((c) => c.invoice_number),
    };
    const balance = covered.filter((c) => c.plan_id === r.id).reduce((s, c) => s + c.balance, 0);
    const paid = payments.filter((p) => p.plan_id === r.id).map((p) => ({ on: p.paid_on, amount: p.amount_minor }));
    const standing = arrangementStanding(plan, paid, balance, asOf);
    // An active plan takes precedence over the memory of a missed one.
    if (!out.has(r.customer_id) || r.status === 'active') out.set(r.customer_id, standing);
  }
  return out;
}

export interface NewArrangement {
  customerId: string;
  currency: string;
  on: IsoDate;
  graceDays: number;
  installments: Installment[];
  invoices: string[];
}

/** Records a plan with its installments and covered invoices; returns its id. Inside a write transaction. */
export function createArrangement(db: Ledger, events: EventLog, p: NewArrangement): number {
  const id = Number(
    db.prepare('INSERT INTO plans (customer_id, currency, created_on, grace_days) VALUES (?, ?, ?, ?)').run(p.customerId, p.currency, p.on, p.graceDays)
      .lastInsertRowid,
  );
  const inst = db.prepare('INSERT INTO installments (plan_id, seq, due_on, amount_minor) VALUES (?, ?, ?, ?)');
  for (const i of p.installments) inst.run(id, i.seq, i.dueOn, i.amount);
  const cover = db.prepare('INSERT INTO plan_invoices (plan_id, invoice_number) VALUES (?, ?)');
  for (const n of p.invoices) cover.run(id, n);
  events.append({
    kind: 'plan',
    customerId: p.customerId,
    data: {
      plan: id,
      on: p.on,
      graceDays: p.graceDays,
      invoices: p.invoices,
      installments: p.installments.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amount: moneyJson(i.amount, p.currency) })),
      total: moneyJson(p.installments.reduce((s, i) => s + i.amount, 0), p.currency),
    },
  });
  return id;
}

/** Ends a plan (completed, missed, cancelled) with an event naming the day. */
export function closeArrangement(db: Ledger, events: EventLog, plan: Arrangement, status: Exclude<ArrangementStatus, 'active'>, on: IsoDate, reason: string | null = null): void {
  db.prepare('UPDATE plans SET status = ?, closed_on = ? WHERE id = ?').run(status, on, plan.id);
  events.append({
    kind: `plan-${status}`,
    customerId: plan.customerId,
    data: { plan: plan.id, on, reason },
  });
}

/**
 * Records what the plans have become by `asOf`: a completed plan closes itself, a missed one
 * is closed so that dunning resumes (and its next letter says why). Returns the changes.
 */
export function settleArrangements(db: Ledger, events: EventLog, asOf: IsoDate, onlyCustomer?: string): { customerId: string; state: 'missed' | 'completed' }[] {
  const changed: { customerId: string; state: 'missed' | 'completed' }[] = [];
  for (const s of loadArrangementStandings(db, asOf, onlyCustomer).values()) {
    if (s.arrangement.status !== 'active') continue;
    if (s.state === 'completed') closeArrangement(db, events, s.arrangement, 'completed', s.completedOn ?? asOf);
    else if (s.state === 'missed') closeArrangement(db, events, s.arrangement, 'missed', s.missedOn ?? asOf, 'an installment was not paid within its grace');
    else continue;
    changed.push({ customerId: s.arrangement.customerId, state: s.state });
  }
  return changed;
}
