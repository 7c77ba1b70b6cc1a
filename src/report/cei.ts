import { tenths } from './ratio.js';

/**
 * The Credit Research Foundation's collection effectiveness index:
 * CEI = (B + S/N - E) / (B + S/N - Ec) x 100, B the receivables before the first month, S the
 * credit sales of the N months, E and Ec the receivables and their current part at the end of
 * the last. Multiplied through by N, so S/N stays exact; rounded to 0.1. Null when nothing
 * was there to collect (the denominator is zero).
 */
export function cei(p: { beginning: number; sales: number; ending: number; endingCurrent: number; months?: number }): number | null {
  const n = BigInt(p.months ?? 1);
  const b = BigInt(p.beginning) * n;
  const s = BigInt(p.sales);
  return tenths((b + s - BigInt(p.ending) * n) * 100n, b + s - BigInt(p.endingCurrent) * n);
}

/** The published reference points: about 80% or more is strong, 50% or less is weak. */
export function ceiRating(value: number | null): 'strong' | 'fair' | 'weak' | null {
  if (value === null) return null;
  return value >= 80 ? 'strong' : value <= 50 ? 'weak' : 'fair';
}
