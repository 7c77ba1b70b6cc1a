/**
 * Ratios of money rounded to 0.1, exactly: numerator and denominator are BigInt (a million
 * invoices' receivables times days times ten outgrows a double's integers), and a half tenth
 * rounds away from zero, as an accountant rounds by hand.
 */
export function tenths(numerator: bigint, denominator: bigint): number | null {
  if (denominator === 0n) return null;
  let n = numerator * 10n;
  let d = denominator;
  if (d < 0n) [n, d] = [-n, -d];
  const negative = n < 0n;
  const a = negative ? -n : n;
  const rounded = (2n * a + d) / (2n * d);
  return Number(negative ? -rounded : rounded) / 10;
}
