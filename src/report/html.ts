import type { AgingJson, AllReports } from '../app/report.js';
import { BUCKETS } from './aging.js';
import { curedWords, moneyList as money, pastDayWords, periodCeiNote, tenth } from './words.js';

/**
 * Every report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
 * font or image from anywhere else; prints on A4 with each section kept together where it fits.
 * Every text from the ledger is escaped.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
/** Text as HTML; most cells (amounts, dates, ids) have nothing to escape and are returned as they are. */
const esc = (s: string | number | null) => {
  const text = String(s ?? '-');
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
};
/** A note in brackets after a figure, escaped, or nothing. */
const note = (text: string) => (text === '' ? '' : ` (${esc(text)})`);

const COLOURS = { current: '#2e7d32', '1-30': '#f9a825', '31-60': '#ef6c00', '61-90': '#d84315', '90+': '#b71c1c' } as const;

const CSS = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;margin:2em auto;max-width:60em;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0;font-variant-numeric:tabular-nums}
th,td{padding:.2em .6em;border-bottom:1px solid #e4e4e4;text-align:left}td.n,th.n{text-align:right}
.note{color:#555}.strong{color:#2e7d32}.weak{color:#b71c1c}svg{display:block;margin:.5em 0}
section{break-inside:avoid-page}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}a{color:inherit}}
@page{size:A4;margin:15mm}`;

function table(head: string[], rows: (string | number | null)[][], numeric: number[]): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="n"' : '');
  return `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** One currency's buckets as horizontal bars, each labelled with its amount. */
function agingBars(t: AgingJson): string {
  const max = Math.max(1, ...BUCKETS.map((b) => t.buckets[b].minor));
  const rowH = 24;
  const bars = BUCKETS.map((b, i) => {
    const w = Math.max(0, Math.round((t.buckets[b].minor / max) * 360));
    const y = i * rowH;
    return `<text x="0" y="${y + 16}">${esc(b)}</text><rect x="70" y="${y + 4}" width="${w}" height="16" fill="${COLOURS[b]}"/><text x="${76 + w}" y="${y + 16}">${esc(t.buckets[b].amount)}</text>`;
  }).join('');
  return `<svg role="img" aria-label="aging of ${esc(t.currency)}" width="560" height="${BUCKETS.length * rowH + 4}" font-size="12" >${bars}</svg>`;
}

/** A line over the months per currency; `marks` draws reference lines (CEI's 80 and 50). */
function lineChart(label: string, rows: { currency: string; month: string }[], value: (i: number) => number | null, marks: number[] = []): string {
  const W = 560;
  const H = 180;
  const left = 40;
  const months = [...new Set(rows.map((r) => r.month))];
  const values = rows.map((_, i) => value(i)).filter((v): v is number => v !== null);
  if (months.length === 0 || values.length === 0) return '';
  const hi = Math.max(...values, ...marks, 1);
  const lo = Math.min(0, ...values);
  const x = (m: string) => left + (months.length === 1 ? (W - left) / 2 : (months.indexOf(m) / (months.length - 1)) * (W - left - 20));
  const y = (v: number) => 10 + (1 - (v - lo) / (hi - lo)) * (H - 40);
  const palette = ['#1565c0', '#6a1b9a', '#00838f', '#8d6e63', '#c62828', '#2e7d32'];
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const lines = currencies.map((c, k) => {
    const pts = rows.flatMap((r, i) => (r.currency === c && value(i) !== null ? [`${x(r.month).toFixed(1)},${y(value(i)!).toFixed(1)}`] : []));
    return `<polyline fill="none" stroke="${palette[k % palette.length]}" stroke-width="2" points="${pts.join(' ')}"/><text x="${W - 40}" y="${14 + k * 14}" fill="${palette[k % palette.length]}">${esc(c)}</text>`;
  });
  const refs = marks.map((m) => `<line x1="${left}" x2="${W - 20}" y1="${y(m)}" y2="${y(m)}" stroke="#999" stroke-dasharray="4 3"/><text x="0" y="${y(m) + 4}">${m}%</text>`);
  const axis = [months[0]!, months.at(-1)!].map((m, i) => `<text x="${x(m) - (i === 0 ? 0 : 40)}" y="${H - 8}">${esc(m)}</text>`);
  // The scale: the highest and lowest value drawn, unless a reference line already stands there.
  for (const v of [hi, lo]) if (!marks.includes(v)) axis.push(`<text x="0" y="${y(v) + 4}">${esc(Math.round(v))}</text>`);
  return `<svg role="img" aria-label="${esc(label)}" width="${W}" height="${H}" font-size="11" >${refs.join('')}${lines.join('')}${axis.join('')}</svg>`;
}

export function reportHtml(r: AllReports): string {
  const a = r.aging;
  const aging = a.totals.length === 0
    ? `<p>Nothing was owed on ${esc(a.asOf)}.</p>`
    : a.totals.map((t) => `<h3>${esc(t.currency)}: open ${esc(t.open.amount)}, overdue ${esc(t.overdue.amount)}, credits ${esc(t.credits.amount)}</h3>${agingBars(t)}`).join('') +
      table(['currency', ...BUCKETS, 'credits', 'open', 'overdue'], a.totals.map((t) => [t.currency, ...BUCKETS.map((b) => t.buckets[b].amount), t.credits.amount, t.open.amount, t.overdue.amount]), [1, 2, 3, 4, 5, 6, 7, 8]);
  const cei = r.cei;
  const ceiRows = table(['currency', 'month', 'beginning', 'sales', 'ending', 'not yet due', 'CEI %'], cei.rows.map((x) => [x.currency, x.month, x.beginning.amount, x.sales.amount, x.ending.amount, x.endingCurrent.amount, tenth(x.cei)]), [2, 3, 4, 5, 6]);
  const period = cei.period.map((p) => `<li>${esc(p.currency)}: <strong class="${esc(p.rating ?? '')}">${esc(tenth(p.cei))}%</strong>${note(periodCeiNote(p, cei.from))}</li>`).join('');
  const dso = r.dso;
  const dsoRows = table(['currency', 'month', 'DSO', 'best possible', 'average days delinquent'], dso.rows.map((x) => [x.currency, x.month, tenth(x.dso), tenth(x.bestPossibleDso), tenth(x.averageDaysDelinquent)]), [2, 3, 4]);
  const s = r.stages;
  const words = curedWords(s.accounts);
  const cured = words === null ? '' : `<p>${words}.</p>`;
  const stages = s.stages.length === 0 ? '<p>No letters yet.</p>' : table(['stage', 'letters', 'invoices', 'paid within 14 days', 'amount', 'paid before next stage', 'amount', 'median days to pay'], s.stages.map((x) => [x.stage, x.letters, x.invoices, x.paidWithin14Days.count, money(x.paidWithin14Days.amount), x.paidBeforeNextStage.count, money(x.paidBeforeNextStage.amount), tenth(x.medianDaysToPay)]), [1, 2, 3, 5, 7]);
  const c = r.customers.customers;
  const customers = c.length === 0 ? '<p>No customer owed anything.</p>' : table(['customer', 'name', 'on time %', 'avg days late', 'balance', 'overdue', 'stage', 'last contact', 'next action'], c.map((x) => [x.id, x.name, tenth(x.onTimeRate), tenth(x.averageDaysLate), money(x.balance), money(x.overdue), x.stage, x.lastContact, x.nextAction]), [2, 3]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Receivables report, ${esc(r.asOf)}</title><style>${CSS}</style></head>
<body>
<h1>Receivables report</h1><p class="note">As of ${esc(r.asOf)}; months ${esc(cei.from)} to ${esc(cei.to)}. Amounts per currency, never added across currencies.</p>
<section id="aging"><h2>Aging</h2>${aging}</section>
<section id="dso"><h2>Days sales outstanding (countback)</h2>${lineChart('DSO by month', dso.rows, (i) => dso.rows[i]!.dso)}${dsoRows}</section>
<section id="cei"><h2>Collection effectiveness index</h2><p class="note">80% or more is strong; 50% or less is weak.</p>${lineChart('CEI by month', cei.rows, (i) => cei.rows[i]!.cei, [80, 50])}<ul>${period}</ul>${ceiRows}</section>
<section id="stages"><h2>What each letter collects</h2>${cured}${stages}</section>
<section id="customers"><h2>Customers</h2>${customers}${r.customers.nextActionsKnown ? '' : `<p>${esc(pastDayWords(r.asOf))}</p>`}</section>
</body></html>
`;
}
