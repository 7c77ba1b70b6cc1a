import { UsageError } from '../domain/errors.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { findPayment, invoiceBalance, listPayments, voidPayment, type PaymentRow } from '../ledger/payments.js';
import { writeTransaction } from '../ledger/transaction.js';
import { resolveTarget } from './target.js';
import type { Moment } from './workspace.js';

/** One payment in `payment list --json`. */
export interface PaymentEntry {
  id: number;
  invoice: string;
  customer: string;
  paidOn: string;
  amount: MoneyJson;
  reference: string | null;
  source: string;
  /** payment, export-paid (a newer invoice export said more was paid) or replaced. */
  kind: string;
  void: boolean;
  voidedOn: string | null;
  voidReason: string | null;
}

const entry = (p: PaymentRow): PaymentEntry => ({
  id: p.id,
  invoice: p.invoice,
  customer: p.customerId,
  paidOn: p.paidOn,
  amount: moneyJson(p.minor, p.currency),
  reference: p.reference,
  source: p.source,
  kind: p.kind,
  void: p.void,
  voidedOn: p.voidedOn,
  voidReason: p.voidReason,
});

/** Every payment of a customer or an invoice (or of the whole ledger), voided ones marked. */
export function paymentList(db: Ledger, target?: string): { payments: PaymentEntry[] } {
  if (target === undefined) return { payments: listPayments(db).map(entry) };
  const t = resolveTarget(db, target);
  const rows = t.kind === 'invoice' ? listPayments(db, { invoice: t.invoiceNumber }) : listPayments(db, { customerId: t.customerId });
  return { payments: rows.map(entry) };
}

export interface VoidReport {
  payment: PaymentEntry;
  /** What is open on the invoice now that the payment no longer counts. */
  balance: MoneyJson;
}

/**
 * Voids a payment typed twice or recorded against the wrong invoice: it stops counting in every
 * balance, plan and letter, and stays in the history, marked void, with the reason.
 */
export async function paymentVoid(db: Ledger, moment: Moment, args: { id: string; reason?: string }): Promise<VoidReport> {
  const reason = args.reason?.trim();
  if (!reason) throw new UsageError('--reason: say why the payment is voided (it goes in the audit trail)');
  if (!/^\d+$/.test(args.id)) throw new UsageError(`${args.id}: not a payment id (\`dunning payment list CUSTOMER\` shows the ids)`);
  return writeTransaction(db, async () => {
    const p = findPayment(db, Number(args.id));
    if (!p) throw new UsageError(`payment ${args.id}: no such payment in the ledger (\`dunning payment list CUSTOMER\` shows the ids)`);
    if (p.void) throw new UsageError(`payment ${p.id}: was voided already on ${p.voidedOn} (${p.voidReason})`);
    if (p.kind === 'replaced') {
      throw new UsageError(`payment ${p.id}: is the part of an export's "paid" figure that a dated payment replaced; void the dated payment instead`);
    }
    voidPayment(db, new EventLog(db, moment.stamp), p, moment.asOf, reason);
    const balance = invoiceBalance(db, p.invoice)!;
    return { payment: entry({ ...p, void: true, voidedOn: moment.asOf, voidReason: reason }), balance: moneyJson(balance.balance, p.currency) };
  });
}
