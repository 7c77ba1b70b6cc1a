import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Account } from '../domain/account.js';
import { UsageError } from '../domain/errors.js';
import { moneyJson, type MoneyJson } from '../domain/money.js';
import { planRun, type PlannedLetter, type RunPlan } from '../domain/plan.js';
import { loadAccounts } from '../ledger/accounts.js';
import { lastRunAsOf, recordContact, recordRun } from '../ledger/contacts.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { letterContext } from '../letters/context.js';
import { LetterRenderer } from '../letters/render.js';
import { TemplateStore } from '../letters/templates.js';
import { emlDraft, htmlPage, letterFileStem, sha256 } from '../letters/write.js';
import type { LoadedConfig } from './config.js';
import type { Moment, Workspace } from './workspace.js';

/** The `run --json` contract (DESIGN.md). */
export interface RunReport {
  asOf: string;
  dryRun: boolean;
  letters: { customer: string; stage: string; channel: 'email' | 'letter'; invoices: string[]; total: MoneyJson[]; files: string[] }[];
  flagged: { customer: string; reason: string; invoices: string[] }[];
  skipped: { customer: string; reason: string }[];
}

export function reportOf(plan: RunPlan, dryRun: boolean, files = new Map<PlannedLetter, string[]>()): RunReport {
  return {
    asOf: plan.asOf,
    dryRun,
    letters: plan.letters.map((l) => ({
      customer: l.customerId,
      stage: l.stage,
      channel: l.channel,
      invoices: (l.lines.length > 0 ? l.lines.map((x) => x.invoice) : l.thanks).map((i) => i.number),
      total: l.total.map((t) => moneyJson(t.minor, t.currency)),
      files: files.get(l) ?? [],
    })),
    flagged: plan.flagged.map((f) => ({ customer: f.customerId, reason: f.reason, invoices: f.lines.map((x) => x.invoice.number) })),
    skipped: plan.skipped.map((s) => ({ customer: s.customerId, reason: s.reason })),
  };
}

const PARTIAL = '.partial';

/**
 * Letter files are written as `.partial` inside the run's transaction and renamed once it has
 * committed. A run killed in between leaves partial files behind: this finishes those whose
 * letter event was committed and removes the others, so nothing is lost or drafted twice.
 */
export function recoverOutbox(db: Ledger, outboxDir: string): void {
  if (!existsSync(outboxDir)) return;
  const recorded = db.prepare(
    `SELECT 1 FROM events e, json_each(e.data, '$.files') f
     WHERE e.kind IN ('letter', 'thank-you') AND json_extract(f.value, '$.path') = ?`,
  );
  for (const day of readdirSync(outboxDir, { withFileTypes: true })) {
    if (!day.isDirectory()) continue;
    for (const f of readdirSync(join(outboxDir, day.name))) {
      if (!f.endsWith(PARTIAL)) continue;
      const partial = join(outboxDir, day.name, f);
      const rel = `${day.name}/${f.slice(0, -PARTIAL.length)}`;
      if (recorded.get(rel)) renameSync(partial, join(outboxDir, rel));
      else rmSync(partial);
    }
  }
}

/**
 * The locale a customer's letters are written in: their language, in the business's regional
 * form when the languages agree (an English customer of a UK business gets 15/10/2025).
 */
export function letterLocale(customerLanguage: string | null, businessLocale: string): { locale: string; lang: string } {
  const businessLang = businessLocale.split('-')[0]!.toLowerCase();
  const locale = !customerLanguage || customerLanguage.split('-')[0] === businessLang && !customerLanguage.includes('-') ? businessLocale : customerLanguage;
  return { locale, lang: locale.split('-')[0]!.toLowerCase() };
}

export interface RunOptions {
  dryRun?: boolean;
}

/**
 * Plans today's contacts and applies the plan in one write transaction: letters drafted into
 * the outbox, each contact and letter an event. The same day twice adds nothing; a day before
 * the last run is refused; a second concurrent run gets BusyError (exit 4).
 */
export async function runDunning(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, options: RunOptions = {}): Promise<RunReport> {
  const { asOf, stamp } = moment;
  const refuseBackwards = () => {
    const last = lastRunAsOf(db);
    if (last !== null && asOf < last) {
      throw new UsageError(`--as-of ${asOf} is before the last run (${last}): runs only go forward in time`);
    }
  };
  if (options.dryRun) {
    refuseBackwards();
    return reportOf(planRun(loadAccounts(db, asOf), loaded.policy, asOf), true);
  }

  const written: string[] = [];
  const discardPartials = () => {
    for (const rel of written) rmSync(join(ws.outboxDir, rel) + PARTIAL, { force: true });
  };
  const report = await writeTransaction(db, async () => {
    refuseBackwards();
    recoverOutbox(db, ws.outboxDir);
    const accounts = loadAccounts(db, asOf);
    const plan = planRun(accounts, loaded.policy, asOf);
    const already = db.prepare('SELECT 1 FROM runs WHERE as_of = ?').get(asOf);
    if (already && plan.letters.length === 0 && plan.flagged.every((f) => f.reason !== 'handoff')) {
      return reportOf(plan, false);
    }

    const events = new EventLog(db, stamp);
    const runId = recordRun(db, asOf, stamp.at);
    const byId = new Map<string, Account>(accounts.map((a) => [a.customer.id, a]));
    const renderer = new LetterRenderer(new TemplateStore(existsSync(ws.templatesDir) ? ws.templatesDir : null));
    const dayDir = join(ws.outboxDir, asOf);
    const files = new Map<PlannedLetter, string[]>();

    for (const letter of plan.letters) {
      const { customer } = byId.get(letter.customerId)!;
      const { locale, lang } = letterLocale(customer.language, loaded.config.locale);
      const rendered = renderer.render(lang, letter.template, letterContext(letter, customer, loaded.business, asOf, locale));
      const eventId = events.nextId();
      const stem = letterFileStem(eventId, customer.name, letter.stage);
      const email = letter.channel === 'email' ? customer.email : null;
      const body = email
        ? await emlDraft(rendered, { from: loaded.business, to: { name: customer.name, email }, eventId, date: stamp.at, lang })
        : Buffer.from(htmlPage(rendered, lang));
      const rel = `${asOf}/${stem}.${email ? 'eml' : 'html'}`;
      mkdirSync(dayDir, { recursive: true, mode: 0o700 });
      writeFileSync(join(ws.outboxDir, rel) + PARTIAL, body, { mode: 0o600 });
      written.push(rel);
      files.set(letter, [join(ws.outboxDir, rel)]);

      const thankYou = letter.lines.length === 0;
      const contactId = recordContact(db, {
        customerId: customer.id,
        on: asOf,
        kind: thankYou ? 'thank-you' : 'letter',
        channel: letter.channel,
        stage: letter.stage,
        runId,
        invoices: [
          ...letter.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
          ...letter.thanks.map((t) => ({ number: t.number, stage: 'thank-you', climbed: false })),
        ],
      });
      events.append({
        kind: thankYou ? 'thank-you' : 'letter',
        customerId: customer.id,
        data: {
          run: runId,
          contact: contactId,
          stage: letter.stage,
          channel: letter.channel,
          subject: rendered.subject,
          invoices: letter.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
          thanked: letter.thanks.map((t) => t.number),
          total: letter.total.map((t) => moneyJson(t.minor, t.currency)),
          files: [{ path: rel, sha256: sha256(body) }],
        },
      });
    }

    for (const flag of plan.flagged) {
      if (flag.reason !== 'handoff') continue;
      const contactId = recordContact(db, {
        customerId: flag.customerId,
        on: asOf,
        kind: 'flag',
        channel: 'none',
        stage: flag.lines[0]?.stageAfter ?? null,
        runId,
        invoices: flag.lines.map((l) => ({ number: l.invoice.number, stage: l.stageAfter, climbed: l.climbs })),
      });
      events.append({
        kind: 'flag',
        customerId: flag.customerId,
        data: { run: runId, contact: contactId, reason: flag.reason, invoices: flag.lines.map((l) => l.invoice.number) },
      });
    }

    events.append({
      kind: 'run',
      data: {
        run: runId,
        asOf,
        letters: plan.letters.length,
        flagged: plan.flagged.map((f) => ({ customer: f.customerId, reason: f.reason })),
        skipped: plan.skipped.map((s) => ({ customer: s.customerId, reason: s.reason })),
      },
    });
    return reportOf(plan, false, files);
  }).catch((e: unknown) => {
    discardPartials();
    throw e;
  });
  // Committed: the drafts become real. (A crash before this is finished by recoverOutbox.)
  for (const rel of written) renameSync(join(ws.outboxDir, rel) + PARTIAL, join(ws.outboxDir, rel));
  return report;
}
