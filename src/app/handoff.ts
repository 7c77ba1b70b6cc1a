import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Customer, InvoiceState } from '../domain/account.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { formatDecimal, moneyJson, totalsByCurrency, type MoneyJson } from '../domain/money.js';
import type { HandoffNotice, PlannedLetter } from '../domain/plan.js';
import { stageIndex, type Policy } from '../domain/policy.js';
import { shellQuote } from '../domain/shell-quote.js';
import { contactHistory, type ContactRecord } from '../ledger/contacts.js';
import { hasArrangement } from '../ledger/arrangements.js';
import { invoicesOf, paymentsOf, type InvoiceRecord } from '../ledger/customer-records.js';
import { findCustomer } from '../ledger/customers.js';
import { EventLog } from '../ledger/events.js';
import { activeHolds, placeHold } from '../ledger/holds.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { letterContext } from '../letters/context.js';
import { LetterRenderer } from '../letters/render.js';
import { TemplateStore } from '../letters/templates.js';
import { htmlPage, sha256 } from '../letters/write.js';
import { auditCsv, auditTrail, csvCell } from './audit.js';
import type { LoadedConfig } from './config.js';
import type { Moment, Workspace } from './workspace.js';

export interface HandoffReport {
  customer: string;
  dir: string;
  files: string[];
  letters: number;
  outstanding: MoneyJson[];
  /** Whether the whole customer is on hold: if not, `run` still writes to them about new invoices. */
  onHold: boolean;
  /** This hand-off placed the hold ("handed off"); false with --no-hold or when one was already in force. */
  held: boolean;
  /** Handed off with --force below the hand-off stage; the cover note says so. */
  forced: boolean;
  /** The highest stage the open invoices reached. */
  reached: string | null;
}

export interface HandoffOptions {
  to?: string;
  note?: string | null;
  /** Hand off an account whose letters have not reached the hand-off stage. */
  force?: boolean;
  /** Place the "handed off" hold on the customer (default), so `run` stops writing to them. */
  hold?: boolean;
}

type InvoiceRow = InvoiceRecord;

const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The highest stage the customer's open invoices reached, and whether that is below the hand-off stage. */
function standing(invoices: InvoiceRow[], policy: Policy): { reached: string | null; below: boolean } {
  const open = invoices.filter((i) => i.status === 'open' && i.amount_minor - i.paid > 0);
  const top = open.reduce((best, i) => Math.max(best, stageIndex(policy, i.stage)), -1);
  const flagAt = policy.stages.findIndex((s) => s.action === 'flag');
  return { reached: top >= 0 ? policy.stages[top]!.id : (open.find((i) => i.stage !== null)?.stage ?? null), below: flagAt >= 0 && top < flagAt };
}

/** A stage as a reader of the cover note says it: "second reminder", not the id `second-reminder`. */
const inWords = (id: string) => id.replace(/-/g, ' ');

/** What the cover note tells of the contacts: those that happened (not voided, not the owner's flags). */
function noticeOf(contacts: ContactRecord[], forced: boolean, reached: string | null, history: { partlyPaid: boolean; arrangement: boolean }): HandoffNotice {
  return {
    contacts: contacts
      .filter((c) => !c.voided && c.kind !== 'flag')
      .map((c) => ({ on: c.on, what: inWords(c.stage ?? c.kind), channel: c.channel, notes: c.notes })),
    forced,
    reached: reached === null ? null : inWords(reached),
    ...history,
  };
}

/** A statement of account: every invoice, what was paid, what is open, per currency. */
function statement(customer: Customer, invoices: InvoiceRow[], asOf: IsoDate): string {
  const open = invoices.filter((i) => i.status === 'open' && i.amount_minor !== i.paid);
  const lines = [
    `Statement of account: ${customer.name} (${customer.id}), as of ${asOf}`,
    '',
    ...invoices.map((i) => {
      const late = daysOverdue(i.due_date, asOf);
      const balance = i.amount_minor - i.paid;
      return (
        `${i.number.padEnd(14)} issued ${i.issue_date}  due ${i.due_date}  ${formatDecimal(i.amount_minor, i.currency).padStart(12)} ${i.currency}` +
        `  paid ${formatDecimal(i.paid, i.currency).padStart(12)}  open ${formatDecimal(balance, i.currency).padStart(12)}` +
        `${i.status === 'open' ? (balance > 0 && late > 0 ? `  ${late} days late` : '') : `  (${i.status})`}`
      );
    }),
    '',
    ...totalsByCurrency(open.map((i) => ({ currency: i.currency, minor: i.amount_minor - i.paid }))).map(
      (t) => `Outstanding ${t.currency}: ${formatDecimal(t.minor, t.currency)}`,
    ),
  ];
  return lines.join('\n') + '\n';
}

/** The cover note, from the `handoff` template, in the business's own language: it is for the agency. */
function coverNote(ws: Workspace, loaded: LoadedConfig, customer: Customer, invoices: InvoiceRow[], asOf: IsoDate, note: string | null, handoff: HandoffNotice) {
  const state = (i: InvoiceRow): InvoiceState => ({
    number: i.number,
    customerId: customer.id,
    issueDate: i.issue_date,
    dueDate: i.due_date,
    currency: i.currency,
    amount: i.amount_minor,
    paid: i.paid,
    balance: i.amount_minor - i.paid,
    stage: i.stage,
    stageOn: null,
    thanked: false,
    hold: false,
  });
  const open = invoices.filter((i) => i.status === 'open').map(state);
  const owed = open.filter((i) => i.balance > 0);
  const credits = open.filter((i) => i.balance < 0);
  const total = totalsByCurrency([...owed, ...credits].map((i) => ({ currency: i.currency, minor: i.balance })));
  const letter: PlannedLetter = {
    customerId: customer.id,
    stage: 'handoff',
    template: 'handoff',
    channel: 'letter',
    lines: owed.map((invoice) => ({ invoice, stageAfter: invoice.stage, climbs: false })),
    credits,
    thanks: [],
    total,
    handoff,
  };
  const locale = loaded.config.locale;
  const lang = locale.split('-')[0]!.toLowerCase();
  const renderer = new LetterRenderer(new TemplateStore(existsSync(ws.templatesDir) ? ws.templatesDir : null));
  const rendered = renderer.render(lang, 'handoff', letterContext(letter, customer, loaded.business, asOf, locale, note));
  return { rendered, lang, total };
}

/** Copies each contact's letters into the package; one row per contact for contacts.csv. */
function contactRows(ws: Workspace, partial: string, contacts: ContactRecord[]): { rows: (string | null)[][]; copied: number } {
  let copied = 0;
  const rows = contacts.map((c) => {
    for (const f of c.files) {
      const source = join(ws.outboxDir, f.path);
      if (existsSync(source)) {
        copyFileSync(source, join(partial, 'letters', basename(f.path)));
        copied++;
      }
    }
    return [c.on, c.kind, c.channel, c.stage, c.invoices.join(' '), c.voided ? 'voided' : '', c.notes, c.files.map((f) => `letters/${basename(f.path)}`).join(' '), c.files.map((f) => f.sha256).join(' ')];
  });
  return { rows, copied };
}

/** Writes every file of the package into `partial`; returns the letters copied, the total owed and the manifest. */
function writePackage(db: Ledger, ws: Workspace, loaded: LoadedConfig, customer: Customer, asOf: IsoDate, partial: string, note: string | null, forced: boolean) {
  mkdirSync(join(partial, 'letters'), { recursive: true, mode: 0o700 });
  const write = (name: string, body: string | Buffer) => writeFileSync(join(partial, name), body, { mode: 0o600 });
  const invoices = invoicesOf(db, customer.id);
  const contacts = contactHistory(db, customer.id);
  const { reached } = standing(invoices, loaded.policy);
  const partlyPaid = invoices.some((i) => i.status === 'open' && i.amount_minor > 0 && i.paid > 0);
  const notice = noticeOf(contacts, forced, reached, { partlyPaid, arrangement: hasArrangement(db, customer.id) });
  const { rendered, lang, total } = coverNote(ws, loaded, customer, invoices, asOf, note, notice);
  write('cover-note.txt', `Subject: ${rendered.subject}\n\n${rendered.text}`);
  write('cover-note.html', htmlPage(rendered, lang));
  write('statement.txt', statement(customer, invoices, asOf));
  write('invoices.csv', csv([
    ['invoice', 'issue_date', 'due_date', 'currency', 'amount', 'paid', 'balance', 'status', 'stage'],
    ...invoices.map((i) => [i.number, i.issue_date, i.due_date, i.currency, formatDecimal(i.amount_minor, i.currency), formatDecimal(i.paid, i.currency), formatDecimal(i.amount_minor - i.paid, i.currency), i.status, i.stage]),
  ]));
  write('payments.csv', csv([
    ['invoice', 'paid_on', 'currency', 'amount', 'reference', 'source'],
    ...paymentsOf(db, customer.id).map((p) => [p.invoice_number, p.paid_on, p.currency, formatDecimal(p.amount_minor, p.currency), p.reference, p.source]),
  ]));
  const { rows, copied } = contactRows(ws, partial, contacts);
  write('contacts.csv', csv([['date', 'kind', 'channel', 'stage', 'invoices', 'voided', 'notes', 'letter', 'sha256'], ...rows]));
  write('audit.csv', auditCsv(auditTrail(db, { customer: customer.id })));
  const listed = [...readdirSync(partial).filter((f) => f !== 'letters'), ...readdirSync(join(partial, 'letters')).map((f) => `letters/${f}`)].sort();
  const sums = listed.map((f) => `${sha256(readFileSync(join(partial, f)))}  ${f}`).join('\n') + '\n';
  write('SHA256SUMS', sums);
  return { copied, contacts: contacts.length, total, files: [...listed, 'SHA256SUMS'].sort(), manifest: sha256(sums), reached };
}

/** A hand-off below the hand-off stage needs --force: the letters have not run their course. */
function refuseEarlyHandoff(db: Ledger, policy: Policy, customerId: string, force: boolean): void {
  const { reached, below } = standing(invoicesOf(db, customerId), policy);
  if (!below || force) return;
  throw new UsageError(
    `${customerId} stands at ${reached ?? 'no letter yet'}, below the hand-off stage: the letters have not run their course; ` +
      `to hand the account over anyway: dunning handoff ${shellQuote(customerId)} --force (the cover note says so)`,
  );
}

/**
 * The package for an agency or a lawyer: a statement of account, every invoice and payment,
 * every contact with a copy of its letter, the customer's audit extract and a cover note that
 * lists the contacts that happened, with a SHA256SUMS file to prove the copies. Written beside
 * the ledger (or --to DIR), recorded as an event; the customer is put on hold ("handed off")
 * unless `hold: false`, so `run` stops writing to them.
 */
export async function writeHandoff(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, customerId: string, options: HandoffOptions = {}): Promise<HandoffReport> {
  const { asOf } = moment;
  const customer = findCustomer(db, customerId);
  if (!customer) throw new UsageError(`${customerId}: no such customer in the ledger (\`dunning status\` lists them by id)`);
  const dir = resolve(options.to ?? join(ws.dir, 'handoff', `${customerId.replace(/[^A-Za-z0-9._-]+/g, '-')}-${asOf}`));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} already exists and is not empty; hand-off never overwrites (choose another --to DIR)`);
  const partial = `${dir}.partial`;
  // Never delete what is there: it may be a package half-written by a command that was stopped, or the user's own folder.
  if (existsSync(partial)) throw new UsageError(`${partial} already exists (a hand-off that was stopped midway?); look inside, then remove it or choose another --to DIR`);
  const forced = Boolean(options.force) && standing(invoicesOf(db, customerId), loaded.policy).below;
  try {
    const report = await writeTransaction(db, async () => {
      refuseEarlyHandoff(db, loaded.policy, customerId, Boolean(options.force));
      const pkg = writePackage(db, ws, loaded, customer, asOf, partial, options.note ?? null, forced);
      const events = new EventLog(db, moment.stamp);
      const outstanding = pkg.total.map((t) => moneyJson(t.minor, t.currency));
      events.append({
        kind: 'handoff',
        customerId,
        data: { dir, asOf, letters: pkg.copied, contacts: pkg.contacts, outstanding, manifest: pkg.manifest, forced, reached: pkg.reached },
      });
      const wasHeld = activeHolds(db, customerId, asOf).some((h) => h.invoice_number === null);
      const held = options.hold !== false && !wasHeld;
      if (held) placeHold(db, events, { target: { customerId }, reason: 'handed off', on: asOf, until: null });
      return { customer: customerId, dir, files: pkg.files, letters: pkg.copied, outstanding, onHold: wasHeld || held, held, forced, reached: pkg.reached };
    });
    rmSync(dir, { recursive: true, force: true }); // an empty folder the user named, checked above
    renameSync(partial, dir);
    return report;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}
