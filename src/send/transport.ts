import { Readable } from 'node:stream';
import nodemailer, { type Transporter } from 'nodemailer';
import { DunningError } from '../domain/errors.js';
import type { Outgoing } from './message.js';

/** Where and how to connect, resolved from `sending.smtp` (the password never leaves here). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  /** Letters a minute at most (sending.perMinute): nodemailer's pool paces them. */
  perMinute?: number;
  /** Trusted certificates besides the system's (a test's own, a private server's). */
  ca?: string | Buffer;
  /** Milliseconds: connecting, the server's greeting, and silence on the socket. */
  timeouts?: { connection: number; greeting: number; socket: number };
}

/** What became of one attempt. */
export type Attempt =
  | { outcome: 'sent'; response: string }
  | { outcome: 'failed' | 'unknown'; reason: string }
  | { outcome: 'rejected'; reason: string; atRecipient: boolean };

/** The SMTP server cannot be used at all (unreachable, login refused): nothing was attempted. */
export class ServerUnavailable extends DunningError {}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A pooled nodemailer SMTP transport that reports each letter's attempt in delivery terms.
 * nodemailer's own re-queueing after a dropped connection is off: a message whose end may
 * have reached the server must never be handed over again (at most once).
 */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly s: SmtpSettings) {
    const t = s.timeouts ?? { connection: 30_000, greeting: 30_000, socket: 60_000 };
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      maxMessages: 100,
      maxRequeues: 0,
      host: s.host,
      port: s.port,
      secure: s.secure === 'tls',
      requireTLS: s.secure === 'starttls',
      ignoreTLS: s.secure === 'none',
      auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
      tls: s.ca ? { ca: s.ca } : undefined,
      connectionTimeout: t.connection,
      greetingTimeout: t.greeting,
      socketTimeout: t.socket,
      ...(s.perMinute ? { rateDelta: 60_000, rateLimit: s.perMinute } : {}),
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }

  /** Connects and logs in once before any letter is marked `sending`: a wrong password fails no letter. */
  async check(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (e) {
      const err = e as SmtpError;
      const where = `${this.s.host}:${this.s.port}`;
      if (err.code === 'EAUTH') throw new ServerUnavailable(`${where} refused the login (check sending.smtp.user and the password; many providers want an app password)`);
      if (err.code === 'ETLS' || /certificate|TLS/i.test(err.message)) {
        throw new ServerUnavailable(`${where}: the secure connection failed: ${oneLine(err.message)} (check sending.smtp.secure and port: tls is usually 465, starttls 587)`);
      }
      throw new ServerUnavailable(`${where}: cannot use the mail server: ${oneLine(err.response ?? err.message)} (check sending.smtp.host and port; nothing was sent, try again later)`);
    }
  }

  /**
   * Hands one letter to the server. The message is streamed so that we know whether all of it
   * was handed over: a connection lost before that is `failed` (safe to try again), after it
   * `unknown` (the server may have queued it).
   */
  async deliver(o: Outgoing): Promise<Attempt> {
    let handedOver = false;
    const raw = Readable.from([o.raw], { objectMode: false }).once('end', () => (handedOver = true));
    try {
      const info = (await this.transport.sendMail({ envelope: o.envelope, raw })) as { response: string; rejected?: string[]; rejectedErrors?: SmtpError[] };
      const refused = info.rejectedErrors?.find((r) => (r as { recipient?: string }).recipient === o.recipient) ?? (info.rejected?.includes(o.recipient) ? info.rejectedErrors?.[0] : undefined);
      if (refused || info.rejected?.includes(o.recipient)) return this.refusedRecipient(refused);
      return { outcome: 'sent', response: oneLine(info.response) };
    } catch (e) {
      const err = e as SmtpError;
      const code = err.responseCode;
      const reply = oneLine(err.response ?? err.message);
      if (err.code === 'EENVELOPE' && err.command === 'RCPT TO') return this.refusedRecipient(err);
      if (code !== undefined && code >= 500) return { outcome: 'rejected', reason: reply, atRecipient: false };
      if (code !== undefined && code >= 400) return { outcome: 'failed', reason: reply };
      if (handedOver) return { outcome: 'unknown', reason: `${reply} after the whole message was handed over: the server may have accepted it` };
      return { outcome: 'failed', reason: reply };
    }
  }

  private refusedRecipient(err: SmtpError | undefined): Attempt {
    const code = err?.responseCode ?? 550;
    const reply = oneLine(err?.response ?? err?.message ?? 'recipient refused');
    return code >= 500 ? { outcome: 'rejected', reason: reply, atRecipient: true } : { outcome: 'failed', reason: reply };
  }

  close(): void {
    this.transport.close();
  }
}
