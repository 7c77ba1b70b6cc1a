import type { Account, InvoiceState } from './account.js';
import { daysBetween, daysOverdue, type IsoDate } from './dates.js';
import { chargesFor, type ChargedFee } from './fees.js';
import { totalsByCurrency, type Money } from './money.js';
import { isCollectionStage, stageIndex, THANK_YOU, type Policy, type Stage } from './policy.js';
import { segmentOf } from './segments.js';

/** Why an account gets nothing today. Words of the --json contract (DESIGN.md). */
export type SkipReason = 'hold' | 'plan' | 'min-interval' | 'below-minimum' | 'no-contact-details' | 'reviewed';
export type FlagReason = 'handoff' | 'no-contact-details';

export interface LetterLine {
  invoice: InvoiceState;
  /** The stage the invoice stands at once this letter is sent. */
  stageAfter: string | null;
  /** The invoice climbs a stage with this letter. */
  climbs: boolean;
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
  plan?: PlanNotice | null;
}

/** A payment plan as a letter speaks of it. */
export interface PlanNotice {
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

interface Climb {
  invoice: InvoiceState;
  stage: Stage;
  index: number;
}

/**
 * The next stage an invoice may climb to today, if any. One step per contact: a customer first
 * contacted at 45 days late gets the reminder, not the final notice. A stage before the due
 * date (courtesy) is only for invoices not yet due; later ones start past it.
 */
export function nextStage(
  invoice: InvoiceState,
  policy: Policy,
  asOf: IsoDate,
  graceDays = 0,
): { stage: Stage; index: number } | null {
  const days = daysOverdue(invoice.dueDate, asOf);
  let i = stageIndex(policy, invoice.stage) + 1;
  while (i < policy.stages.length && policy.stages[i]!.daysFromDue < 0 && days >= 0) i++;
  const stage = policy.stages[i];
  if (!stage) return null;
  const dueDay = stage.daysFromDue + (stage.daysFromDue >= 0 ? graceDays : 0);
  if (days < dueDay) return null;
  if (stage.daysFromDue < 0 && days >= 0) return null;
  if (invoice.stageOn !== null && daysBetween(invoice.stageOn, asOf) < stage.minDaysSinceLastContact) {
    return null;
  }
  return { stage, index: i };
}

function byDueDate(a: InvoiceState, b: InvoiceState): number {
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

function thankYouLetter(account: Account, policy: Policy, thanks: InvoiceState[]): PlannedLetter {
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

type Decision =
  | { letter: PlannedLetter }
  | { flag: Flag }
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
    graceDays: account.graceDays + (segment?.extraGraceDays ?? 0),
    segment: segment?.id ?? null,
  };
}

/** The plan notice a collection letter carries: a plan missed since the customer last heard from us. */
function missedPlanNotice(account: Account): PlanNotice | null {
  const standing = account.plan;
  if (!standing || standing.state !== 'missed' || standing.missedOn === null) return null;
  if (account.lastContactOn !== null && account.lastContactOn >= standing.missedOn) return null;
  const { currency } = standing.plan;
  return {
    installments: standing.schedule.map((i) => ({ seq: i.seq, dueOn: i.dueOn, currency, minor: i.amount, paid: i.paid })),
    missed: true,
  };
}

/** What today holds for one account: a letter, a flag, a reason to skip, or nothing. */
export function planAccount(account: Account, basePolicy: Policy, asOf: IsoDate): Decision {
  const { customer } = account;
  const { policy, graceDays } = accountPolicy(account, basePolicy);
  const thanks = policy.thankYou
    ? account.invoices
        .filter((i) => i.amount > 0 && i.balance <= 0 && !i.thanked && isCollectionStage(policy, i.stage))
        .sort(byDueDate)
    : [];
  const thankOnly = (): Decision => {
    if (thanks.length === 0) return null;
    if (!reachable(account)) return { skip: { customerId: customer.id, reason: 'no-contact-details' } };
    return { letter: thankYouLetter(account, policy, thanks) };
  };

  // Nothing at all goes to a customer on hold, not even thanks: the dispute comes first.
  if (account.hold) {
    const anything = thanks.length > 0 || account.invoices.some((i) => i.balance > 0 && nextStage(i, policy, asOf, graceDays));
    return anything ? { skip: { customerId: customer.id, reason: 'hold' } } : null;
  }

  const open = account.invoices.filter((i) => i.balance > 0 && !i.hold && !i.planned);
  const climbs: Climb[] = [];
  for (const invoice of open) {
    const next = nextStage(invoice, policy, asOf, graceDays);
    if (next) climbs.push({ invoice, ...next });
  }
  if (climbs.length === 0) {
    const waiting = account.invoices.filter((i) => i.balance > 0 && (i.hold || i.planned) && nextStage(i, policy, asOf, graceDays));
    const reason: SkipReason | null = waiting.some((i) => i.hold) ? 'hold' : waiting.length > 0 ? 'plan' : null;
    return thankOnly() ?? (reason ? { skip: { customerId: customer.id, reason } } : null);
  }
  if (account.lastContactOn !== null && daysBetween(account.lastContactOn, asOf) < policy.minDaysBetweenContacts) {
    return thankOnly() ?? { skip: { customerId: customer.id, reason: 'min-interval' } };
  }

  const topIndex = Math.max(...climbs.map((c) => c.index));
  const courtesy = policy.stages[topIndex]!.daysFromDue < 0;
  // A courtesy note is about what falls due soon; a collection letter lists everything overdue.
  const listed = courtesy
    ? climbs.map((c) => c.invoice)
    : open.filter((i) => daysOverdue(i.dueDate, asOf) > 0);
  const credits = account.invoices.filter((i) => i.balance < 0);

  // Per currency, what is owed net of credits; a currency below its minimum is not chased.
  const owed = totalsByCurrency([...listed, ...credits].map((i) => ({ currency: i.currency, minor: i.balance })));
  const chased = new Set(
    owed
      .filter((m) => m.minor > 0 && m.minor >= (policy.minimumBalance[m.currency] ?? 0))
      .map((m) => m.currency),
  );
  const inScope = climbs.filter((c) => chased.has(c.invoice.currency));
  if (inScope.length === 0) return thankOnly() ?? { skip: { customerId: customer.id, reason: 'below-minimum' } };

  const top = inScope.reduce((a, b) => (b.index > a.index ? b : a));
  const climbing = new Map(inScope.map((c) => [c.invoice.number, c.stage.id]));
  const toLine = (invoice: InvoiceState): LetterLine => {
    const to = climbing.get(invoice.number);
    return { invoice, stageAfter: to ?? invoice.stage, climbs: to !== undefined };
  };

  if (top.stage.action === 'flag') {
    // The owner decides on a hand-off; only the invoices reaching that stage are recorded as such.
    const lines = inScope.filter((c) => c.index === top.index).map((c) => toLine(c.invoice));
    return { flag: { customerId: customer.id, reason: 'handoff', lines } };
  }
  if (!reachable(account)) return { flag: { customerId: customer.id, reason: 'no-contact-details', lines: [] } };

  const lines = listed.filter((i) => chased.has(i.currency)).sort(byDueDate).map(toLine);
  const statutoryFrom = stageIndex(policy, policy.fees?.statutory?.fromStage ?? null);
  const earlier = account.fees ?? [];
  const listedNumbers = new Set(lines.map((l) => l.invoice.number));
  const fees = [
    ...earlier.filter((f) => listedNumbers.has(f.invoiceNumber)),
    ...lines.flatMap((l) =>
      l.climbs && l.stageAfter !== null
        ? chargesFor(l.invoice, l.stageAfter, statutoryFrom >= 0 && stageIndex(policy, l.stageAfter) >= statutoryFrom, policy.fees, earlier, asOf)
        : [],
    ),
  ];
  return {
    letter: {
      customerId: customer.id,
      stage: top.stage.id,
      template: top.stage.template,
      channel: channelFor(account, policy, top.stage),
      lines,
      credits: credits.filter((i) => chased.has(i.currency)),
      // A collection letter also thanks for what was paid since the last one.
      thanks,
      total: owed.filter((m) => chased.has(m.currency)),
      fees,
      plan: missedPlanNotice(account),
    },
  };
}

/**
 * Today's contacts: a pure function of the accounts, the policy and the day. One letter per
 * customer per run, at the highest stage any of its invoices newly reached.
 */
export function planRun(accounts: Iterable<Account>, policy: Policy, asOf: IsoDate): RunPlan {
  const plan: RunPlan = { asOf, letters: [], flagged: [], skipped: [] };
  for (const account of accounts) {
    const d = planAccount(account, policy, asOf);
    if (d === null) continue;
    if ('letter' in d) plan.letters.push(d.letter);
    else if ('flag' in d) plan.flagged.push(d.flag);
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
  const decided = (customerId: string) => skippedInReview.has(customerId);
  const moved = [...plan.letters, ...plan.flagged].filter((x) => decided(x.customerId));
  return {
    ...plan,
    letters: plan.letters.filter((l) => !decided(l.customerId)),
    flagged: plan.flagged.filter((f) => !decided(f.customerId)),
    skipped: [...plan.skipped, ...moved.map((x) => ({ customerId: x.customerId, reason: 'reviewed' as const }))],
  };
}
