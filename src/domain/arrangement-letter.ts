import type { Account } from './account.js';
import type { Installment } from './arrangement.js';
import { channelFor, reachable, type PlannedLetter } from './plan.js';
import type { Policy } from './policy.js';

export const ARRANGEMENT_CONFIRMATION = 'plan-confirmation';

/**
 * The letter that confirms a payment plan: its schedule and the invoices it covers. It names
 * each invoice at the stage it already stands at, so the ladder neither climbs nor restarts;
 * null when there is no way to reach the customer.
 */
export function arrangementConfirmation(account: Account, policy: Policy, plan: { currency: string; installments: Installment[]; invoices: string[] }): PlannedLetter | null {
  if (!reachable(account)) return null;
  const covered = new Set(plan.invoices);
  const lines = account.invoices
    .filter((i) => covered.has(i.number))
    .map((invoice) => ({ invoice, stageAfter: invoice.stage, climbs: false }));
  return {
    customerId: account.customer.id,
    stage: ARRANGEMENT_CONFIRMATION,
    template: ARRANGEMENT_CONFIRMATION,
    channel: channelFor(account, policy),
    lines,
    credits: [],
    thanks: [],
    total: [{ currency: plan.currency, minor: plan.installments.reduce((s, i) => s + i.amount, 0) }],
    fees: [],
    arrangement: {
      installments: plan.installments.map((i) => ({ seq: i.seq, dueOn: i.dueOn, currency: plan.currency, minor: i.amount, paid: false })),
      missed: false,
    },
  };
}
