import type { AgingReport, CeiReport, CustomersReport, DsoReport, StagesJson } from '../app/report.js';
import { BUCKETS } from './aging.js';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A CSV cell for a spreadsheet: numbers as they are; text that starts like a formula (=, +, -,
 * @, tab, carriage return) gets a leading apostrophe so it is shown, never evaluated. RFC 4180.
 */
function cell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (!NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const lines = (rows: (string | number | null)[][]) => rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
const amounts = (list: { amount: string; currency: string }[]) => list.map((m) => `${m.amount} ${m.currency}`).join('; ');

export function agingCsv(r: AgingReport): string {
  const row = (scope: string, id: string, name: string, t: AgingReport['totals'][number]) => [scope, id, name, t.currency, ...BUCKETS.map((b) => t.buckets[b].amount), t.credits.amount, t.open.amount, t.overdue.amount];
  return lines([
    ['scope', 'customer', 'name', 'currency', ...BUCKETS, 'credits', 'open', 'overdue'],
    ...r.totals.map((t) => row('total', '', '', t)),
    ...r.customers.flatMap((c) => c.totals.map((t) => row('customer', c.id, c.name, t))),
  ]);
}

export function ceiCsv(r: CeiReport): string {
  return lines([
    ['currency', 'month', 'beginning', 'sales', 'ending', 'ending_current', 'cei'],
    ...r.rows.map((x) => [x.currency, x.month, x.beginning.amount, x.sales.amount, x.ending.amount, x.endingCurrent.amount, x.cei]),
    ...r.period.map((p) => [p.currency, `${r.from}..${r.to}`, null, null, null, null, p.cei]),
  ]);
}

export function dsoCsv(r: DsoReport): string {
  return lines([['currency', 'month', 'dso', 'best_possible_dso', 'average_days_delinquent'], ...r.rows.map((x) => [x.currency, x.month, x.dso, x.bestPossibleDso, x.averageDaysDelinquent])]);
}

export function stagesCsv(r: StagesJson): string {
  return lines([
    ['stage', 'letters', 'invoices', 'paid_within_14_days', 'paid_within_14_days_amount', 'paid_before_next_stage', 'paid_before_next_stage_amount', 'median_days_to_pay'],
    ...r.stages.map((s) => [s.stage, s.letters, s.invoices, s.paidWithin14Days.count, amounts(s.paidWithin14Days.amount), s.paidBeforeNextStage.count, amounts(s.paidBeforeNextStage.amount), s.medianDaysToPay]),
  ]);
}

export function customersCsv(r: CustomersReport): string {
  return lines([
    ['customer', 'name', 'on_time_rate', 'average_days_late', 'currency', 'balance', 'overdue', 'stage', 'last_contact', 'next_action'],
    ...r.customers.flatMap((c) =>
      c.balance.map((b) => [c.id, c.name, c.onTimeRate, c.averageDaysLate, b.currency, b.amount, c.overdue.find((o) => o.currency === b.currency)?.amount ?? '0', c.stage, c.lastContact, c.nextAction]),
    ),
  ]);
}
