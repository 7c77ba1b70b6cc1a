import type { IsoDate } from '../domain/dates.js';
import { formatMoney, type MoneyJson } from '../domain/money.js';
import { customerEvents } from '../ledger/audit-rows.js';
import type { Ledger } from '../ledger/open.js';
import { deliverySummary } from '../send/summaries.js';

/** One event of an account's history, as `show` prints it. */
export interface TimelineEntry {
  event: number;
  /** The day it happened in the business (the as-of day); `at` is when it was recorded. */
  on: IsoDate;
  at: string;
  actor: string;
  kind: string;
  invoice: string | null;
  summary: string;
  data: Record<string, unknown>;
}

type Data = Record<string, unknown>;
/** Money as a person reads it ("£1,640.00"), from the {minor, currency} an event records. */
const money = (m: unknown) => (m && typeof m === 'object' ? formatMoney((m as MoneyJson).minor, (m as MoneyJson).currency) : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : (x as { number: string }).number)).join(', ') : '');

/** Plain words for an event, one line. */
function summarise(kind: string, d: Data, invoice: string | null): string {
  switch (kind) {
    case 'letter':
      return `${d.stage} letter (${d.channel}) about ${list(d.invoices)}${d.planMissed ? '; says the payment plan was missed' : ''}${Array.isArray(d.fees) && d.fees.length > 0 ? `; charged ${(d.fees as { amount: MoneyJson }[]).map((f) => money(f.amount)).join(' + ')}` : ''}`;
    case 'thank-you':
      return `thank-you letter for ${list(d.thanked)}`;
    case 'flag':
      return d.reason === 'handoff' ? `flagged for hand-off: ${list(d.invoices)}` : `flagged: ${String(d.reason)}`;
    case 'payment':
      return `payment of ${d.amount ? money(d.amount) : money({ minor: d.minor, currency: d.currency })} on ${invoice ?? ''}${d.reference ? ` (ref ${d.reference})` : ''}${d.source === 'import' ? ` (from ${d.file})` : ''}`;
    case 'payment-void':
      return `payment ${d.payment} of ${money(d.amount)} on ${invoice ?? ''} voided: ${d.reason}`;
    case 'hold':
      return `hold on ${invoice ?? 'the whole account'}: ${d.reason}${d.until ? ` (until ${d.until})` : ''}`;
    case 'release':
      return `hold released on ${invoice ?? 'the whole account'}${d.reason ? `: ${d.reason}` : ''}`;
    case 'plan':
      return `payment plan #${d.plan}: ${money(d.total)} in ${(d.installments as unknown[]).length === 1 ? 'one instalment' : `${(d.installments as unknown[]).length} instalments`} from ${(d.installments as { dueOn: string }[])[0]?.dueOn}, covering ${list(d.invoices)}`;
    case 'plan-completed':
      return `payment plan #${d.plan} completed`;
    case 'plan-missed':
      return `payment plan #${d.plan} missed: ${d.reason}; dunning resumes`;
    case 'plan-cancelled':
      return `payment plan #${d.plan} cancelled`;
    case 'note':
      return `note (${d.channel}): ${d.text}`;
    case 'stale-release':
      return `${invoice ?? ''} released from stale: dunned from ${d.on}${d.reason ? ` (${d.reason})` : ''}`;
    case 'write-off':
      return `${invoice ?? ''} written off: ${d.reason}`;
    case 'handoff':
      return `handed off${d.forced ? ` early (at ${d.reached ?? 'no letter yet'})` : ''}: package in ${d.dir}, outstanding ${(Array.isArray(d.outstanding) ? d.outstanding : []).map(money).join(', ')}`;
    case 'invoice-updated':
    case 'customer-updated':
      return `${kind.replace('-', ' ')} ${d.file ? `by ${d.file}` : 'by hand'}: ${Object.keys((d.changes as Data) ?? {}).join(', ')}`;
    default:
      return deliverySummary(kind, d) ?? kind;
  }
}

/** Does an event concern this invoice (by column, or by the invoices its data names)? */
function names(d: Data, column: string | null, invoice: string): boolean {
  if (column === invoice) return true;
  return ['invoices', 'thanked'].some((k) => Array.isArray(d[k]) && (d[k] as unknown[]).some((x) => x === invoice || (x as { number?: string })?.number === invoice));
}

/** Every event of a customer (or of one of its invoices), oldest first. */
export function timelineOf(db: Ledger, customerId: string, invoice: string | null = null): TimelineEntry[] {
  const rows = customerEvents(db, customerId);
  const out: TimelineEntry[] = [];
  for (const r of rows) {
    const data = JSON.parse(r.data) as Data;
    // Customer-wide holds and plans concern each of its invoices too.
    if (invoice !== null && !names(data, r.invoice_number, invoice) && !(r.invoice_number === null && ['hold', 'release', 'note'].includes(r.kind))) continue;
    const on = (typeof data.on === 'string' ? data.on : typeof data.asOf === 'string' ? data.asOf : r.at.slice(0, 10)) as IsoDate;
    out.push({ event: r.id, on, at: r.at, actor: r.actor, kind: r.kind, invoice: r.invoice_number, summary: summarise(r.kind, data, r.invoice_number), data });
  }
  return out;
}
