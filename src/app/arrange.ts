import { UsageError } from '../domain/errors.js';
import { formatDecimal, moneyJson, parseDecimal, type MoneyJson } from '../domain/money.js';
import { DEFAULT_ARRANGEMENT_GRACE_DAYS, scheduleInstallments, type Every } from '../domain/arrangement.js';
import { arrangementConfirmation } from '../domain/arrangement-letter.js';
import { loadAccounts } from '../ledger/accounts.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { openBalances } from '../ledger/payments.js';
import { closeArrangement, createArrangement, loadArrangementStandings, settleArrangements } from '../ledger/arrangements.js';
import { writeTransaction } from '../ledger/transaction.js';
import type { LoadedConfig } from './config.js';
import { withOutbox } from './with-outbox.js';
import type { Outbox } from './outbox.js';
import { anyDate, resolveCustomer } from './target.js';
import type { Moment, Workspace } from './workspace.js';
import { shellQuote } from '../domain/shell-quote.js';

export interface ArrangeArgs {
  customer: string;
  installments?: string;
  every?: string;
  start?: string;
  amount?: string;
  currency?: string;
  grace?: string;
  cancel?: boolean;
}

export interface ArrangeReport {
  customer: string;
  plan: number;
  status: 'active' | 'cancelled';
  currency: string;
  invoices: string[];
  installments: { seq: number; dueOn: string; amount: MoneyJson }[];
  total: MoneyJson;
  graceDays: number;
  /** The confirmation letter drafted for the customer, or why there is none. */
  letter: { file: string } | { skipped: 'no-contact-details' | 'not-asked' } | null;
}

/** Where a confirmation letter goes: without it, `arrange` records the plan only. */
export interface Drafting {
  ws: Workspace;
  loaded: LoadedConfig;
}

function wholeNumber(option: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${option} ${text}: must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * A payment plan: the customer's open invoices in one currency, paid by installments. While the
 * installments are paid (within the grace), those invoices are not chased. A promise to pay by
 * a date is a plan of one installment, the default.
 */
export async function arrange(db: Ledger, moment: Moment, args: ArrangeArgs, drafting?: Drafting): Promise<ArrangeReport> {
  const { asOf } = moment;
  const count = wholeNumber('--instalments', args.installments, 1, 1, 120);
  const graceDays = wholeNumber('--grace', args.grace, DEFAULT_ARRANGEMENT_GRACE_DAYS, 0, 60);
  const every = (args.every ?? 'month') as Every;
  if (!['week', 'fortnight', 'month'].includes(every)) throw new UsageError(`--every ${args.every}: must be week, fortnight or month`);
  if (!args.cancel && args.start === undefined) throw new UsageError('--start: give the day the first instalment is due (YYYY-MM-DD)');

  const work = async (outbox: Outbox | null, events: EventLog): Promise<ArrangeReport> => {
    const customer = resolveCustomer(db, args.customer);
    settleArrangements(db, events, asOf, customer);
    const current = loadArrangementStandings(db, asOf, customer).get(customer);
    const active = current?.arrangement.status === 'active' ? current.arrangement : null;
    const report = (p: NonNullable<typeof active>, status: ArrangeReport['status']): ArrangeReport => ({
      customer,
      plan: p.id,
      status,
      currency: p.currency,
      invoices: p.invoices,
      installments: p.installments.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amount: moneyJson(i.amount, p.currency) })),
      total: moneyJson(p.installments.reduce((s, i) => s + i.amount, 0), p.currency),
      graceDays: p.graceDays,
      letter: null,
    });
    if (args.cancel) {
      if (!active) throw new UsageError(`${customer} has no payment plan running; nothing to cancel`);
      closeArrangement(db, events, active, 'cancelled', asOf, 'cancelled by hand');
      return report(active, 'cancelled');
    }
    if (active) throw new UsageError(`${customer} already has a payment plan (#${active.id}); cancel it first with \`dunning arrange ${shellQuote(customer)} --cancel\``);

    const start = anyDate('--start', args.start!);
    if (start < asOf) throw new UsageError(`--start ${start}: is before ${asOf}; the first instalment falls due on or after today`);
    const open = openBalances(db, customer);
    const owed = open.filter((i) => i.balance > 0);
    const currencies = [...new Set(owed.map((i) => i.currency))];
    const currency = args.currency?.toUpperCase() ?? (currencies.length === 1 ? currencies[0] : undefined);
    if (currency === undefined) {
      throw new UsageError(currencies.length === 0 ? `${customer} owes nothing; no plan is needed` : `${customer} owes in ${currencies.join(' and ')}: say which with --currency (one plan per currency)`);
    }
    const covered = owed.filter((i) => i.currency === currency);
    if (covered.length === 0) throw new UsageError(`--currency ${currency}: ${customer} owes nothing in ${currency}`);
    const net = open.filter((i) => i.currency === currency).reduce((s, i) => s + i.balance, 0);
    let total = net;
    if (args.amount !== undefined) {
      const parsed = parseDecimal(args.amount, currency);
      if (!parsed.ok) throw new UsageError(`--amount: ${parsed.message}`);
      total = parsed.minor;
    }
    if (total <= 0) throw new UsageError(`${customer}: credits cover what is owed in ${currency}; no plan is needed`);
    if (total > net) throw new UsageError(`--amount ${args.amount}: more than the ${formatDecimal(net, currency)} ${currency} ${customer} owes`);
    if (total < count) throw new UsageError(`--instalments ${count}: more instalments than minor units in ${formatDecimal(total, currency)} ${currency}`);

    const installments = scheduleInstallments(total, count, every, start);
    const invoices = covered.map((i) => i.number);
    const id = createArrangement(db, events, { customerId: customer, currency, on: asOf, graceDays, installments, invoices });
    const done = report({ id, customerId: customer, currency, createdOn: asOf, graceDays, status: 'active', closedOn: null, installments, invoices }, 'active');
    if (!outbox) return { ...done, letter: { skipped: 'not-asked' } };
    const account = loadAccounts(db, asOf, customer)[0]!;
    const letter = arrangementConfirmation(account, drafting!.loaded.policy, { currency, installments, invoices });
    if (!letter) return { ...done, letter: { skipped: 'no-contact-details' } };
    const drafted = await outbox.draft(letter, account.customer, { runId: null });
    return { ...done, letter: { file: drafted.path } };
  };
  if (drafting) return withOutbox(db, drafting.ws, drafting.loaded, moment, (outbox, events) => work(outbox, events));
  return writeTransaction(db, () => work(null, new EventLog(db, moment.stamp)));
}
