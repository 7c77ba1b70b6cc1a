import type { InvoiceState } from './account.js';
import { daysBetween, daysOverdue, type IsoDate } from './dates.js';
import { stageIndex, type Policy } from './policy.js';

/**
 * The account ladder. Each invoice remembers the last stage a letter took it to; the account
 * stands at the highest of those among the invoices being chased. The account's next letter is
 * one step above that, so a customer's letters never go down while that invoice is open, and a
 * newer invoice joins the account's letter instead of restarting the ladder.
 */

/** A late invoice: past its due date (due today is not late). */
export function isLate(invoice: InvoiceState, asOf: IsoDate): boolean {
  return daysOverdue(invoice.dueDate, asOf) > 0;
}

/** Where the account stands: the highest stage any chased invoice has reached, -1 before any letter. */
export function accountStanding(chased: readonly InvoiceState[], policy: Policy): number {
  let top = -1;
  for (const i of chased) top = Math.max(top, stageIndex(policy, i.stage));
  return top;
}

/**
 * The account's next step: one above where it stands. A stage before the due date (courtesy)
 * is skipped once anything is late: a heads-up that says "nothing is late" would not be true.
 */
export function accountNextIndex(standing: number, chased: readonly InvoiceState[], policy: Policy, asOf: IsoDate): number {
  let k = standing + 1;
  let late = false;
  for (const i of chased) if (isLate(i, asOf)) late = true;
  while (k < policy.stages.length && policy.stages[k]!.daysFromDue < 0 && late) k++;
  return k;
}

/** The invoice's own next step: one past its stage; a courtesy heads-up only before its due date. */
export function ownNextIndex(invoice: InvoiceState, policy: Policy, asOf: IsoDate): number {
  const days = daysOverdue(invoice.dueDate, asOf);
  let i = stageIndex(policy, invoice.stage) + 1;
  while (i < policy.stages.length && policy.stages[i]!.daysFromDue < 0 && days >= 0) i++;
  return i;
}

/**
 * An invoice is ready for the stage at `index` when the stage's day has come (overdue stages
 * after `graceDays` more) and its own last letter is at least the stage's interval back.
 */
export function readyFor(invoice: InvoiceState, policy: Policy, asOf: IsoDate, index: number, graceDays: number): boolean {
  const stage = policy.stages[index];
  if (!stage) return false;
  const days = daysOverdue(invoice.dueDate, asOf);
  if (stage.daysFromDue < 0 && days >= 0) return false;
  const dueDay = stage.daysFromDue + (stage.daysFromDue >= 0 ? graceDays : 0);
  if (days < dueDay) return false;
  return invoice.stageOn === null || daysBetween(invoice.stageOn, asOf) >= stage.minDaysSinceLastContact;
}

/** The stages an invoice would jump over to reach `index` (the engine climbs one at a time). */
export function stagesSkipped(invoice: InvoiceState, policy: Policy, asOf: IsoDate, index: number): string[] {
  return policy.stages.slice(ownNextIndex(invoice, policy, asOf), index).map((s) => s.id);
}
