import type { FeePolicy } from './fees.js';
import type { SegmentRule } from './segments.js';

/**
 * The escalation policy: a ladder of stages, climbed one step per contact.
 * The built-in default is DESIGN.md's table; dunning.config.json may replace it.
 */
export interface Stage {
  /** Stage id used in --json output, the ledger and the template name by default. */
  id: string;
  /** Days after the due date when the stage becomes due (negative: before the due date). */
  daysFromDue: number;
  /** Days that must pass since the invoice's previous stage before it climbs to this one. */
  minDaysSinceLastContact: number;
  /** Template name, without language or extension. */
  template: string;
  /** `letter` writes to the customer; `flag` only flags the account for the owner. */
  action: 'letter' | 'flag';
  /** `auto` (default): email when the customer has an address for it; `letter`: always on paper. */
  channel?: 'auto' | 'email' | 'letter';
}

export interface Policy {
  stages: Stage[];
  /** At most one collection contact per customer in this many days, counting every channel. */
  minDaysBetweenContacts: number;
  /** An invoice more than this many days overdue when first imported is stale: the owner decides (default 365). */
  staleAfterDays: number;
  /** Per currency, in minor units: a smaller overdue balance is not chased. */
  minimumBalance: Record<string, number>;
  /** Thank the customer when an invoice that had a reminder is paid in full. */
  thankYou: boolean;
  /** `auto`: an .eml draft when the customer has an email address, else .html; `html`: always .html. */
  letterFormat: 'auto' | 'html';
  /** Customers grouped by payment history, first match wins (none by default). */
  segments?: SegmentRule[];
  /** Late fees and statutory interest: null (off) by default. */
  fees?: FeePolicy | null;
}

export const THANK_YOU = 'thank-you';

export const DEFAULT_STAGES: Stage[] = [
  { id: 'courtesy', daysFromDue: -3, minDaysSinceLastContact: 0, template: 'courtesy', action: 'letter' },
  { id: 'reminder', daysFromDue: 3, minDaysSinceLastContact: 7, template: 'reminder', action: 'letter' },
  { id: 'second-reminder', daysFromDue: 14, minDaysSinceLastContact: 7, template: 'second-reminder', action: 'letter' },
  { id: 'final-notice', daysFromDue: 30, minDaysSinceLastContact: 10, template: 'final-notice', action: 'letter' },
  { id: 'handoff', daysFromDue: 60, minDaysSinceLastContact: 14, template: 'handoff', action: 'flag' },
];

export const DEFAULT_POLICY: Policy = {
  stages: DEFAULT_STAGES,
  minDaysBetweenContacts: 7,
  staleAfterDays: 365,
  minimumBalance: {},
  thankYou: true,
  letterFormat: 'auto',
  segments: [],
  fees: null,
};

/** Position of a stage on the ladder; -1 for none or a stage the ladder no longer has. */
export function stageIndex(policy: Policy, stageId: string | null): number {
  if (stageId === null) return -1;
  // A loop, not findIndex with a closure: the planner asks this several times per invoice.
  const stages = policy.stages;
  for (let i = 0; i < stages.length; i++) if (stages[i]!.id === stageId) return i;
  return -1;
}

/** A stage chases an overdue debt (as opposed to a courtesy heads-up before the due date). */
export function isCollectionStage(policy: Policy, stageId: string | null): boolean {
  const i = stageIndex(policy, stageId);
  return i >= 0 && policy.stages[i]!.daysFromDue >= 0;
}
