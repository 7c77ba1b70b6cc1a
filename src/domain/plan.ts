import type { Account, InvoiceState } from './account.js';
import { daysBetween, daysOverdue, type IsoDate } from './dates.js';
import { chargesFor, type ChargedFee } from './fees.js';
import { accountNextIndex, accountStanding, isLate, ownNextIndex, readyFor } from './ladder.js';
import { totalsByCurrency, type Money } from './money.js';
import { isCollectionStage, stageIndex, THANK_YOU, type Policy, type Stage } from './policy.js';
import { segmentOf } from './segments.js';
import { sortShort } from './sort-short.js';

/** Why an account gets nothing today. Words of the --json contract (DESIGN.md). */
export type SkipReason = 'hold' | 'plan' | 'min-interval' | 'below-minimum' | 'no-contact-details' | 'reviewed';
export type FlagReason = 'handoff' | 'no-contact-details' | 'stale';

export interface LetterLine {
  invoice: InvoiceState;
  /** The stage the invoice stands at once this letter is sent. */
  stageAfter: string | null;
  /** The invoice climbs a stage with this letter. */
  climbs: boolean;
  /**
   * Listed because it is open and late, not because the letter's stage is about it: a final
   * notice is final only about the invoices that had the earlier steps; the rest are "also open".
   */
  also?: boolean;
}

export interface PlannedLetter {
  customerId: string;
  /** Stage id of the letter; `thank-you` for thanks. */
  stage: string;
  template: string;
  channel: 'email' | 'letter';
  /** The invoices the letter is about, in due-date order. */
  lines: LetterLine[];
  /** Credit notes that reduce what is owed, in the currencies of the letter. */
  credits: InvoiceState[];
  /** Invoices paid in full since their last reminder, thanked in this letter. */
  thanks: InvoiceState[];
  /** What the letter asks for, per currency (credits deducted); for a thank-you, what was paid. */
  total: Money[];
  /**
   * Fees and interest itemised on the letter: those charged before on the listed invoices and
   * those this letter charges (recorded when it is drafted; at most once per invoice and stage).
   */
  fees?: ChargedFee[];
  /** The customer's payment plan, when the letter must speak of it (a missed installment). */
  arrangement?: ArrangementNotice | null;
  /** For a hand-off cover note: the contacts that happened, from the ledger. */
  handoff?: HandoffNotice | null;
}

/** What a hand-off cover note tells the agency, from the ledger's true history. */
export interface HandoffNotice {
  /** Contacts with the customer, oldest first: a letter's stage in words ("second reminder"; or "note", "thank you"), the channel, what was said. */
  contacts: { on: IsoDate; what: string; channel: string; notes: string | null }[];
  /** Handed off with --force before the ladder reached the hand-off stage. */
  forced: boolean;
  /** The highest stage the open invoices reached, in words ("second reminder"), if any. */
  reached: string | null;
  /** Something was paid towards the invoices handed over. */
  partlyPaid: boolean;
  /** A payment arrangement was ever agreed with the customer. */
  arrangement: boolean;
}

/** A payment plan as a letter speaks of it. */
export interface ArrangementNotice {
  installments: { seq: number; dueOn: IsoDate; currency: string; minor: number; paid: boolean }[];
  /** An installment was missed past its grace: dunning resumed where it stood. */
  missed: boolean;
}

export interface Flag {
  customerId: string;
  reason: FlagReason;
  /** Invoices that reach the flagged stage (recorded as reached, no letter). */
  lines: LetterLine[];
}

export interface Skip {
  customerId: string;
  reason: SkipReason;
}

export interface RunPlan {
  asOf: IsoDate;
  letters: PlannedLetter[];
  flagged: Flag[];
  skipped: Skip[];
}

/**
 * The next stage an invoice may climb to today on its own, if any. One step per contact: a
 * customer first contacted at 45 days late gets the reminder, not the final notice.
 */
export function nextStage(invoice: InvoiceState, policy: Policy, asOf: IsoDate, graceDays: number): { stage: Stage; index: number } | null {
  const index = ownNextIndex(invoice, policy, asOf);
  return readyFor(invoice, policy, asOf, index, graceDays) ? { stage: policy.stages[index]!, index } : null;
}

export function byDueDate(a: InvoiceState, b: InvoiceState): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1;
}

export function reachable(account: Account): boolean {
  return Boolean(account.customer.email || account.customer.address);
}

/** Email where the customer has an address for it, unless the config or the stage asks for paper. */
export function channelFor(account: Account, policy: Policy, stage?: Stage): 'email' | 'letter' {
  if (stage?.channel === 'letter') return 'letter';
  // A stage that asks for email overrides `letters.format: html`, but never invents an address.
  const emailOk = stage?.channel === 'email' || policy.letterFormat === 'auto';
  return emailOk && account.customer.email ? 'email' : 'letter';
}

/** Invoices paid in full after a collection letter, not yet thanked for. */
export function thanksDue(account: Account, policy: Policy): InvoiceState[] {
  const due: InvoiceState[] = [];
  if (!policy.thankYou) return due;
  for (const i of account.invoices) if (i.amount > 0 && i.balance <= 0 && !i.thanked && isCollectionStage(policy, i.stage)) due.push(i);
  return sortShort(due, byDueDate);
}

export function thankYouLetter(account: Account, policy: Policy, thanks: InvoiceState[]): PlannedLetter {
  return {
    customerId: account.customer.id,
    stage: THANK_YOU,
    template: THANK_YOU,
    channel: channelFor(account, policy),
    lines: [],
    credits: [],
    thanks,
    total: totalsByCurrency(thanks.map((i) => ({ currency: i.currency, minor: i.amount }))),
  };
}

/**
 * A debt already more than `staleAfterDays` overdue when first imported, never written to and not
 * released: no "may have slipped through" reminder a year late; the owner decides.
 */
export function isStale(invoice: InvoiceState, policy: Policy): boolean {
  if (invoice.balance <= 0 || invoice.stage !== null || invoice.staleReleased || !invoice.importedOn) return false;
  return daysOverdue(invoice.dueDate, invoice.importedOn) > policy.staleAfterDays;
}

/** What is owed and being chased: not on hold, not in a kept payment plan, not stale awaiting the owner. */
export function chasedInvoices(account: Account, policy: Policy): InvoiceState[] {
  const chased: InvoiceState[] = [];
  for (const i of account.invoices) if (i.balance > 0 && !i.hold && !i.planned && !isStale(i, policy)) chased.push(i);
  return chased;
}

type Decision =
  | { letter: PlannedLetter }
  /** A flag for the owner; thanks due the same day still go, so a second run has nothing left to do. */
  | { flag: Flag; thankYou?: PlannedLetter }
  | { skip: Skip }
  | null;

/**
 * The ladder and grace that apply to an account: a configured segment (by payment history) may
 * give more days before each overdue stage, or a ladder of its own.
 */
export function accountPolicy(account: Account, policy: Policy): { policy: Policy; graceDays: number; segment: string | null } {
  const segment = segmentOf(account.history, policy.segments);
  return {
    policy: segment?.stages ? { ...policy, stages: segment.stages } : policy,
    graceDays: segment?.extraGraceDays ?? 0,
    segment: segment?.id ?? null,
  };
}

/** The plan notice a collection letter carries: a plan missed since the customer last heard from us. */
function missedArrangementNotice(account: Account): ArrangementNotice | null {
  const standing = account.arrangement;
  if (!standing || standing.state !== 'missed' || standing.missedOn === null) return null;
  if (account.lastContactOn !== null && account.lastContactOn >= standing.missedOn) return null;
  const { currency } = standing.arrangement;
  return {
    installments: standing.schedule.map((i) => ({ seq: i.seq, dueOn: i.dueOn, currency, minor: i.amount, paid: i.paid })),
    missed: true,
  };
}

/** The account's step due today: the stage above where it stands, and the invoices that reached it. */
export function dueStep(account: Account, policy: Policy, asOf: IsoDate, graceDays: number): { index: number; subjects: InvoiceState[] } | null {
  const chased = chasedInvoices(account, policy);
  const index = accountNextIndex(accountStanding(chased, policy), chased, policy, asOf);
  if (index >= policy.stages.length) return null;
  // Only an invoice whose own next step this is climbs to it: a newer invoice never skips ahead.
  const subjects: InvoiceState[] = [];
  for (const i of chased) if (ownNextIndex(i, policy, asOf) === index && readyFor(i, policy, asOf, index, graceDays)) subjects.push(i);
  return subjects.length > 0 ? { index, subjects } : null;
}

/**
 * The lines of a letter at the stage `index`: the subjects climb to it; every other chased late
 * invoice is listed as "also open" and takes its own next step if that is due (never above the
 * letter's). A courtesy note lists only what falls due soon: nothing else is late.
 */
function letterLines(account: Account, policy: Policy, asOf: IsoDate, index: number, subjects: InvoiceState[], graceDays: number): LetterLine[] {
  const stage = policy.stages[index]!;
  const about = new Set<string>();
  for (const i of subjects) about.add(i.number);
  let listed: InvoiceState[];
  if (stage.daysFromDue < 0) listed = subjects.slice();
  else {
    listed = [];
    for (const i of chasedInvoices(account, policy)) if (about.has(i.number) || isLate(i, asOf)) listed.push(i);
  }
  sortShort(listed, byDueDate);
  const lines: LetterLine[] = [];
  for (const invoice of listed) {
    if (about.has(invoice.number)) {
      const climbs = stageIndex(policy, invoice.stage) < index;
      lines.push({ invoice, stageAfter: climbs ? stage.id : invoice.stage, climbs });
      continue;
    }
    const own = ownNextIndex(invoice, policy, asOf);
    const climbs = own < index && readyFor(invoice, policy, asOf, own, graceDays);
    lines.push({ invoice, stageAfter: climbs ? policy.stages[own]!.id : invoice.stage, climbs, also: true });
  }
  return lines;
}

/**
 * Per currency, what is owed net of credits; a currency below its minimum is not chased. Plain
 * loops here and in the letter's parts: chains of spreads cost V8 recompilations (issue 17).
 */
function chasedCurrencies(lines: LetterLine[], credits: InvoiceState[], policy: Policy): { owed: Money[]; chased: Set<string> } {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.invoice.currency, (sums.get(l.invoice.currency) ?? 0) + l.invoice.balance);
  for (const c of credits) sums.set(c.currency, (sums.get(c.currency) ?? 0) + c.balance);
  const owed: Money[] = [];
  const chased = new Set<string>();
  for (const [currency, minor] of sums) {
    if (minor > 0 && minor >= (policy.minimumBalance[currency] ?? 0)) {
      chased.add(currency);
      owed.push({ currency, minor });
    }
  }
  if (owed.length > 1) owed.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  return { owed, chased };
}

/** Fees charged before on the listed invoices, and those each climbing line takes now. */
function lettersFees(account: Account, policy: Policy, lines: LetterLine[], asOf: IsoDate): ChargedFee[] {
  const out: ChargedFee[] = [];
  const earlier = account.fees ?? [];
  if (earlier.length > 0) {
    const listed = new Set<string>();
    for (const l of lines) listed.add(l.invoice.number);
    for (const f of earlier) if (listed.has(f.invoiceNumber)) out.push(f);
  }
  if (!policy.fees) return out;
  const statutoryFrom = stageIndex(policy, policy.fees.statutory?.fromStage ?? null);
  for (const l of lines) {
    if (!l.climbs || l.stageAfter === null) continue;
    const statutory = statutoryFrom >= 0 && stageIndex(policy, l.stageAfter) >= statutoryFrom;
    for (const fee of chargesFor(l.invoice, l.stageAfter, statutory, policy.fees, earlier, asOf)) out.push(fee);
  }
  return out;
}

/**
 * The letter (or hand-off flag) at the stage `index` about `subjects`, with everything else the
 * customer owes listed beside them. `run` and the desk both write letters through this.
 */
export function composeLetter(
  account: Account,
  policy: Policy,
  asOf: IsoDate,
  step: { index: number; subjects: InvoiceState[] },
  graceDays: number,
): { letter: PlannedLetter } | { flag: Flag } | 'below-minimum' {
  const stage = policy.stages[step.index]!;
  const all = letterLines(account, policy, asOf, step.index, step.subjects, graceDays);
  const credits: InvoiceState[] = [];
  for (const i of account.invoices) if (i.balance < 0) credits.push(i);
  const { owed, chased } = chasedCurrencies(all, credits, policy);
  const lines: LetterLine[] = [];
  let aboutSome = false;
  for (const l of all) {
    if (!chased.has(l.invoice.currency)) continue;
    lines.push(l);
    if (!l.also) aboutSome = true;
  }
  if (!aboutSome) return 'below-minimum';
  const customerId = account.customer.id;
  // The owner decides on a hand-off; only the invoices reaching that stage are recorded as such.
  if (stage.action === 'flag') return { flag: { customerId, reason: 'handoff', lines: lines.filter((l) => !l.also) } };
  const chasedCredits: InvoiceState[] = [];
  for (const c of credits) if (chased.has(c.currency)) chasedCredits.push(c);
  return {
    letter: {
      customerId,
      stage: stage.id,
      template: stage.template,
      channel: channelFor(account, policy, stage),
      lines,
      credits: chasedCredits,
      // A collection letter also thanks for what was paid since the last one.
      thanks: thanksDue(account, policy),
      total: owed,
      fees: lettersFees(account, policy, lines, asOf),
      arrangement: missedArrangementNotice(account),
    },
  };
}

/** Why nothing climbs although something would: its invoices are on hold or in a kept plan. */
function waitingReason(account: Account, policy: Policy, asOf: IsoDate, graceDays: number): SkipReason | null {
  let reason: SkipReason | null = null;
  for (const i of account.invoices) {
    if (i.balance > 0 && (i.hold || i.planned) && nextStage(i, policy, asOf, graceDays)) {
      if (i.hold) return 'hold';
      reason = 'plan';
    }
  }
  return reason;
}

/** What today holds for one account: a letter, a flag, a reason to skip, or nothing. */
export function planAccount(account: Account, basePolicy: Policy, asOf: IsoDate): Decision {
  const customerId = account.customer.id;
  const { policy, graceDays } = accountPolicy(account, basePolicy);
  const thanks = thanksDue(account, policy);
  const skip = (reason: SkipReason): Decision => ({ skip: { customerId, reason } });
  const thankOnly = (): Decision => {
    if (thanks.length === 0) return null;
    return reachable(account) ? { letter: thankYouLetter(account, policy, thanks) } : skip('no-contact-details');
  };
  const step = dueStep(account, policy, asOf, graceDays);
  // Nothing at all goes to a customer on hold, not even thanks: the dispute comes first.
  if (account.hold) return thanks.length > 0 || step ? skip('hold') : null;
  if (!step) {
    const reason = waitingReason(account, policy, asOf, graceDays);
    return thankOnly() ?? (reason ? skip(reason) : null);
  }
  if (account.lastContactOn !== null && daysBetween(account.lastContactOn, asOf) < policy.minDaysBetweenContacts) {
    return thankOnly() ?? skip('min-interval');
  }
  const composed = composeLetter(account, policy, asOf, step, graceDays);
  if (composed === 'below-minimum') return thankOnly() ?? skip('below-minimum');
  if ('flag' in composed) {
    const thankYou = thankOnly();
    return thankYou && 'letter' in thankYou ? { flag: composed.flag, thankYou: thankYou.letter } : composed;
  }
  if (!reachable(account)) return { flag: { customerId, reason: 'no-contact-details', lines: [] } };
  return composed;
}

/** Invoices stale when first imported wait for the owner's decision: release to dun them, or write off. */
export function staleFlag(account: Account, policy: Policy): Flag | null {
  let stale: InvoiceState[] | null = null;
  for (const i of account.invoices) if (isStale(i, policy)) (stale ??= []).push(i);
  if (stale === null) return null;
  sortShort(stale, byDueDate);
  return { customerId: account.customer.id, reason: 'stale', lines: stale.map((invoice) => ({ invoice, stageAfter: invoice.stage, climbs: false })) };
}

/**
 * Today's contacts: a pure function of the accounts, the policy and the day. One letter per
 * customer per run, at the highest stage any of its invoices newly reached.
 */
export function planRun(accounts: Iterable<Account>, policy: Policy, asOf: IsoDate): RunPlan {
  const plan: RunPlan = { asOf, letters: [], flagged: [], skipped: [] };
  for (const account of accounts) {
    const stale = staleFlag(account, accountPolicy(account, policy).policy);
    if (stale) plan.flagged.push(stale);
    const d = planAccount(account, policy, asOf);
    if (d === null) continue;
    if ('letter' in d) plan.letters.push(d.letter);
    else if ('flag' in d) {
      plan.flagged.push(d.flag);
      if (d.thankYou) plan.letters.push(d.thankYou);
    }
    else plan.skipped.push(d.skip);
  }
  return plan;
}

/**
 * An accountant who skipped a customer in `review` has decided for that day: the day's run
 * keeps to it instead of drafting the letter behind their back.
 */
export function keepReviewDecisions(plan: RunPlan, skippedInReview: ReadonlySet<string>): RunPlan {
  if (skippedInReview.size === 0) return plan;
  // A stale debt still waits for the owner's decision: a skipped letter does not hide it.
  const decided = (x: { customerId: string; reason?: string }) => skippedInReview.has(x.customerId) && x.reason !== 'stale';
  const moved = new Set([...plan.letters, ...plan.flagged].filter(decided).map((x) => x.customerId));
  return {
    ...plan,
    letters: plan.letters.filter((l) => !decided(l)),
    flagged: plan.flagged.filter((f) => !decided(f)),
    skipped: [...plan.skipped, ...[...moved].map((customerId) => ({ customerId, reason: 'reviewed' as const }))],
  };
}
