import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Customer } from '../domain/account.js';
import { moneyJson } from '../domain/money.js';
import type { Flag, PlannedLetter } from '../domain/plan.js';
import { recordContact } from '../ledger/contacts.js';
import { recordFees } from '../ledger/fees.js';
import type { EventLog } from '../ledger/events.js';
import { ledgerId } from '../ledger/identity.js';
import type { Ledger } from '../ledger/open.js';
import { letterContext } from '../letters/context.js';
import { LetterRenderer, type RenderedLetter } from '../letters/render.js';
import { TemplateStore } from '../letters/templates.js';
import { emlDraft, freeFileName, htmlPage, letterFileStem, MailboxError, sha256 } from '../letters/write.js';
import { UsageError } from '../domain/errors.js';
import type { LoadedConfig } from './config.js';
import { untilDone } from './interrupt.js';
import { finishDraft, makeDayFolder, markLedger, namesTaken, partialSuffix, writeDraft } from './outbox-files.js';
import type { Moment, Workspace } from './workspace.js';
import { shellQuote } from '../domain/shell-quote.js';


/**
 * The locale a customer's letters are written in: their language, in the business's regional
 * form when the languages agree (an English customer of a UK business gets 15/10/2025).
 */
export function letterLocale(customerLanguage: string | null, businessLocale: string): { locale: string; lang: string } {
  const businessLang = businessLocale.split('-')[0]!.toLowerCase();
  const sameLanguage = customerLanguage !== null && !customerLanguage.includes('-') && customerLanguage === businessLang;
  const locale = !customerLanguage || sameLanguage ? businessLocale : customerLanguage;
  return { locale, lang: locale.split('-')[0]!.toLowerCase() };
}

export { recoverOutbox } from './outbox-files.js';

export interface DraftOptions {
  runId: number | null;
  personalNote?: string | null;
}

/** A letter rendered and written, not yet recorded. */
interface Composed {
  letter: PlannedLetter;
  customer: Customer;
  eventId: number;
  rendered: RenderedLetter;
  rel: string;
  digest: string;
}

export interface DraftedLetter {
  /** Absolute path of the letter file (once committed). */
  path: string;
  /** Path relative to the outbox, as recorded in the event. */
  rel: string;
  sha256: string;
  contactId: number;
  eventId: number;
  rendered: RenderedLetter;
}

/**
 * Writes planned letters into the outbox and records each as a contact and an event, inside the
 * caller's write transaction. `run`, `draft` and `review` all draft through this, so a letter
 * is recorded the same way whoever asked for it. Call `commit()` after the transaction has
 * committed, `discard()` if it rolled back.
 */
export class Outbox {
  private readonly written: string[] = [];
  /**
   * The names in each day's folder, listed once per transaction and kept up to date with what
   * this transaction writes, rather than asking the file system per letter whether a name is taken.
   */
  private readonly names = new Map<string, Set<string>>();
  readonly renderer: LetterRenderer;
  /** `.<ledger id>.partial`: this ledger's unfinished letters, apart from another's in a shared outbox. */
  private readonly partial: string;
  private readonly ledger: string | null;
  /** Withdraws the Ctrl+C undo of this transaction's files (src/app/interrupt.ts). */
  private withdrawUndo: (() => void) | undefined;

  constructor(
    private readonly db: Ledger,
    private readonly ws: Workspace,
    private readonly loaded: LoadedConfig,
    private readonly moment: Moment,
    private readonly events: EventLog,
  ) {
    this.ledger = ledgerId(db);
    this.partial = partialSuffix(this.ledger);
    this.renderer = new LetterRenderer(new TemplateStore(existsSync(ws.templatesDir) ? ws.templatesDir : null));
  }

  /**
   * The customer's locale, unless there are no letters in their language: then the business's,
   * so an English letter never carries Portuguese dates.
   */
  private locale(customer: Customer): { locale: string; lang: string } {
    const wanted = letterLocale(customer.language, this.loaded.config.locale);
    return this.renderer.store.hasLanguage(wanted.lang) ? wanted : letterLocale(null, this.loaded.config.locale);
  }

  /** Renders a planned letter for a customer without writing anything (previews). */
  render(letter: PlannedLetter, customer: Customer, personalNote: string | null = null): RenderedLetter {
    const { locale, lang } = this.locale(customer);
    const context = letterContext(letter, customer, this.loaded.business, this.moment.asOf, locale, personalNote);
    return this.renderer.render(lang, letter.template, context);
  }

  async draft(letter: PlannedLetter, customer: Customer, opts: DraftOptions): Promise<DraftedLetter> {
    return (await this.draftMany([{ letter, customer }], opts))[0]!;
  }

  /**
   * Drafts letters in order: first every file, then every record, so the ledger's writes find
   * SQLite's pages still in the CPU caches (rendering sweeps them). Callers pass a few hundred
   * letters at a time, so memory stays bounded whatever the day's count.
   */
  async draftMany(items: readonly { letter: PlannedLetter; customer: Customer }[], opts: DraftOptions): Promise<DraftedLetter[]> {
    const first = this.events.nextId();
    const composed: Composed[] = [];
    for (const [k, { letter, customer }] of items.entries()) {
      composed.push(await this.compose(letter, customer, first + k, opts.personalNote ?? null));
    }
    return composed.map((c) => this.record(c, opts));
  }

  /** Renders a letter and writes its file (as `.partial`); the letter's event will be `eventId`. */
  private async compose(letter: PlannedLetter, customer: Customer, eventId: number, personalNote: string | null): Promise<Composed> {
    const { asOf } = this.moment;
    const { lang } = this.locale(customer);
    const rendered = this.render(letter, customer, personalNote);
    const stem = letterFileStem(eventId, customer.name, letter.stage);
    const email = letter.channel === 'email' ? customer.email : null;
    const drafted = email ? await this.eml(rendered, customer, email, eventId, lang) : Buffer.from(htmlPage(rendered, lang, true));
    const body = markLedger(drafted, Boolean(email), this.ledger);
    const dayDir = join(this.ws.outboxDir, asOf);
    const names = this.namesIn(dayDir);
    const name = freeFileName(dayDir, stem, email ? 'eml' : 'html', (n) => names.has(n));
    names.add(name);
    const rel = `${asOf}/${name}`;
    writeDraft(join(this.ws.outboxDir, rel) + this.partial, body);
    this.written.push(rel);
    this.withdrawUndo ??= untilDone(() => this.discard());
    return { letter, customer, eventId, rendered, rel, digest: sha256(body) };
  }

  /** The .eml draft; an address that would not reach the customer stops the command, naming the fix. */
  private async eml(rendered: RenderedLetter, customer: Customer, email: string, eventId: number, lang: string): Promise<Buffer> {
    const from = { name: this.loaded.business.name, email: this.loaded.business.email };
    try {
      return await emlDraft(rendered, { from, to: { name: customer.name, email }, eventId, day: this.moment.asOf, lang });
    } catch (e) {
      if (!(e instanceof MailboxError)) throw e;
      throw new UsageError(`${customer.id}: ${e.message}; nothing was drafted (fix it with \`dunning customer set ${shellQuote(customer.id)} --email ADDRESS\`)`);
    }
  }

  /** Records a composed letter: its contact, the fees it charged, its event. */
  private record(c: Composed, opts: DraftOptions): DraftedLetter {
    const { letter, customer, rel, digest, rendered } = c;
    const { asOf } = this.moment;
    const thankYou = letter.lines.length === 0;
    const contactId = recordContact(this.db, {
      customerId: customer.id,
      on: asOf,
      kind: thankYou ? 'thank-you' : 'letter',
      channel: letter.channel,
      stage: letter.stage,
      runId: opts.runId,
      invoices: [
        ...letter.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
        ...letter.thanks.map((t) => ({ number: t.number, stage: 'thank-you', climbed: false })),
      ],
    });
    const charged = recordFees(this.db, letter.fees ?? [], contactId);
    const eventId = this.events.append({
      kind: thankYou ? 'thank-you' : 'letter',
      customerId: customer.id,
      data: {
        run: opts.runId,
        contact: contactId,
        stage: letter.stage,
        channel: letter.channel,
        subject: rendered.subject,
        invoices: letter.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
        thanked: letter.thanks.map((t) => t.number),
        total: letter.total.map((t) => moneyJson(t.minor, t.currency)),
        personalNote: opts.personalNote ?? null,
        files: [{ path: rel, sha256: digest }],
        on: asOf,
        fees: charged.map((f) => ({ invoice: f.invoiceNumber, stage: f.stage, kind: f.kind, amount: moneyJson(f.minor, f.currency), description: f.description })),
        planMissed: letter.arrangement?.missed ?? false,
      },
    });
    // The file already names this event (its name and X-Dunning-Event header).
    if (eventId !== c.eventId) throw new Error(`letter ${rel} was written for event ${c.eventId} but recorded as ${eventId}`);
    return { path: join(this.ws.outboxDir, rel), rel, sha256: digest, contactId, eventId, rendered };
  }

  /** Records a hand-off flag: the invoices reach the flag stage, no letter goes out. */
  flag(flag: Flag, runId: number | null): void {
    const contactId = recordContact(this.db, {
      customerId: flag.customerId,
      on: this.moment.asOf,
      kind: 'flag',
      channel: 'none',
      stage: flag.lines[0]?.stageAfter ?? null,
      runId,
      invoices: flag.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
    });
    this.events.append({
      kind: 'flag',
      customerId: flag.customerId,
      data: { run: runId, contact: contactId, reason: flag.reason, invoices: flag.lines.map((l) => l.invoice.number), on: this.moment.asOf },
    });
  }

  /** The transaction committed: the drafts become real. */
  commit(): void {
    this.names.clear();
    this.withdrawUndo = void this.withdrawUndo?.();
    for (const rel of this.written.splice(0)) finishDraft(join(this.ws.outboxDir, rel) + this.partial, join(this.ws.outboxDir, rel));
  }

  /** The transaction rolled back: no file may outlive it. */
  discard(): void {
    this.names.clear();
    this.withdrawUndo = void this.withdrawUndo?.();
    for (const rel of this.written.splice(0)) rmSync(join(this.ws.outboxDir, rel) + this.partial, { force: true });
  }

  /** The names in a day's folder, which is made if it is missing. */
  private namesIn(dir: string): Set<string> {
    let names = this.names.get(dir);
    if (!names) {
      makeDayFolder(dir);
      this.names.set(dir, (names = namesTaken(dir)));
    }
    return names;
  }
}
