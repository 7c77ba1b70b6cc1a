import type { Customer, InvoiceState } from '../domain/account.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { totalsByCurrency, type Money } from '../domain/money.js';
import type { HandoffNotice, PlannedLetter } from '../domain/plan.js';
import { resolveBusiness, type Business, type BusinessConfig } from './business.js';

export type { Business, BusinessConfig } from './business.js';

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
  /** Open and late, but not what the letter's stage is about (a final notice lists them as "also open"). */
  alsoOpen: InvoiceLine[];
  credits: InvoiceLine[];
  total: number;
}

/**
 * A late fee, statutory interest or fixed compensation charged on an invoice (off by default),
 * with what it was worked out from, so each language's template can say it in its own words.
 */
export interface FeeLine {
  invoiceNumber: string;
  kind: 'fee' | 'interest' | 'compensation';
  /** The ledger's English description, e.g. "Late payment fee: 2.5% of £3,800.00". */
  description: string;
  currency: string;
  minor: number;
  /** A percentage fee's rate or the interest's annual rate, in basis points (use `{{percent rateBp}}`). */
  rateBp: number | null;
  /** The balance the rate applies to, in minor units. */
  baseMinor: number | null;
  /** Interest: the days it covers, up to `through`. */
  days: number | null;
  through: IsoDate | null;
  /** Statutory interest and compensation: the law that gives them (`uk` or `eu`), else null. */
  law: 'uk' | 'eu' | null;
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
  /** The person the letter is addressed to ("Dear Sam Patel,"), when the ledger names one. */
  contactName: string | null;
  invoices: InvoiceLine[];
  /** Open and late invoices the letter's stage is not about, listed apart. */
  alsoOpen: InvoiceLine[];
  credits: InvoiceLine[];
  thanks: InvoiceLine[];
  groups: CurrencyGroup[];
  totals: Money[];
  /** What the stage asks for: the invoices it is about and their charges, per currency ("also open" ones left out). */
  concernedTotals: Money[];
  invoiceCount: number;
  personalNote: string | null;
  /** Fees and interest itemised on this letter (empty unless the owner turned them on). */
  fees: FeeLine[];
  /** Totals of `fees` per currency. */
  feeTotals: Money[];
  /** What to pay per currency: the balance and the charges together. */
  toPay: Money[];
  /** The customer's payment plan, when the letter is about one. */
  plan: PlanView | null;
  /** A hand-off cover note's history of contacts (null in letters to the customer). */
  handoff: HandoffNotice | null;
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
  business: BusinessConfig,
  asOf: IsoDate,
  locale: string,
  personalNote: string | null = null,
): LetterContext {
  // The invoices the stage is about; the other late ones are listed apart as "also open".
  const invoices = letter.lines.filter((l) => !l.also).map((l) => line(l.invoice, asOf));
  const alsoOpen = letter.lines.filter((l) => l.also).map((l) => line(l.invoice, asOf));
  const fees: FeeLine[] = (letter.fees ?? []).map((f) => ({
    invoiceNumber: f.invoiceNumber,
    kind: f.kind,
    description: f.description,
    currency: f.currency,
    minor: f.minor,
    rateBp: f.basis?.rateBp ?? null,
    baseMinor: f.basis?.baseMinor ?? null,
    days: f.basis?.days ?? null,
    through: f.kind === 'interest' ? f.through : null,
    law: f.basis?.law ?? null,
  }));
  const feeTotals = totalsByCurrency(fees.map((f) => ({ currency: f.currency, minor: f.minor })));
  const credits = letter.credits.map((c) => line(c, asOf));
  const groups: CurrencyGroup[] = letter.total.map((t) => ({
    currency: t.currency,
    invoices: invoices.filter((i) => i.currency === t.currency),
    alsoOpen: alsoOpen.filter((i) => i.currency === t.currency),
    credits: credits.filter((i) => i.currency === t.currency),
    total: t.minor,
  }));
  const lang = locale.split('-')[0]!.toLowerCase();
  return {
    asOf,
    locale,
    stage: letter.stage,
    business: resolveBusiness(business, lang, letter.total.map((t) => t.currency)),
    customer,
    contactName: contactNameOf(customer),
    invoices,
    alsoOpen,
    credits,
    thanks: letter.thanks.map((t) => line(t, asOf)),
    groups,
    totals: letter.total,
    concernedTotals: concerned(invoices, fees),
    invoiceCount: invoices.length,
    personalNote,
    fees,
    feeTotals,
    toPay: toPay(letter.total, feeTotals),
    plan: letter.arrangement ?? null,
    handoff: letter.handoff ?? null,
  };
}

/** The balances of the invoices a letter's stage is about, with the charges on those invoices, per currency. */
function concerned(invoices: readonly InvoiceLine[], fees: readonly FeeLine[]): Money[] {
  const numbers = new Set(invoices.map((i) => i.number));
  return totalsByCurrency([
    ...invoices.map((i) => ({ currency: i.currency, minor: i.balance })),
    ...fees.filter((f) => numbers.has(f.invoiceNumber)).map((f) => ({ currency: f.currency, minor: f.minor })),
  ]);
}

/** The balance and the charges per currency (sorted by currency code, like the totals). */
export function toPay(totals: readonly Money[], feeTotals: readonly Money[]): Money[] {
  return totalsByCurrency([...totals, ...feeTotals]);
}

/** The customer's contact person (`customer set --contact-name`), if the ledger names one. */
function contactNameOf(customer: Customer): string | null {
  const name = customer.contactName;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
