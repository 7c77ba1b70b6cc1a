/** How the reports write their figures, the same on a terminal and in the HTML page. */

/** A ratio already rounded to 0.1 (CEI, DSO, days, percentages), or "-" when there is none. */
export const tenth = (v: number | null): string => (v === null ? '-' : v.toFixed(1));

/** Amounts per currency, never added across currencies: "1200.00 GBP, 300.00 EUR", or "-". */
export function moneyList(list: readonly { amount: string; currency: string }[]): string {
  // A loop: the customers report writes two of these for each of 52,000 rows.
  let text = '';
  for (let i = 0; i < list.length; i++) text += `${i > 0 ? ', ' : ''}${list[i]!.amount} ${list[i]!.currency}`;
  return text || '-';
}

/** The stage report's closing figure: how many accounts with a letter paid without a hand-off. */
export function curedWords(a: { cured: number; lettered: number; curedShare: number | null }): string | null {
  return a.curedShare === null ? null : `${a.cured} of ${a.lettered} accounts with a letter (${tenth(a.curedShare)}%) paid in full without a hand-off`;
}

/** Why the customers report of an earlier day has no next actions. */
export function pastDayWords(asOf: string): string {
  return `Stages are those reached by ${asOf}. Next actions are shown only for a day the ledger has not moved on from: it holds invoices, payments or letters dated after ${asOf}.`;
}

/**
 * What is said beside a period's CEI: its rating (with `reference`, the reference points, when
 * asked), or, for a value that has no rating, why: nothing was owed when the period began (a
 * ledger that starts in its first month), so the formula weighs one month's sales against what
 * every month left owing, and reads as weak however well customers pay. Empty without a value.
 */
export function periodCeiNote(p: { cei: number | null; rating: string | null }, from: string, reference = ''): string {
  if (p.rating) return `${p.rating}${reference}`;
  return p.cei === null ? '' : `not rated: nothing was owed at the start of ${from}, and the period's formula needs it; see the months`;
}
