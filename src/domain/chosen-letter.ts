import type { Account, InvoiceState } from './account.js';
import { daysOverdue, type IsoDate } from './dates.js';
import { accountStanding, isLate, ownNextIndex, stagesSkipped } from './ladder.js';
import { accountPolicy, chasedInvoices, composeLetter, planAccount, thanksDue, thankYouLetter, type PlannedLetter } from './plan.js';
import { stageIndex, THANK_YOU, type Policy } from './policy.js';

/**
 * Letters at a stage the accountant chooses (`draft`). They are composed by the same functions
 * as `run`'s (lines, channel, fees, thanks), so the desk and `run` write the same letter for the
 * same choice; only the stage is the accountant's, and never one below where the account stands.
 */

/** A stage the accountant may choose for a letter, and what choosing it means. */
export interface StageOption {
  stage: string;
  letter: PlannedLetter;
  /** Stages this letter jumps over for at least one invoice (the engine climbs one at a time). */
  skips: { invoice: string; from: string | null; skipped: string[] }[];
}

/**
 * The invoices a letter at the stage `index` is about: for a courtesy note, what falls due
 * soon (and only while nothing is late); otherwise the late invoices furthest up the ladder.
 */
function chosenStep(account: Account, policy: Policy, asOf: IsoDate, index: number): { index: number; subjects: InvoiceState[] } | null {
  const stage = policy.stages[index];
  if (!stage || stage.action !== 'letter') return null;
  const chased = chasedInvoices(account, policy);
  if (index < accountStanding(chased, policy)) return null;
  if (stage.daysFromDue < 0) {
    if (chased.some((i) => isLate(i, asOf))) return null;
    const soon = chased.filter((i) => daysOverdue(i.dueDate, asOf) < 0 && stageIndex(policy, i.stage) < index);
    return soon.length > 0 ? { index, subjects: soon } : null;
  }
  const late = chased.filter((i) => isLate(i, asOf));
  const top = accountStanding(late, policy);
  const subjects = late.filter((i) => stageIndex(policy, i.stage) === top);
  return subjects.length > 0 ? { index, subjects } : null;
}

/**
 * The letter at the chosen stage: the engine's own proposal when it is that stage, else the
 * letter composed the engine's way for it. Null when the stage has nothing to say today.
 */
export function letterAt(account: Account, basePolicy: Policy, asOf: IsoDate, stageId: string): PlannedLetter | null {
  const decision = planAccount(account, basePolicy, asOf);
  if (decision && 'letter' in decision && decision.letter.stage === stageId) return decision.letter;
  const { policy, graceDays } = accountPolicy(account, basePolicy);
  if (stageId === THANK_YOU) {
    const thanks = thanksDue(account, policy);
    return thanks.length > 0 ? thankYouLetter(account, policy, thanks) : null;
  }
  const step = chosenStep(account, policy, asOf, stageIndex(policy, stageId));
  if (!step) return null;
  const composed = composeLetter(account, policy, asOf, step, graceDays);
  return composed !== 'below-minimum' && 'letter' in composed ? composed.letter : null;
}

/** The stages a letter to this account could be written at today, in ladder order, thanks last. */
export function stageOptions(account: Account, basePolicy: Policy, asOf: IsoDate): StageOption[] {
  const { policy } = accountPolicy(account, basePolicy);
  const options: StageOption[] = [];
  for (const [index, stage] of policy.stages.entries()) {
    const letter = letterAt(account, basePolicy, asOf, stage.id);
    if (!letter) continue;
    const skips = letter.lines
      .filter((l) => l.climbs && !l.also && ownNextIndex(l.invoice, policy, asOf) < index)
      .map((l) => ({ invoice: l.invoice.number, from: l.invoice.stage, skipped: stagesSkipped(l.invoice, policy, asOf, index) }));
    options.push({ stage: stage.id, letter, skips });
  }
  const thanks = letterAt(account, basePolicy, asOf, THANK_YOU);
  if (thanks) options.push({ stage: THANK_YOU, letter: thanks, skips: [] });
  return options;
}
