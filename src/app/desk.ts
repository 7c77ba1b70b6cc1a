import type { Account, InvoiceState } from '../domain/account.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { totalsByCurrency, type Money } from '../domain/money.js';
import { planAccount, type PlannedLetter } from '../domain/plan.js';
import { isCollectionStage, stageIndex, THANK_YOU, type Policy } from '../domain/policy.js';
import { loadAccounts } from '../ledger/accounts.js';
import type { Ledger } from '../ledger/open.js';

/** What the engine would do for one account today (a letter, a flag, a reason to wait, or nothing). */
export type EngineDecision = ReturnType<typeof planAccount>;

/** A customer as the accountant's desk lists them: what is owed, how late, how far up the ladder. */
export interface DeskEntry {
  account: Account;
  /** Open balance per currency, credits deducted. */
  balances: Money[];
  /** Days the oldest open invoice is late (0 when nothing is overdue). */
  daysLate: number;
  /** The highest stage any open invoice has reached. */
  stage: string | null;
  decision: EngineDecision;
}

const owed = (i: InvoiceState) => i.balance > 0;

function topStage(account: Account, policy: Policy): string | null {
  return account.invoices
    .filter((i) => i.balance !== 0)
    .reduce<string | null>((best, i) => (stageIndex(policy, i.stage) > stageIndex(policy, best) ? i.stage : best), null);
}

/** Every customer with something open (or a thank-you due), the most overdue first. */
export function deskEntries(db: Ledger, policy: Policy, asOf: IsoDate, onlyCustomer?: string): DeskEntry[] {
  return loadAccounts(db, asOf, onlyCustomer)
    .map((account) => ({
      account,
      balances: totalsByCurrency(account.invoices.filter((i) => i.balance !== 0).map((i) => ({ currency: i.currency, minor: i.balance }))),
      daysLate: Math.max(0, ...account.invoices.filter(owed).map((i) => daysOverdue(i.dueDate, asOf))),
      stage: topStage(account, policy),
      decision: planAccount(account, policy, asOf),
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.account.customer.name.localeCompare(b.account.customer.name));
}

/** A stage the accountant may choose for a letter, and what choosing it means. */
export interface StageOption {
  stage: string;
  letter: PlannedLetter;
  /** Stages this letter jumps over for at least one invoice (the engine climbs one at a time). */
  skips: { invoice: string; from: string | null; skipped: string[] }[];
}

/** The stage an invoice would naturally climb to next: courtesy is never "next" once it is due. */
function naturalNext(invoice: InvoiceState, policy: Policy, asOf: IsoDate): number {
  let i = stageIndex(policy, invoice.stage) + 1;
  while (i < policy.stages.length && policy.stages[i]!.daysFromDue < 0 && daysOverdue(invoice.dueDate, asOf) >= 0) i++;
  return i;
}

function thanksDue(account: Account, policy: Policy): InvoiceState[] {
  if (!policy.thankYou) return [];
  return account.invoices.filter((i) => i.amount > 0 && i.balance <= 0 && !i.thanked && isCollectionStage(policy, i.stage));
}

/**
 * A letter at a stage the accountant chose. When it is the engine's own proposal, it is exactly
 * the letter `run` would write; otherwise it lists what that stage is about (what falls due soon
 * for a courtesy note, everything overdue for a collection letter) and records each invoice at
 * the chosen stage, never lower than it already stands. Null when the stage has nothing to say.
 */
export function letterAt(account: Account, policy: Policy, asOf: IsoDate, stageId: string): PlannedLetter | null {
  const decision = planAccount(account, policy, asOf);
  if (decision && 'letter' in decision && decision.letter.stage === stageId) return decision.letter;
  const channel = policy.letterFormat === 'auto' && account.customer.email ? 'email' : 'letter';
  const thanks = thanksDue(account, policy);
  const base = { customerId: account.customer.id, channel, thanks } as const;
  if (stageId === THANK_YOU) {
    if (thanks.length === 0) return null;
    const total = totalsByCurrency(thanks.map((i) => ({ currency: i.currency, minor: i.amount })));
    return { ...base, stage: THANK_YOU, template: THANK_YOU, lines: [], credits: [], total };
  }
  const index = stageIndex(policy, stageId);
  const stage = policy.stages[index];
  if (!stage || stage.action !== 'letter') return null;
  const courtesy = stage.daysFromDue < 0;
  const listed = account.invoices
    .filter((i) => owed(i) && !i.hold && (courtesy ? daysOverdue(i.dueDate, asOf) <= 0 : daysOverdue(i.dueDate, asOf) > 0))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1));
  const currencies = new Set(listed.map((i) => i.currency));
  const credits = account.invoices.filter((i) => i.balance < 0 && currencies.has(i.currency));
  const total = totalsByCurrency([...listed, ...credits].map((i) => ({ currency: i.currency, minor: i.balance }))).filter((m) => m.minor > 0);
  const chased = new Set(total.map((m) => m.currency));
  const lines = listed
    .filter((i) => chased.has(i.currency))
    .map((invoice) => {
      const climbs = stageIndex(policy, invoice.stage) < index;
      return { invoice, stageAfter: climbs ? stage.id : invoice.stage, climbs };
    });
  if (lines.length === 0) return null;
  return { ...base, stage: stage.id, template: stage.template, lines, credits: credits.filter((c) => chased.has(c.currency)), total };
}

/** The stages a letter to this account could be written at today, in ladder order. */
export function stageOptions(account: Account, policy: Policy, asOf: IsoDate): StageOption[] {
  const options: StageOption[] = [];
  for (const [index, stage] of policy.stages.entries()) {
    const letter = letterAt(account, policy, asOf, stage.id);
    if (!letter) continue;
    const skips = letter.lines
      .filter((l) => l.climbs && naturalNext(l.invoice, policy, asOf) < index)
      .map((l) => ({
        invoice: l.invoice.number,
        from: l.invoice.stage,
        skipped: policy.stages.slice(naturalNext(l.invoice, policy, asOf), index).map((s) => s.id),
      }));
    options.push({ stage: stage.id, letter, skips });
  }
  const thanks = letterAt(account, policy, asOf, THANK_YOU);
  if (thanks) options.push({ stage: THANK_YOU, letter: thanks, skips: [] });
  return options;
}

/**
 * The stage to preselect: the engine's proposal when it has one; otherwise the step the ladder
 * would take next (the furthest-along invoice's next stage), so that the default never skips.
 */
export function suggestedStage(entry: DeskEntry, options: StageOption[], policy: Policy): string | null {
  const d = entry.decision;
  if (d && 'letter' in d && options.some((o) => o.stage === d.letter.stage)) return d.letter.stage;
  const steady = options.filter((o) => o.skips.length === 0 && o.stage !== THANK_YOU);
  const best = steady.reduce<StageOption | null>((a, o) => (a && stageIndex(policy, a.stage) > stageIndex(policy, o.stage) ? a : o), null);
  return best?.stage ?? options[0]?.stage ?? null;
}

/** Why the engine proposes nothing (or something other than a letter) today, in words. */
export function engineView(entry: DeskEntry): string {
  const d = entry.decision;
  const last = entry.account.lastContactOn;
  if (d === null) return 'nothing is due today';
  if ('letter' in d) return `today's plan: a ${d.letter.stage} letter`;
  if ('flag' in d) {
    return d.flag.reason === 'handoff'
      ? 'flagged for hand-off: the letters have run out (see `dunning handoff`)'
      : 'no email and no address: a letter cannot reach them';
  }
  const why: Record<string, string> = {
    hold: 'on hold',
    plan: 'keeping a payment plan',
    'min-interval': `contacted recently${last ? ` (${last})` : ''}`,
    'below-minimum': 'the balance is below the minimum chased',
    'no-contact-details': 'no email and no address',
  };
  return `the engine waits today: ${why[d.skip.reason] ?? d.skip.reason}`;
}
