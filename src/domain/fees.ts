import type { InvoiceState } from './account.js';
import { daysBetween, type IsoDate } from './dates.js';
import { formatMoney } from './money.js';

/**
 * Late fees and statutory interest: off unless the owner configures them. All amounts are whole
 * minor units computed with integers (BigInt where products can grow past 2^53). The rounding
 * rule: every percentage and every interest charge is rounded DOWN to the minor unit, once per
 * charge (never per day), so a customer is never charged a fraction more than the rate allows.
 */
export interface StageFee {
  /** A fixed fee per currency, in minor units; a currency not listed is not charged. */
  fixed: Record<string, number> | null;
  /** A percentage of the invoice's open balance, in basis points (2.5% = 250). */
  percentBp: number | null;
}

export interface StatutoryInterest {
  /** `uk`: Late Payment of Commercial Debts (Interest) Act 1998; `eu`: Directive 2011/7/EU. */
  regime: 'uk' | 'eu';
  /** Bank of England base rate (uk) or ECB reference rate (eu), in basis points; 8 points are added. */
  referenceRateBp: number;
  /** Interest (and compensation) are first charged with the letter of this stage, then with each later one. */
  fromStage: string;
  /** Charge the fixed compensation (uk: £40 / £70 / £100 by debt size, GBP only; eu: €40, EUR only). */
  compensation: boolean;
}

export interface FeePolicy {
  /** Per stage id. */
  stages: Record<string, StageFee>;
  statutory: StatutoryInterest | null;
}

export type FeeKind = 'fee' | 'interest' | 'compensation';

/** A charge on an invoice, made with the letter of `stage`. */
export interface ChargedFee {
  invoiceNumber: string;
  stage: string;
  kind: FeeKind;
  currency: string;
  minor: number;
  description: string;
  chargedOn: IsoDate;
  /** Interest: the last day it covers. */
  through: IsoDate | null;
  /** What the charge was worked out from, so a letter can say it in its own language. */
  basis?: FeeBasis;
}

/** A percentage fee: rate and balance; interest: annual rate, balance and days to `through`. */
export interface FeeBasis {
  /** The percentage fee's rate, or the interest's annual rate, in basis points. */
  rateBp: number | null;
  /** The balance (minor units) the rate was applied to. */
  baseMinor: number | null;
  /** Interest: the days it covers. */
  days: number | null;
  /** Statutory interest and compensation: the law that gives them. */
  law: 'uk' | 'eu' | null;
}

export const STATUTORY_POINTS_BP = 800;

const NO_BASIS: FeeBasis = { rateBp: null, baseMinor: null, days: null, law: null };

/** "8", "4.25" (percent, at most two decimals) as basis points; null when it is not one. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 250 -> "2.5%", 1225 -> "12.25%", 800 -> "8%": as a person writes a rate. */
export function formatPercent(bp: number): string {
  const decimals = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${Math.floor(bp / 100)}${decimals ? `.${decimals}` : ''}%`;
}

/** `minor × bp ÷ 10000`, rounded down. */
export function percentOf(minor: number, bp: number): number {
  return Number((BigInt(minor) * BigInt(bp)) / 10000n);
}

/** Simple interest for `days` at `annualBp` a year, on a 365-day year, rounded down. */
export function simpleInterest(minor: number, annualBp: number, days: number): number {
  if (minor <= 0 || days <= 0) return 0;
  return Number((BigInt(minor) * BigInt(annualBp) * BigInt(days)) / (10000n * 365n));
}

/** Fixed compensation in minor units for a debt, or null where the regime names none for its currency. */
export function statutoryCompensation(regime: 'uk' | 'eu', currency: string, debtMinor: number): number | null {
  if (regime === 'uk') {
    if (currency !== 'GBP') return null;
    return debtMinor < 100_000 ? 4_000 : debtMinor < 1_000_000 ? 7_000 : 10_000;
  }
  return currency === 'EUR' ? 4_000 : null;
}

/**
 * The charges an invoice takes as it climbs to `stage` with a letter on `asOf`: the stage's fee,
 * and, from the statutory stage on, interest since the due date (or since the last interest
 * charged) and the compensation once. Nothing already charged for this invoice and stage is
 * charged again.
 */
export function chargesFor(
  invoice: InvoiceState,
  stage: string,
  atOrAfterStatutory: boolean,
  fees: FeePolicy | null | undefined,
  earlier: readonly ChargedFee[],
  asOf: IsoDate,
): ChargedFee[] {
  if (!fees || invoice.balance <= 0) return [];
  const mine = earlier.filter((f) => f.invoiceNumber === invoice.number);
  const has = (kind: FeeKind, atStage: string | null) => mine.some((f) => f.kind === kind && (atStage === null || f.stage === atStage));
  const { currency, balance } = invoice;
  const money = (m: number) => formatMoney(m, currency);
  const charge = (kind: FeeKind, minor: number, description: string, basis: FeeBasis = NO_BASIS, through: IsoDate | null = null): ChargedFee => ({
    invoiceNumber: invoice.number,
    stage,
    kind,
    currency,
    minor,
    description,
    chargedOn: asOf,
    through,
    basis,
  });
  const out: ChargedFee[] = [];

  const fee = fees.stages[stage];
  if (fee && !has('fee', stage)) {
    if (fee.fixed && fee.fixed[currency] !== undefined && fee.fixed[currency]! > 0) {
      out.push(charge('fee', fee.fixed[currency]!, 'Late payment fee'));
    } else if (fee.percentBp !== null && fee.percentBp > 0) {
      const minor = percentOf(balance, fee.percentBp);
      if (minor > 0) out.push(charge('fee', minor, `Late payment fee: ${formatPercent(fee.percentBp)} of ${money(balance)}`, { ...NO_BASIS, rateBp: fee.percentBp, baseMinor: balance }));
    }
  }

  const s = fees.statutory;
  if (s && atOrAfterStatutory) {
    if (!has('interest', stage)) {
      const last = mine.filter((f) => f.kind === 'interest' && f.through !== null).map((f) => f.through!).sort().pop();
      const from = last ?? invoice.dueDate;
      const days = daysBetween(from, asOf);
      const rate = s.referenceRateBp + STATUTORY_POINTS_BP;
      const minor = simpleInterest(balance, rate, days);
      if (minor > 0) {
        const basis = s.regime === 'uk' ? 'Bank of England base rate' : 'ECB reference rate';
        out.push(
          charge(
            'interest',
            minor,
            `Statutory interest at ${formatPercent(rate)} a year (${basis} ${formatPercent(s.referenceRateBp)} + 8%) on ${money(balance)} for ${days} day${days === 1 ? '' : 's'} to ${asOf}`,
            { rateBp: rate, baseMinor: balance, days, law: s.regime },
            asOf,
          ),
        );
      }
    }
    if (s.compensation && !has('compensation', null)) {
      const minor = statutoryCompensation(s.regime, currency, balance);
      if (minor !== null) {
        const law = s.regime === 'uk' ? 'Late Payment of Commercial Debts (Interest) Act 1998' : 'Directive 2011/7/EU';
        out.push(charge('compensation', minor, `Fixed compensation for late payment (${law})`, { ...NO_BASIS, law: s.regime }));
      }
    }
  }
  return out;
}
