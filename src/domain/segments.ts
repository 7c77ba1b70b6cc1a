import type { Stage } from './policy.js';

/**
 * Segments by payment history. A customer who has always paid on time may be given more grace,
 * or a gentler ladder, but only as the owner configured: nothing here adapts on its own.
 */
export interface PaymentHistory {
  /** Invoices paid in full (credit notes excluded). */
  paidInvoices: number;
  /** Of those, paid on or before their due date. */
  onTime: number;
  /** Sum over paid invoices of the days each was paid after its due date (0 when on time). */
  daysLateTotal: number;
}

export interface SegmentRule {
  id: string;
  /** The history must cover at least this many paid invoices. */
  minPaidInvoices: number;
  /** Whole percent: at least this share of paid invoices was paid on time. */
  minOnTimePercent: number | null;
  /** Paid on average at most this many days late. */
  maxAverageDaysLate: number | null;
  /** Days added before every overdue stage falls due. */
  extraGraceDays: number;
  /** A ladder of its own (use the same stage ids so a customer changing segment keeps its place). */
  stages: Stage[] | null;
}

export const NO_HISTORY: PaymentHistory = { paidInvoices: 0, onTime: 0, daysLateTotal: 0 };

/** The first configured segment the history qualifies for. Integer comparisons: no rounding. */
export function segmentOf(history: PaymentHistory | undefined, rules: readonly SegmentRule[] | undefined): SegmentRule | null {
  const h = history ?? NO_HISTORY;
  for (const r of rules ?? []) {
    if (h.paidInvoices === 0 || h.paidInvoices < r.minPaidInvoices) continue;
    if (r.minOnTimePercent !== null && h.onTime * 100 < r.minOnTimePercent * h.paidInvoices) continue;
    if (r.maxAverageDaysLate !== null && h.daysLateTotal > r.maxAverageDaysLate * h.paidInvoices) continue;
    return r;
  }
  return null;
}

/** For people: on-time rate in whole percent and average days late to one decimal, or null. */
export function historySummary(history: PaymentHistory | undefined): { paidInvoices: number; onTimePercent: number | null; averageDaysLate: number | null } {
  const h = history ?? NO_HISTORY;
  if (h.paidInvoices === 0) return { paidInvoices: 0, onTimePercent: null, averageDaysLate: null };
  return {
    paidInvoices: h.paidInvoices,
    onTimePercent: Math.round((h.onTime * 100) / h.paidInvoices),
    averageDaysLate: Math.round((h.daysLateTotal * 10) / h.paidInvoices) / 10,
  };
}
