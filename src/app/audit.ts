import { formatDecimal } from '../domain/money.js';
import type { EventRow } from '../ledger/events.js';
import { auditRows } from '../ledger/audit-rows.js';
import type { Ledger } from '../ledger/open.js';
import { DELIVERY_SUMMARIES } from '../send/summaries.js';

/** One event of the audit trail as `audit` shows and exports it. */
export interface AuditEntry {
  id: number;
  /** UTC ISO 8601. */
  at: string;
  /** The OS user who ran the command. */
  actor: string;
  kind: string;
  customer: string | null;
  invoice: string | null;
  /** In words: what happened. */
  what: string;
  /** Letter files written, relative to the outbox, with the SHA-256 recorded when they were written. */
  files: { path: string; sha256: string }[];
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  customer?: string;
  /** Events on or after this UTC day (YYYY-MM-DD). */
  since?: string;
}

type Data = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? v : []);
const money = (m: unknown) => {
  const { amount, currency } = (m ?? {}) as { amount?: string; currency?: string };
  return `${amount} ${currency}`;
};
const instalments = (v: unknown) => {
  const all = list(v) as { dueOn?: string }[];
  return `${all.length === 1 ? 'one instalment' : `${all.length} instalments`}${all[0]?.dueOn ? ` from ${all[0].dueOn}` : ''}`;
};
const changes = (d: Data) =>
  Object.entries((d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>)
    .map(([k, c]) => `${k} ${String(c.from)} -> ${String(c.to)}`)
    .join(', ');
const invoiceNumbers = (v: unknown) => list(v).map((i) => (typeof i === 'object' && i ? (i as { number: string }).number : String(i))).join(', ');

/** What each kind of event says, in words; a kind this code does not know shows its data. */
const SUMMARIES: Record<string, (d: Data) => string> = {
  import: (d) => `imported ${d.file} (${d.added} added, ${d.updated} updated, ${d.payments} payments; sha256 ${String(d.sha256).slice(0, 12)})`,
  'customer-updated': (d) => `customer changed ${d.file ? `by ${d.file}` : 'by hand'}: ${changes(d)}`,
  'payment-void': (d) => `payment ${d.payment} of ${money(d.amount)} (paid ${d.paidOn}) voided: ${d.reason}`,
  'invoice-updated': (d) => `invoice changed by ${d.file}: ${changes(d)}`,
  payment: (d) => `payment of ${formatDecimal(Number(d.minor), String(d.currency))} ${d.currency} on ${d.on} (${d.source})`,
  note: (d) => `note of a contact by ${d.channel}: ${d.text}`,
  plan: (d) => `payment plan #${d.plan} agreed: ${money(d.total)} in ${instalments(d.installments)}, covering ${invoiceNumbers(d.invoices)}`,
  'plan-completed': (d) => `payment plan #${d.plan} completed`,
  'plan-missed': (d) => `payment plan #${d.plan} missed${d.reason ? `: ${d.reason}` : ''}; dunning resumes`,
  'plan-cancelled': (d) => `payment plan #${d.plan} cancelled${d.reason ? `: ${d.reason}` : ''}`,
  letter: (d) =>
    `${d.stage} letter by ${d.channel}${d.run === null ? ' (drafted by hand)' : ` (run ${d.run})`}: ${invoiceNumbers(d.invoices)}; ` +
    `${list(d.total).map(money).join(' + ')}${d.personalNote ? '; with a personal note' : ''}`,
  'thank-you': (d) => `thank-you letter by ${d.channel} for ${invoiceNumbers(d.thanked)}`,
  flag: (d) => `flagged (${d.reason}): ${invoiceNumbers(d.invoices)}`,
  run: (d) => `run for ${d.asOf}: ${d.letters} letters, ${list(d.flagged).length} flagged, ${list(d.skipped).length} not contacted`,
  hold: (d) => `hold placed: ${d.reason}${d.until ? ` (until ${d.until})` : ''}`,
  release: (d) => `hold released${d.reason ? `: ${d.reason}` : ''}`,
  skip: (d) => `${d.stage} letter skipped in review: ${d.reason}`,
  review: (d) => `review for ${d.asOf}: ${list(d.letters).length} letters approved, ${list(d.skipped).length} skipped, ${list(d.held).length} held`,
  handoff: (d) => `hand-off package for ${d.to ?? 'the agency'} written to ${d.dir}`,
  ...DELIVERY_SUMMARIES,
};

export function summarise(kind: string, data: Data): string {
  const f = SUMMARIES[kind];
  if (f) return f(data);
  return Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}

export function toEntry(row: EventRow): AuditEntry {
  const data = JSON.parse(row.data) as Data;
  const files = list(data.files).filter((f): f is { path: string; sha256: string } => typeof f === 'object' && f !== null && 'sha256' in f);
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    kind: row.kind,
    customer: row.customer_id,
    invoice: row.invoice_number,
    what: summarise(row.kind, data),
    files,
    data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The audit trail, oldest first, optionally for one customer and from one day on. */
export function auditTrail(db: Ledger, filter: AuditFilter = {}): AuditEntry[] {
  return auditRows(db, filter).map(toEntry);
}

export const CSV_COLUMNS = ['id', 'at', 'actor', 'kind', 'customer', 'invoice', 'what', 'file', 'sha256', 'hash'] as const;

/**
 * A CSV cell safe to open in a spreadsheet: text that starts like a formula (=, +, -, @, tab,
 * carriage return) gets a leading apostrophe so it is shown, never evaluated; quoted as RFC 4180.
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.id,
    e.at,
    e.actor,
    e.kind,
    e.customer,
    e.invoice,
    e.what,
    e.files.map((f) => f.path).join(' '),
    e.files.map((f) => f.sha256).join(' '),
    e.hash,
  ]);
  return [CSV_COLUMNS as readonly string[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
