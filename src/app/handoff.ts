import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Customer, InvoiceState } from '../domain/account.js';
import { daysOverdue, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import { formatDecimal, moneyJson, totalsByCurrency, type MoneyJson } from '../domain/money.js';
import type { PlannedLetter } from '../domain/plan.js';
import { EventLog } from '../ledger/events.js';
import { activeHolds } from '../ledger/holds.js';
import type { Ledger } from '../ledger/open.js';
import { PAID_BEFORE_IMPORT, paidSql } from '../ledger/payments.js';
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
}

interface InvoiceRow {
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  amount_minor: number;
  status: string;
  paid: number;
  stage: string | null;
}

interface ContactRow {
  id: number;
  contacted_on: string;
  kind: string;
  channel: string;
  stage: string | null;
  voided: number;
  invoices: string | null;
}

const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

function invoicesOf(db: Ledger, customerId: string): InvoiceRow[] {
  return db
    .prepare(
      `SELECT i.number, i.issue_date, i.due_date, i.currency, i.amount_minor, i.status,
              ${paidSql()} AS paid,
              (SELECT ci.stage FROM contact_invoices ci JOIN contacts c ON c.id = ci.contact_id
                WHERE ci.invoice_number = i.number AND c.voided = 0 ORDER BY c.id DESC LIMIT 1) AS stage
       FROM invoices i WHERE i.customer_id = ? ORDER BY i.due_date, i.number`,
    )
    .all(customerId) as InvoiceRow[];
}

/** The letter file each contact's event recorded, by contact id. */
function lettersByContact(db: Ledger, customerId: string): Map<number, { path: string; sha256: string }[]> {
  const rows = db
    .prepare(`SELECT data FROM events WHERE customer_id = ? AND kind IN ('letter', 'thank-you') ORDER BY id`)
    .pluck()
    .all(customerId) as string[];
  const out = new Map<number, { path: string; sha256: string }[]>();
  for (const text of rows) {
    const d = JSON.parse(text) as { contact?: number; files?: { path: string; sha256: string }[] };
    if (typeof d.contact === 'number') out.set(d.contact, d.files ?? []);
  }
  return out;
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
function coverNote(ws: Workspace, loaded: LoadedConfig, customer: Customer, invoices: InvoiceRow[], asOf: IsoDate, note: string | null) {
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
  };
  const locale = loaded.config.locale;
  const lang = locale.split('-')[0]!.toLowerCase();
  const renderer = new LetterRenderer(new TemplateStore(existsSync(ws.templatesDir) ? ws.templatesDir : null));
  const rendered = renderer.render(lang, 'handoff', letterContext(letter, customer, loaded.business, asOf, locale, note));
  return { rendered, lang, total };
}

/**
 * The package for an agency or a lawyer: a statement of account, every invoice and payment,
 * every contact with a copy of its letter, the customer's audit extract and a cover note, with
 * a SHA256SUMS file to prove the copies. Written beside the ledger (or --to DIR), recorded as an event.
 */
export async function writeHandoff(
  db: Ledger,
  ws: Workspace,
  loaded: LoadedConfig,
  moment: Moment,
  customerId: string,
  options: { to?: string; note?: string | null } = {},
): Promise<HandoffReport> {
  const { asOf } = moment;
  const customer = db.prepare('SELECT id, name, email, language, address, phone FROM customers WHERE id = ?').get(customerId) as Customer | undefined;
  if (!customer) throw new UsageError(`${customerId}: no such customer in the ledger (\`dunning status\` lists them by id)`);
  const dir = resolve(options.to ?? join(ws.dir, 'handoff', `${customerId.replace(/[^A-Za-z0-9._-]+/g, '-')}-${asOf}`));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} already exists and is not empty; hand-off never overwrites (choose another --to DIR)`);
  const partial = `${dir}.partial`;
  // Never delete what is there: it may be a package half-written by a command that was stopped, or the user's own folder.
  if (existsSync(partial)) throw new UsageError(`${partial} already exists (a hand-off that was stopped midway?); look inside, then remove it or choose another --to DIR`);

  try {
    const report = await writeTransaction(db, async () => {
      mkdirSync(join(partial, 'letters'), { recursive: true, mode: 0o700 });
      const write = (name: string, body: string | Buffer) => writeFileSync(join(partial, name), body, { mode: 0o600 });
      const invoices = invoicesOf(db, customerId);
      const { rendered, lang, total } = coverNote(ws, loaded, customer, invoices, asOf, options.note ?? null);
      write('cover-note.txt', `Subject: ${rendered.subject}\n\n${rendered.text}`);
      write('cover-note.html', htmlPage(rendered, lang));
      write('statement.txt', statement(customer, invoices, asOf));
      write('invoices.csv', csv([
        ['invoice', 'issue_date', 'due_date', 'currency', 'amount', 'paid', 'balance', 'status', 'stage'],
        ...invoices.map((i) => [i.number, i.issue_date, i.due_date, i.currency, formatDecimal(i.amount_minor, i.currency), formatDecimal(i.paid, i.currency), formatDecimal(i.amount_minor - i.paid, i.currency), i.status, i.stage]),
      ]));
      // What an export said was paid before the import comes first: it has no day of its own.
      const payments = db
        .prepare(
          `SELECT i.number AS invoice_number, NULL AS paid_on, i.currency, i.paid_before_minor AS amount_minor,
                  '${PAID_BEFORE_IMPORT}' AS reference, 'import' AS source, 0 AS dated, 0 AS id
           FROM invoices i WHERE i.customer_id = @customer AND i.paid_before_minor <> 0
           UNION ALL
           SELECT p.invoice_number, p.paid_on, i.currency, p.amount_minor, p.reference, p.source, 1, p.id
           FROM payments p JOIN invoices i ON i.number = p.invoice_number WHERE i.customer_id = @customer
           ORDER BY dated, paid_on, id, invoice_number`,
        )
        .all({ customer: customerId }) as { invoice_number: string; paid_on: string | null; currency: string; amount_minor: number; reference: string | null; source: string }[];
      write('payments.csv', csv([
        ['invoice', 'paid_on', 'currency', 'amount', 'reference', 'source'],
        ...payments.map((p) => [p.invoice_number, p.paid_on, p.currency, formatDecimal(p.amount_minor, p.currency), p.reference, p.source]),
      ]));

      const letters = lettersByContact(db, customerId);
      const contacts = db
        .prepare(
          `SELECT c.id, c.contacted_on, c.kind, c.channel, c.stage, c.voided,
                  (SELECT group_concat(ci.invoice_number, ' ') FROM contact_invoices ci WHERE ci.contact_id = c.id) AS invoices
           FROM contacts c WHERE c.customer_id = ? ORDER BY c.contacted_on, c.id`,
        )
        .all(customerId) as ContactRow[];
      let copied = 0;
      const contactRows = contacts.map((c) => {
        const files = letters.get(c.id) ?? [];
        for (const f of files) {
          const source = join(ws.outboxDir, f.path);
          if (existsSync(source)) {
            copyFileSync(source, join(partial, 'letters', basename(f.path)));
            copied++;
          }
        }
        return [c.contacted_on, c.kind, c.channel, c.stage, c.invoices, c.voided ? 'voided' : '', files.map((f) => `letters/${basename(f.path)}`).join(' '), files.map((f) => f.sha256).join(' ')];
      });
      write('contacts.csv', csv([['date', 'kind', 'channel', 'stage', 'invoices', 'voided', 'letter', 'sha256'], ...contactRows]));
      write('audit.csv', auditCsv(auditTrail(db, { customer: customerId })));

      const listed = [...readdirSync(partial).filter((f) => f !== 'letters'), ...readdirSync(join(partial, 'letters')).map((f) => `letters/${f}`)].sort();
      const sums = listed.map((f) => `${sha256(readFileSync(join(partial, f)))}  ${f}`).join('\n') + '\n';
      write('SHA256SUMS', sums);
      new EventLog(db, moment.stamp).append({
        kind: 'handoff',
        customerId,
        data: { dir, asOf, letters: copied, contacts: contacts.length, outstanding: total.map((t) => moneyJson(t.minor, t.currency)), manifest: sha256(sums) },
      });
      const onHold = activeHolds(db, customerId, asOf).some((h) => h.invoice_number === null);
      return { customer: customerId, dir, files: [...listed, 'SHA256SUMS'].sort(), letters: copied, outstanding: total.map((t) => moneyJson(t.minor, t.currency)), onHold };
    });
    rmSync(dir, { recursive: true, force: true }); // an empty folder the user named, checked above
    renameSync(partial, dir);
    return report;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}
