import fc from 'fast-check';
import type { Account, InvoiceState } from '../../src/domain/account.js';
import { addDays, daysBetween, daysOverdue, type IsoDate } from '../../src/domain/dates.js';
import { planRun, type Flag, type PlannedLetter, type RunPlan } from '../../src/domain/plan.js';
import { stageIndex, THANK_YOU, type Policy } from '../../src/domain/policy.js';

/**
 * An in-memory book: what the ledger would hold after applying each plan the way `run` does
 * (each named invoice takes the line's stage on the letter's day, a letter is a contact, a
 * thank-you marks its invoices thanked). The planner under test is the real, pure one.
 */
export interface ModelInvoice extends InvoiceState {}

export interface ModelCustomer {
  id: string;
  hold: boolean;
  lastContactOn: IsoDate | null;
}

export type Action =
  | { kind: 'days'; n: number }
  | { kind: 'pay'; invoice: number; full: boolean }
  | { kind: 'import'; customer: number; dueIn: number; amount: number }
  | { kind: 'hold'; customer: number }
  | { kind: 'release'; customer: number }
  | { kind: 'note'; customer: number };

export interface Scenario {
  customers: number;
  invoices: { customer: number; dueIn: number; amount: number }[];
  actions: Action[];
}

export const START: IsoDate = '2026-03-02';

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  customers: fc.integer({ min: 1, max: 3 }),
  invoices: fc.array(fc.record({ customer: fc.nat(2), dueIn: fc.integer({ min: -90, max: 40 }), amount: fc.integer({ min: 1, max: 500000 }) }), { minLength: 1, maxLength: 6 }),
  actions: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 12 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), invoice: fc.nat(20), full: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('import' as const), customer: fc.nat(2), dueIn: fc.integer({ min: -20, max: 40 }), amount: fc.integer({ min: 1, max: 500000 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('hold' as const), customer: fc.nat(2) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), customer: fc.nat(2) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), customer: fc.nat(2) }) },
    ),
    { minLength: 5, maxLength: 40 },
  ),
});

/** A letter or flag as the customer's history shows it: its stage and the invoices it was about. */
export interface Sent {
  day: IsoDate;
  customerId: string;
  stage: string;
  about: string[];
}

export class ModelBook {
  day: IsoDate = START;
  readonly customers: ModelCustomer[] = [];
  readonly invoices: ModelInvoice[] = [];
  readonly sent: Sent[] = [];

  constructor(readonly policy: Policy, s: Scenario) {
    for (let c = 0; c < s.customers; c++) this.customers.push({ id: `c${c}`, hold: false, lastContactOn: null });
    for (const i of s.invoices) this.add(i.customer, i.dueIn, i.amount);
  }

  add(customer: number, dueIn: number, amount: number): void {
    const c = this.customers[customer % this.customers.length]!;
    const dueDate = addDays(this.day, dueIn);
    const n = this.invoices.length + 1;
    this.invoices.push({
      number: `I-${String(n).padStart(3, '0')}`, customerId: c.id, issueDate: addDays(dueDate, -30), dueDate, currency: 'GBP',
      amount, paid: 0, balance: amount, stage: null, stageOn: null, thanked: false, hold: false,
    });
  }

  /** The accounts as `loadAccounts` would give them: open invoices, and paid ones not yet thanked. */
  accounts(): Account[] {
    return this.customers
      .map((c) => ({
        customer: { id: c.id, name: c.id, email: `${c.id}@example.com`, language: null, address: null, phone: null },
        invoices: this.invoices
          .filter((i) => i.customerId === c.id && (i.balance !== 0 || (i.stage !== null && !i.thanked)))
          .map((i) => ({ ...i })),
        lastContactOn: c.lastContactOn,
        hold: c.hold,
      }))
      .filter((a) => a.invoices.length > 0);
  }

  plan(): RunPlan {
    return planRun(this.accounts(), this.policy, this.day);
  }

  /** Applies a plan as `run` records it. */
  apply(plan: RunPlan): void {
    for (const letter of plan.letters) this.record(letter);
    for (const flag of plan.flagged) if (flag.reason === 'handoff') this.record(flag);
  }

  private record(x: PlannedLetter | Flag): void {
    const letter = 'stage' in x ? x : null;
    for (const line of x.lines) {
      const i = this.invoice(line.invoice.number);
      if (line.stageAfter !== null) [i.stage, i.stageOn] = [line.stageAfter, this.day];
    }
    for (const t of letter?.thanks ?? []) this.invoice(t.number).thanked = true;
    const customer = this.customers.find((c) => c.id === x.customerId)!;
    if (letter && letter.stage !== THANK_YOU) customer.lastContactOn = this.day;
    this.sent.push({ day: this.day, customerId: x.customerId, stage: letter ? letter.stage : 'handoff', about: x.lines.filter((l) => !l.also).map((l) => l.invoice.number) });
  }

  invoice(number: string): ModelInvoice {
    return this.invoices.find((i) => i.number === number)!;
  }

  act(a: Action): void {
    if (a.kind === 'days') this.day = addDays(this.day, a.n);
    else if (a.kind === 'import') this.add(a.customer, a.dueIn, a.amount);
    else if (a.kind === 'pay') {
      const i = this.invoices[a.invoice % this.invoices.length]!;
      const amount = a.full ? i.balance : Math.floor(i.balance / 2);
      i.paid += amount;
      i.balance -= amount;
    } else {
      const c = this.customers[a.customer % this.customers.length]!;
      if (a.kind === 'hold') c.hold = true;
      if (a.kind === 'release') c.hold = false;
      if (a.kind === 'note') c.lastContactOn = this.day;
    }
  }

  /** The stage of the last letter or flag that was about an invoice still owed, if any. */
  standingOf(customerId: string): number {
    let top = -1;
    for (const s of this.sent) {
      if (s.customerId !== customerId || s.stage === THANK_YOU) continue;
      if (s.about.some((n) => this.invoice(n).balance > 0)) top = Math.max(top, stageIndex(this.policy, s.stage));
    }
    return top;
  }

  lateOwed(customerId: string): string[] {
    return this.invoices.filter((i) => i.customerId === customerId && i.balance > 0 && daysOverdue(i.dueDate, this.day) > 0).map((i) => i.number);
  }

  daysSinceContact(customerId: string): number | null {
    const on = this.customers.find((c) => c.id === customerId)!.lastContactOn;
    return on === null ? null : daysBetween(on, this.day);
  }
}
