import type { ChalkInstance } from 'chalk';
import type { AgingReport, AllReports, CeiReport, DsoReport, StagesJson } from '../app/report.js';
import { BUCKETS, type Bucket } from '../report/aging.js';
import { bar, sparkline } from '../report/charts.js';
import { curedWords, moneyList as money, periodCeiNote, tenth } from '../report/words.js';
import { table } from './output.js';
import { customersView } from '../report/customers-text.js';

export { customersView };

/**
 * `report` on a terminal: tables, bar charts of the aging and trend lines of DSO and CEI in
 * Unicode blocks. Colour comes from `paint`, which leaves text as it is off a terminal.
 */
const BAR = 32;

function bucketColour(paint: ChalkInstance, b: Bucket): (s: string) => string {
  return b === 'current' ? paint.green : b === '1-30' ? paint.yellow : b === '31-60' ? paint.yellow : paint.red;
}

/** Per currency: one bar per bucket, scaled to the largest, and the credits and totals beside. */
export function agingChart(r: AgingReport, paint: ChalkInstance): string {
  if (r.totals.length === 0) return `Nothing was owed on ${r.asOf}.`;
  const out: string[] = [];
  for (const t of r.totals) {
    const max = Math.max(...BUCKETS.map((b) => t.buckets[b].minor));
    out.push(`${paint.bold(t.currency)}  open ${t.open.amount}, overdue ${t.overdue.amount}, credits ${t.credits.amount}`);
    const rows = BUCKETS.map((b) => [`  ${b}`, t.buckets[b].amount, bucketColour(paint, b)(bar(t.buckets[b].minor, max, BAR))]);
    rows.push(['  credits', t.credits.amount, '']);
    out.push(table(rows.map((x) => x.map(String))).replace(/\n?$/, ''));
  }
  return out.join('\n');
}

/**
 * The aging: the charts of the totals, then a row per customer and currency. `rows`: those rows
 * already as text (app.agingLines), else made from the report's customers.
 */
export function agingView(r: AgingReport, paint: ChalkInstance, rows: string[][] = agingCells(r)): string {
  const head = `Receivables by age on ${r.asOf} (days past the due date)\n\n${agingChart(r, paint)}`;
  if (rows.length === 0) return head;
  return `${head}\n\n${table([['customer', 'name', 'currency', ...BUCKETS, 'credits'], ...rows])}`;
}

const agingCells = (r: AgingReport) => r.customers.flatMap((c) => c.totals.map((t) => [c.id, c.name, t.currency, ...BUCKETS.map((b) => t.buckets[b].amount), t.credits.amount]));

function rating(paint: ChalkInstance, value: number | null, r: string | null): string {
  const text = `${tenth(value)}${value === null ? '' : '%'}`;
  return r === 'strong' ? paint.green(text) : r === 'weak' ? paint.red(text) : text;
}

/** A note in brackets after a figure, or nothing. */
const noted = (note: string) => (note === '' ? '' : ` (${note})`);

/** Per currency: the trend of a figure over the months, and its latest value. */
function trends(rows: { currency: string; month: string }[], value: (i: number) => number | null, label: string, show: (v: number | null) => string): string[] {
  const currencies = [...new Set(rows.map((x) => x.currency))];
  return currencies.map((c) => {
    const idx = rows.flatMap((x, i) => (x.currency === c ? [i] : []));
    const values = idx.map(value);
    return `  ${c}  ${label} ${sparkline(values)}  ${rows[idx[0]!]!.month}..${rows[idx.at(-1)!]!.month}, latest ${show(values.at(-1) ?? null)}`;
  });
}

export function ceiView(r: CeiReport, paint: ChalkInstance): string {
  const lines = [`Collection effectiveness index (CRF), ${r.from} to ${r.to}, as of ${r.asOf}`, `reference: ${r.reference.strong}% or more is strong, ${r.reference.weak}% or less is weak`, ''];
  if (r.rows.length === 0) return `${lines.join('\n')}No invoices in these months.`;
  lines.push(...trends(r.rows, (i) => r.rows[i]!.cei, 'CEI', (v) => rating(paint, v, null)), '');
  lines.push(table([['currency', 'month', 'beginning', 'sales', 'ending', 'not yet due', 'CEI'], ...r.rows.map((x) => [x.currency, x.month, x.beginning.amount, x.sales.amount, x.ending.amount, x.endingCurrent.amount, rating(paint, x.cei, x.rating)])]));
  lines.push('', ...r.period.map((p) => `Period ${r.from}..${r.to} ${p.currency}: CEI ${rating(paint, p.cei, p.rating)}${noted(periodCeiNote(p, r.from))}`));
  return lines.join('\n');
}

export function dsoView(r: DsoReport): string {
  const lines = [`Days sales outstanding (countback), ${r.from} to ${r.to}, as of ${r.asOf}`, ''];
  if (r.rows.length === 0) return `${lines.join('\n')}No invoices in these months.`;
  lines.push(...trends(r.rows, (i) => r.rows[i]!.dso, 'DSO', tenth), '');
  lines.push(table([['currency', 'month', 'DSO', 'best possible', 'avg days delinquent'], ...r.rows.map((x) => [x.currency, x.month, tenth(x.dso), tenth(x.bestPossibleDso), tenth(x.averageDaysDelinquent)])]));
  return lines.join('\n');
}

export function stagesView(r: StagesJson): string {
  const a = r.accounts;
  const words = curedWords(a);
  const share = words === null ? '' : `; ${words}`;
  const head = `What each letter collects, up to ${r.asOf}${share}`;
  if (r.stages.length === 0) return `${head}\n\nNo letters yet.`;
  const rows = r.stages.map((s) => [s.stage, String(s.letters), String(s.invoices), `${s.paidWithin14Days.count}`, money(s.paidWithin14Days.amount), `${s.paidBeforeNextStage.count}`, money(s.paidBeforeNextStage.amount), tenth(s.medianDaysToPay)]);
  return `${head}\n\n${table([['stage', 'letters', 'invoices', 'paid <=14 d', 'amount', 'paid before next', 'amount', 'median days'], ...rows])}`;
}


/** One screen of everything: the aging bars, the trends, the stages and the customers most overdue. */
export function overviewView(r: AllReports, paint: ChalkInstance): string {
  // allReports kept the customers whose debt is oldest, oldest first.
  const top = r.customers.customers;
  const cei = r.cei.period.map((p) => `  ${p.currency}  CEI ${r.cei.from}..${r.cei.to}: ${rating(paint, p.cei, p.rating)}${noted(periodCeiNote(p, r.cei.from, '; >= 80% strong, <= 50% weak'))}`);
  return [
    `Receivables on ${r.asOf}`,
    '',
    agingChart(r.aging, paint),
    '',
    'How fast we collect',
    ...trends(r.dso.rows, (i) => r.dso.rows[i]!.dso, 'DSO', tenth),
    ...trends(r.cei.rows, (i) => r.cei.rows[i]!.cei, 'CEI', (v) => rating(paint, v, null)),
    ...cei,
    '',
    stagesView(r.stages),
    '',
    'Oldest debts',
    top.length === 0 ? '  nobody' : customersView({ ...r.customers, customers: top }),
    '',
    'More: dunning report aging|dso|cei|stages|customers, --csv, --html FILE',
  ].join('\n');
}
