import { readFileSync } from 'node:fs';
import { daysBetween, type IsoDate } from '../domain/dates.js';
import { UsageError } from '../domain/errors.js';
import type { SendingConfig } from '../domain/sending-schema.js';
import {
  adoptDrafts,
  attemptsOn,
  deliveriesIn,
  deliveryOf,
  findLetter,
  isBadAddress,
  newestImportDay,
  reasonToCancel,
  recordBounce,
  setDeliveryState,
  voidContact,
  type Delivery,
} from '../ledger/deliveries.js';
import { EventLog } from '../ledger/events.js';
import type { Ledger } from '../ledger/open.js';
import { writeTransaction } from '../ledger/transaction.js';
import { publicHolidays } from '../send/holidays.js';
import { draftMessageId, invoiceFiles, letterPath, moveToSent, readDraft } from '../send/letter-files.js';
import { SendLock } from '../send/lock.js';
import { draftAddressing, outgoingMessage, type Outgoing } from '../send/message.js';
import { emptyReport, type SendReport } from '../send/report.js';
import { smtpSettings } from '../send/settings.js';
import { Mailer, type Attempt, type SmtpSettings } from '../send/transport.js';
import { sendingWindowAt, type WindowState } from '../send/window.js';
import type { LoadedConfig } from './config.js';
import type { Moment, Workspace } from './workspace.js';

export interface SendOptions {
  /** The instant the command runs, from the CLI (the window and back-off are judged on it). */
  now: Date;
  dryRun?: boolean;
  /** --now: send outside the window. */
  ignoreWindow?: boolean;
  limit?: number;
  /** --retry LETTER: an unknown, failed or rejected letter goes again. */
  retry?: string[];
  staleOk?: boolean;
  insecure?: boolean;
  /** DUNNING_SMTP_PASSWORD, read by the CLI. */
  password?: string;
  /** Called after each batch is settled: how many of how many letters (a progress bar). */
  progress?: (done: number, total: number) => void;
  /** Trusted certificates and timeouts beyond the config (tests, private servers). */
  smtp?: Pick<SmtpSettings, 'ca' | 'timeouts'>;
}

/** Letters handed to the server together: marked `sending` in one commit, then sent over the pool. */
const BATCH = 50;
/** A failed letter waits 15 minutes, then 30, 60… before the next send tries it again. */
const BACKOFF_MINUTES = 15;

/** A letter checked and due now. Its message is composed only in its batch, so memory stays bounded. */
interface Ready {
  d: Delivery;
  recipient: string;
  messageId: string;
}

interface Going extends Ready {
  out: Outgoing;
  missing: string[];
}

/**
 * Delivers the drafted email letters over SMTP, at most once each: a letter is marked
 * `sending` and committed before its SMTP transaction starts, so a process that dies
 * mid-way leaves it `unknown` (listed every time, never sent again by itself), not sent twice.
 */
export async function sendLetters(db: Ledger, ws: Workspace, loaded: LoadedConfig, moment: Moment, o: SendOptions): Promise<SendReport> {
  const sending = loaded.config.sending;
  // A dry run connects to nothing, so it needs no password (it still checks the rest).
  const settings = { ...smtpSettings(sending, { password: o.password }, ws.dir, o.insecure ?? false, !o.dryRun), ...o.smtp };
  refuseStaleExport(db, sending!, moment.asOf, o.staleOk ?? false);
  // Taken inside a ledger write transaction: two sends starting together after a crash are
  // serialised there, so only one can find the dead holder's lock and take it over.
  const lock = o.dryRun ? null : db.transaction(() => SendLock.take(`${ws.dbPath}.send-lock`)).immediate();
  try {
    const report = emptyReport(moment.asOf, o.dryRun ?? false);
    const window = o.ignoreWindow ? ({ open: true } as const) : await windowNow(o.now, sending!, loaded.config.timeZone);
    const ready = await writeTransaction(
      db,
      async () => prepare(db, ws, sending!, moment, o, window, report),
      () => !o.dryRun,
    );
    if (o.dryRun) {
      report.due = ready.map((r) => entry(r.d, r.messageId));
    } else if (ready.length > 0) {
      const mailer = new Mailer(settings);
      try {
        await mailer.check();
        for (let i = 0; i < ready.length; i += BATCH) {
          await deliverBatch(db, ws, sending!, moment, o.now, mailer, ready.slice(i, i + BATCH), report);
          o.progress?.(Math.min(i + BATCH, ready.length), ready.length);
        }
      } finally {
        mailer.close();
      }
    }
    report.unknown = deliveriesIn(db, ['unknown']).map((d) => ({ ...entryOf(ws, d), reason: d.reason ?? '' }));
    return report;
  } finally {
    lock?.release();
  }
}

/** Nobody is chased from a week-old export: the newest import must be recent (sending.maxImportAgeDays). */
function refuseStaleExport(db: Ledger, sending: SendingConfig, asOf: IsoDate, staleOk: boolean): void {
  if (staleOk) return;
  const newest = newestImportDay(db);
  const age = newest === null ? null : daysBetween(newest, asOf);
  if (age === null || age > sending.maxImportAgeDays) {
    throw new UsageError(
      `${newest === null ? 'nothing was ever imported' : `the newest import is from ${newest}, ${age} days before ${asOf}`}: letters could chase invoices paid since (import today's export first, or pass --stale-ok)`,
    );
  }
}

async function windowNow(now: Date, sending: SendingConfig, timeZone: string): Promise<WindowState> {
  const holiday = await publicHolidays(sending.holidays);
  return sendingWindowAt(now, { days: sending.window.days, hours: sending.window.hours, timeZone, holiday });
}

const entry = (d: Delivery, messageId: string) => ({ letter: d.letterEvent, customer: d.customerId, file: d.file, messageId });

function entryOf(ws: Workspace, d: Delivery) {
  const path = letterPath(ws.outboxDir, d.file);
  return entry(d, path ? draftMessageId(readFileSync(path)) : '');
}

/**
 * Inside one transaction: new drafts taken in, letters a dead send left `sending` made
 * `unknown`, --retry honoured, stale letters cancelled (paid, held, plan agreed, address
 * bounced or changed since drafting), and the rest either ready to go now or waiting.
 */
async function prepare(db: Ledger, ws: Workspace, sending: SendingConfig, moment: Moment, o: SendOptions, window: WindowState, report: SendReport): Promise<Ready[]> {
  const { asOf, stamp } = moment;
  const events = new EventLog(db, stamp);
  adoptDrafts(db, stamp.at);
  for (const d of deliveriesIn(db, ['sending'])) {
    const reason = 'the sending process stopped between handing the letter to the server and its reply: it may have gone (check the sent folder of the mailbox, then send --retry or mark-sent)';
    setDeliveryState(db, d.letterEvent, { state: 'unknown', at: stamp.at, reason });
    events.append({ kind: 'send-unknown', customerId: d.customerId, data: { letter: d.letterEvent, file: d.file, reason } });
  }
  for (const ref of o.retry ?? []) retryLetter(db, events, ref, stamp.at);

  const now = o.now.toISOString();
  const ready: Ready[] = [];
  for (const d of deliveriesIn(db, ['drafted', 'failed'])) {
    if (d.state === 'failed' && d.nextAttempt === null) {
      report.failed.push({ ...entryOf(ws, d), reason: d.reason ?? '', nextAttempt: null });
      continue;
    }
    const draft = readDraft(ws.outboxDir, d.file, d.sha256);
    if (!draft.ok) {
      cancel(db, events, d, draft.reason, stamp.at, report, '');
      continue;
    }
    let addressing: { recipient: string; messageId: string };
    try {
      addressing = draftAddressing(draft.bytes);
    } catch (e) {
      cancel(db, events, d, `the letter file ${d.file} cannot be sent: ${(e as Error).message}`, stamp.at, report, '');
      continue;
    }
    const { recipient, messageId } = addressing;
    const why =
      reasonToCancel(db, d, asOf) ??
      (isBadAddress(db, d.customerId, recipient) ? `bad-address: ${recipient} bounced (record a new address)` : null) ??
      (d.email?.toLowerCase() !== recipient.toLowerCase() ? `the customer's email changed since it was drafted (to ${d.email ?? 'none'})` : null);
    if (why) {
      cancel(db, events, d, why, stamp.at, report, messageId);
      continue;
    }
    if (d.state === 'failed' && d.nextAttempt! > now) {
      report.waiting.push({ ...entry(d, messageId), until: d.nextAttempt, reason: 'retry after a temporary error' });
      continue;
    }
    ready.push({ d, recipient, messageId });
  }
  return holdBack(db, sending, moment, o, window, ready, report);
}

/** Outside the window, past the day's limit or past --limit: the letter waits (its state stays). */
function holdBack(db: Ledger, sending: SendingConfig, moment: Moment, o: SendOptions, window: WindowState, ready: Ready[], report: SendReport): Ready[] {
  const wait = (rs: Ready[], until: string | null, reason: string) => {
    for (const r of rs) report.waiting.push({ ...entry(r.d, r.messageId), until, reason });
  };
  if (!window.open) {
    wait(ready, window.until, window.why);
    return [];
  }
  let go = ready;
  if (sending.perDay !== undefined) {
    const left = Math.max(0, sending.perDay - attemptsOn(db, moment.asOf));
    wait(go.slice(left), null, `sending.perDay: ${sending.perDay} letters a day; the rest go on the next sending day`);
    go = go.slice(0, left);
  }
  if (o.limit !== undefined) {
    wait(go.slice(o.limit), null, `--limit ${o.limit}`);
    go = go.slice(0, o.limit);
  }
  return go;
}

function cancel(db: Ledger, events: EventLog, d: Delivery, reason: string, at: string, report: SendReport, messageId: string): void {
  setDeliveryState(db, d.letterEvent, { state: 'cancelled', at, reason });
  voidContact(db, d.contactId);
  events.append({ kind: 'send-cancelled', customerId: d.customerId, data: { letter: d.letterEvent, file: d.file, reason, contact: d.contactId } });
  report.cancelled.push({ ...entry(d, messageId), reason });
}

/** --retry LETTER: the owner has checked; an unknown, failed or rejected letter is drafted again. */
function retryLetter(db: Ledger, events: EventLog, ref: string, at: string): void {
  const found = findLetter(db, ref);
  const d = found && deliveryOf(db, found.event);
  if (!d) throw new UsageError(`--retry ${ref}: no email letter by that number or file name (dunning audit lists them)`);
  if (!['unknown', 'failed', 'rejected'].includes(d.state)) {
    throw new UsageError(`--retry ${ref}: the letter is ${d.state}, not unknown, failed or rejected${d.state === 'sent' ? ' (it has gone already)' : ''}`);
  }
  setDeliveryState(db, d.letterEvent, { state: 'drafted', at, reason: `retry asked after ${d.state}` });
  events.append({ kind: 'send-retry', customerId: d.customerId, data: { letter: d.letterEvent, file: d.file, was: d.state } });
}

/**
 * One batch: every letter marked `sending` and committed, then handed to the server over the
 * pool, then each outcome recorded with its event; sent letters move to outbox/sent/.
 */
async function deliverBatch(db: Ledger, ws: Workspace, sending: SendingConfig, moment: Moment, now: Date, mailer: Mailer, ready: Ready[], report: SendReport): Promise<void> {
  const { asOf, stamp } = moment;
  const batch: Going[] = [];
  const spoiled: { r: Ready; reason: string }[] = [];
  for (const r of ready) {
    const draft = readDraft(ws.outboxDir, r.d.file, r.d.sha256);
    if (!draft.ok) {
      spoiled.push({ r, reason: draft.reason });
      continue;
    }
    const files = invoiceFiles(ws.dir, sending.attachInvoices, r.d.invoices);
    const out = await outgoingMessage(draft.bytes, { from: sending.from, replyTo: sending.replyTo, bcc: sending.bcc, attachments: files.files });
    batch.push({ ...r, out, missing: files.missing });
  }
  await writeTransaction(db, async () => {
    const events = new EventLog(db, stamp);
    for (const { r, reason } of spoiled) cancel(db, events, r.d, reason, stamp.at, report, r.messageId);
    for (const { d, out } of batch) {
      setDeliveryState(db, d.letterEvent, { state: 'sending', at: stamp.at, attemptOn: asOf, channel: 'email' });
      events.append({ kind: 'sending', customerId: d.customerId, data: { letter: d.letterEvent, file: d.file, messageId: out.messageId, to: out.recipient, attempt: d.attempts + 1 } });
    }
  });
  const attempts = await mailer.deliverAll(batch.map((r) => r.out));
  await writeTransaction(db, async () => {
    const events = new EventLog(db, stamp);
    batch.forEach((r, k) => record(db, events, sending, moment, now, r, attempts[k]!, report));
  });
  batch.forEach((r, k) => {
    if (attempts[k]!.outcome === 'sent') moveToSent(ws.outboxDir, r.d.file);
  });
}

function record(db: Ledger, events: EventLog, sending: SendingConfig, moment: Moment, now: Date, r: Going, a: Attempt, report: SendReport): void {
  const { d, out, missing } = r;
  const at = moment.stamp.at;
  const base = { letter: d.letterEvent, file: d.file, messageId: out.messageId, to: out.recipient, attempt: d.attempts + 1 };
  const e = entry(d, out.messageId);
  if (a.outcome === 'sent') {
    setDeliveryState(db, d.letterEvent, { state: 'sent', at, response: a.response });
    events.append({ kind: 'sent', customerId: d.customerId, data: { ...base, response: a.response, bcc: sending.bcc ?? null, attached: out.attached, missingAttachments: missing } });
    report.sent.push({ ...e, response: a.response, ...(missing.length > 0 ? { missingAttachments: missing } : {}) });
  } else if (a.outcome === 'failed') {
    const tries = d.attempts + 1;
    const next = tries < sending.maxAttempts ? new Date(now.getTime() + BACKOFF_MINUTES * 60_000 * 2 ** (tries - 1)).toISOString() : null;
    const reason = next ? a.reason : `${a.reason} (gave up after ${tries} attempts: send --retry ${d.letterEvent} tries again)`;
    setDeliveryState(db, d.letterEvent, { state: 'failed', at, reason, nextAttempt: next });
    events.append({ kind: 'send-failed', customerId: d.customerId, data: { ...base, reason, nextAttempt: next } });
    report.failed.push({ ...e, reason, nextAttempt: next });
  } else if (a.outcome === 'rejected') {
    setDeliveryState(db, d.letterEvent, { state: 'rejected', at, reason: a.reason });
    events.append({ kind: 'send-rejected', customerId: d.customerId, data: { ...base, reason: a.reason } });
    if (a.atRecipient) recordBounce(db, events, { address: out.recipient, reason: a.reason, on: moment.asOf, customerId: d.customerId, letterEvent: d.letterEvent });
    report.rejected.push({ ...e, reason: a.reason });
  } else {
    setDeliveryState(db, d.letterEvent, { state: 'unknown', at, reason: a.reason });
    events.append({ kind: 'send-unknown', customerId: d.customerId, data: { ...base, reason: a.reason } });
  }
}
