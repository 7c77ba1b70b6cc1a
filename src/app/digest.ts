import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { badAddressCustomers } from '../ledger/deliveries.js';
import type { Ledger } from '../ledger/open.js';
import { digestText, type RunSummary } from '../send/digest.js';
import type { SendReport } from '../send/report.js';
import { smtpSettings } from '../send/settings.js';
import { Mailer, type SmtpSettings } from '../send/transport.js';
import type { LoadedConfig } from './config.js';
import type { Moment, Workspace } from './workspace.js';

export interface DigestResult {
  file: string;
  /** Where it was mailed, and the server's reply or why not; null when sending.digestTo is unset. */
  mailed: { to: string; outcome: string; detail: string } | null;
}

/**
 * The owner's morning digest after `run --send`: written to outbox/<as-of>/digest.txt and,
 * when `sending.digestTo` is set, mailed there over the same server as the letters.
 */
export async function writeDigest(
  db: Ledger,
  ws: Workspace,
  loaded: LoadedConfig,
  moment: Moment,
  run: RunSummary,
  send: SendReport,
  o: { password?: string; insecure?: boolean; smtp?: Pick<SmtpSettings, 'ca' | 'timeouts'> } = {},
): Promise<DigestResult> {
  const { subject, text } = digestText({ asOf: moment.asOf, business: loaded.business.name, timeZone: loaded.config.timeZone, run, send, badAddresses: badAddressCustomers(db) });
  const dir = join(ws.outboxDir, moment.asOf);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'digest.txt');
  writeFileSync(file, text, { mode: 0o600 });
  const sending = loaded.config.sending;
  if (!sending?.digestTo || send.dryRun) return { file, mailed: null };

  const from = sending.from ?? loaded.business.email;
  const raw = await new MailComposer({
    from,
    to: sending.digestTo,
    subject,
    text,
    date: new Date(moment.stamp.at),
    messageId: `<dunning-digest-${moment.asOf}-${moment.stamp.at.replace(/[^0-9]/g, '')}@dunning.invalid>`,
  })
    .compile()
    .build();
  const mailer = new Mailer({ ...smtpSettings(sending, { password: o.password }, ws.dir, o.insecure ?? false), ...o.smtp });
  try {
    const envelope = { from: addressparser(from)[0]?.address ?? from, to: addressparser(sending.digestTo).map((a) => a.address!).filter(Boolean) };
    const a = await mailer.sendNote(envelope, raw);
    return { file, mailed: { to: sending.digestTo, outcome: a.outcome, detail: 'response' in a ? a.response : a.reason } };
  } finally {
    mailer.close();
  }
}
