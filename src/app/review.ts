import type { IsoDate } from '../domain/dates.js';
import type { Flag, PlannedLetter, RunPlan } from '../domain/plan.js';
import type { Customer } from '../domain/account.js';
import { placeHold } from '../ledger/holds.js';
import type { Ledger } from '../ledger/open.js';
import type { LoadedConfig } from './config.js';
import { planToday } from './plan-today.js';
import { withOutbox } from './with-outbox.js';
import { refuseUnfitLetters } from './templates.js';
import type { Moment, Workspace } from './workspace.js';

/** One account of today's plan, as the review walks it. */
export type Proposal = { customer: Customer; letter: PlannedLetter } | { customer: Customer; flag: Flag };

/** Today's plan, the very one `run` would apply, as a list of proposals to decide on. */
export function todaysProposals(db: Ledger, loaded: LoadedConfig, asOf: IsoDate): { plan: RunPlan; proposals: Proposal[] } {
  const { plan, accounts } = planToday(db, loaded.policy, asOf);
  const customers = new Map(accounts.map((a) => [a.customer.id, a.customer]));
  const proposals: Proposal[] = [
    ...plan.letters.map((letter) => ({ customer: customers.get(letter.customerId)!, letter })),
    ...plan.flagged.filter((f) => f.reason === 'handoff').map((flag) => ({ customer: customers.get(flag.customerId)!, flag })),
  ];
  return { plan, proposals };
}

export type Decision =
  | { customerId: string; action: 'approve'; stage: string; personalNote: string | null }
  | { customerId: string; action: 'skip'; stage: string; reason: string }
  | { customerId: string; action: 'hold'; reason: string; until: IsoDate | null };

export interface ReviewReport {
  asOf: IsoDate;
  letters: { customer: string; stage: string; file: string }[];
  flagged: string[];
  skipped: { customer: string; reason: string }[];
  held: { customer: string; reason: string }[];
  /** Approved, but the ledger changed before writing (another command contacted them): not written. */
  stale: string[];
}

/**
 * Applies the review's decisions in one write transaction. Approved proposals are taken from
 * today's plan as it stands when writing, so a letter `run` drafted meanwhile is not drafted twice.
 */
export async function applyReview(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, decisions: Decision[]): Promise<ReviewReport> {
  const { asOf } = moment;
  const report: ReviewReport = { asOf, letters: [], flagged: [], skipped: [], held: [], stale: [] };
  if (decisions.some((d) => d.action === 'approve')) refuseUnfitLetters(ws, loaded);
  return withOutbox(db, ws, loaded, moment, async (outbox, events) => {
    const { proposals } = todaysProposals(db, loaded, asOf);
    for (const d of decisions) {
      if (d.action === 'hold') {
        placeHold(db, events, { target: { customerId: d.customerId }, reason: d.reason, on: asOf, until: d.until });
        report.held.push({ customer: d.customerId, reason: d.reason });
      } else if (d.action === 'skip') {
        events.append({ kind: 'skip', customerId: d.customerId, data: { asOf, stage: d.stage, reason: d.reason, via: 'review' } });
        report.skipped.push({ customer: d.customerId, reason: d.reason });
      } else {
        const p = proposals.find((x) => x.customer.id === d.customerId);
        if (p && 'letter' in p && p.letter.stage === d.stage) {
          const drafted = await outbox.draft(p.letter, p.customer, { runId: null, personalNote: d.personalNote });
          report.letters.push({ customer: d.customerId, stage: d.stage, file: drafted.path });
        } else if (p && 'flag' in p && d.stage === 'flag') {
          outbox.flag(p.flag, null);
          report.flagged.push(d.customerId);
        } else {
          report.stale.push(d.customerId);
        }
      }
    }
    if (decisions.length > 0) {
      events.append({
        kind: 'review',
        data: {
          asOf,
          letters: report.letters.map((l) => ({ customer: l.customer, stage: l.stage })),
          flagged: report.flagged,
          skipped: report.skipped,
          held: report.held,
          stale: report.stale,
        },
      });
    }
    return report;
  });
}
