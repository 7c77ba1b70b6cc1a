import type { Customer, InvoiceState } from '../domain/account.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { totalsByCurrency, type Money } from '../domain/money.js';
import type { PlannedLetter } from '../domain/plan.js';

export interface Business {
  name: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  paymentInstructions: string;
  signatory: string;
}

export interface InvoiceLine {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  daysOverdue: number;
  currency: string;
  amount: number;
  paid: number;
  balance: number;
}

export interface CurrencyGroup {
  currency: string;
  invoices: InvoiceLine[];
  credits: InvoiceLine[];
  total: number;
}

/** A late fee, statutory interest or fixed compensation charged on an invoice (off by default). */
export interface FeeLine {
  invoiceNumber: string;
  kind: 'fee' | 'interest' | 'compensation';
  /** Human description, e.g. "Interest at 12.00% a year from 2026-02-01 (29 days)". */
  description: string;
  currency: string;
  minor: number;
}

/** A payment plan as a letter shows it (confirmation, or a missed installment). */
export interface PlanView {
  installments: { seq: number; dueOn: IsoDate; currency: string; minor: number; paid: boolean }[];
  /** An installment was missed past its grace: dunning resumed where it stood. */
  missed: boolean;
}

/**
 * Everything a letter template may name. Every key is always present (null when empty) so that
 * strict mode catches misspellings without tripping over a customer who has no phone.
 */
export interface LetterContext {
  [key: string]: unknown;
  asOf: IsoDate;
  locale: string;
  stage: string;
  business: Business;
  customer: Customer;
  invoices: InvoiceLine[];
  credits: InvoiceLine[];
  thanks: InvoiceLine[];
  groups: CurrencyGroup[];
  totals: Money[];
  invoiceCount: number;
  personalNote: string | null;
  /** Fees and interest itemised on this letter (empty unless the owner turned them on). */
  fees: FeeLine[];
  /** Totals of `fees` per currency. */
  feeTotals: Money[];
  /** The customer's payment plan, when the letter is about one. */
  plan: PlanView | null;
}

function line(i: InvoiceState, asOf: IsoDate): InvoiceLine {
  return {
    number: i.number,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    daysOverdue: Math.max(0, daysOverdue(i.dueDate, asOf)),
    currency: i.currency,
    amount: i.amount,
    paid: i.paid,
    balance: i.balance,
  };
}

export function letterContext(
  letter: PlannedLetter,
  customer: Customer,
  business: Business,
  asOf: IsoDate,
  locale: string,
  personalNote: string | null = null,
): LetterContext {
  const invoices = letter.lines.map((l) => line(l.invoice, asOf));
  const fees: FeeLine[] = (letter.fees ?? []).map((f) => ({
    invoiceNumber: f.invoiceNumber,
    kind: f.kind,
    description: f.description,
    currency: f.currency,
    minor: f.minor,
  }));
  const credits = letter.credits.map((c) => line(c, asOf));
  const groups: CurrencyGroup[] = letter.total.map((t) => ({
    currency: t.currency,
    invoices: invoices.filter((i) => i.currency === t.currency),
    credits: credits.filter((i) => i.currency === t.currency),
    total: t.minor,
  }));
  return {
    asOf,
    locale,
    stage: letter.stage,
    business,
    customer,
    invoices,
    credits,
    thanks: letter.thanks.map((t) => line(t, asOf)),
    groups,
    totals: letter.total,
    invoiceCount: invoices.length,
    personalNote,
    fees,
    feeTotals: totalsByCurrency(fees.map((f) => ({ currency: f.currency, minor: f.minor }))),
    plan: letter.plan ?? null,
  };
}
