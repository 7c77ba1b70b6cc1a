import type { Account } from '../domain/account.js';
import type { IsoDate } from '../domain/dates.js';
import { keepReviewDecisions, planRun, type RunPlan } from '../domain/plan.js';
import type { Policy } from '../domain/policy.js';
import { historyFor, loadAccounts } from '../ledger/accounts.js';
import type { Ledger } from '../ledger/open.js';
import type { CustomerSpan } from '../ledger/open-invoices.js';
import { reviewSkips } from '../ledger/review-skips.js';

/**
 * Today's plan: the one route from the ledger to a plan, shared by `run`, `run --dry-run`,
 * `status`, `review`, the desk and the reports, so none of them can disagree about what today
 * holds. `span`: only those customers (a report plans a large ledger in two threads).
 */
export function planToday(db: Ledger, policy: Policy, asOf: IsoDate, onlyCustomer?: string, span?: CustomerSpan): { plan: RunPlan; accounts: Account[] } {
  const accounts = loadAccounts(db, asOf, onlyCustomer, { ...historyFor(policy), span });
  const plan = keepReviewDecisions(planRun(accounts, policy, asOf), reviewSkips(db, asOf));
  return { plan, accounts };
}
