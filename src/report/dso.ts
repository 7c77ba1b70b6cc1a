import { tenths } from './ratio.js';

/** A month's credit sales and the days it had (or has had so far). */
export interface SalesMonth {
  sales: number;
  days: number;
}

/** An exact number of days: whole days plus a fraction. */
interface Days {
  whole: bigint;
  numerator: bigint;
  denominator: bigint;
}

/**
 * Countback DSO: from the receivables, take away each month's sales, newest month first, and
 * count its days; the month only partly covered adds receivables left / its sales x its days.
 * `months` is newest first. Null when the sales run out before the receivables do.
 */
function countback(receivables: number, months: SalesMonth[]): Days | null {
  let left = BigInt(receivables);
  let whole = 0n;
  if (left <= 0n) return { whole, numerator: 0n, denominator: 1n };
  for (const m of months) {
    const sales = BigInt(Math.max(0, m.sales));
    if (left > sales) {
      left -= sales;
      whole += BigInt(m.days);
    } else return { whole, numerator: left * BigInt(m.days), denominator: sales };
  }
  return null;
}

export interface DsoFigures {
  dso: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
}

/**
 * DSO by countback, best possible DSO (current receivables / the month's sales x its days) and
 * average days delinquent (the difference, computed exactly and then rounded), each to 0.1.
 */
export function dsoFigures(p: { ending: number; endingCurrent: number; months: SalesMonth[] }): DsoFigures {
  const c = countback(p.ending, p.months);
  const month = p.months[0];
  const salesNow = BigInt(Math.max(0, month?.sales ?? 0));
  const dso = c === null ? null : tenths(c.whole * c.denominator + c.numerator, c.denominator);
  if (month === undefined || salesNow === 0n) return { dso, bestPossibleDso: null, averageDaysDelinquent: null };
  const bestNum = BigInt(Math.max(0, p.endingCurrent)) * BigInt(month.days);
  const best = tenths(bestNum, salesNow);
  if (c === null) return { dso, bestPossibleDso: best, averageDaysDelinquent: null };
  // DSO - best = (whole + num/den) - bestNum/sales, over den x sales.
  const add = tenths((c.whole * c.denominator + c.numerator) * salesNow - bestNum * c.denominator, c.denominator * salesNow);
  return { dso, bestPossibleDso: best, averageDaysDelinquent: add };
}
