import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { DunningError } from '../domain/errors.js';
import type { Outgoing } from './message.js';

/** Where and how to connect, resolved from `sending.smtp` (the password never leaves here). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  /** Letters a minute at most (sending.perMinute). */
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
}

interface SendInfo {
  response: string;
  rejected?: string[];
  rejectedErrors?: (SmtpError & { recipient?: string })[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Connections kept open at once, and messages over one before it is renewed. */
const CONNECTIONS = 3;
const MESSAGES_PER_CONNECTION = 100;
/** The message goes in slices, so that how much of it the connection took is known. */
const SLICE = 64 * 1024;

/**
 * SMTP connections (nodemailer's SMTPConnection) kept open and used in turn, that report each
 * letter's attempt in delivery terms. A message is streamed into the connection after the
 * server's 354: a connection lost before the whole of it was taken is `failed` (safe to try
 * again); after, `unknown` (the server may have queued it). Nothing is ever re-queued here.
 */
export class Mailer {
  private readonly idle: { conn: SMTPConnection; sent: number }[] = [];
  private gate: Promise<unknown> = Promise.resolve();

  constructor(private readonly s: SmtpSettings) {}

  private async connect(): Promise<{ conn: SMTPConnection; sent: number }> {
    const t = this.s.timeouts ?? { connection: 30_000, greeting: 30_000, socket: 60_000 };
    const conn = new SMTPConnection({
      host: this.s.host,
      port: this.s.port,
      secure: this.s.secure === 'tls',
      requireTLS: this.s.secure === 'starttls',
      ignoreTLS: this.s.secure === 'none',
      tls: this.s.ca ? { ca: this.s.ca } : undefined,
      connectionTimeout: t.connection,
      greetingTimeout: t.greeting,
      socketTimeout: t.socket,
    });
    const failed = new Promise<never>((_, reject) => conn.once('error', reject));
    conn.on('error', () => {}); // later errors reach the send in progress through its callback
    try {
      await Promise.race([new Promise<void>((resolve) => conn.connect(() => resolve())), failed]);
      if (this.s.user) {
        await Promise.race([
          new Promise<void>((resolve, reject) => conn.login({ user: this.s.user!, pass: this.s.password ?? '' }, (e) => (e ? reject(e) : resolve()))),
          failed,
        ]);
      }
    } catch (e) {
      conn.close(); // a refused login must not hold the process open until the socket times out
      throw e;
    }
    return { conn, sent: 0 };
  }

  /** Connects and logs in once before any letter is marked `sending`: a wrong password fails no letter. */
  async check(): Promise<void> {
    try {
      this.idle.push(await this.connect());
    } catch (e) {
      const err = e as SmtpError;
      const where = `${this.s.host}:${this.s.port}`;
      if (err.code === 'EAUTH') throw new ServerUnavailable(`${where} refused the login (check sending.smtp.user and the password; many providers want an app password)`);
      if (err.code === 'ETLS' || /certificate|TLS|SSL/i.test(err.message)) {
        throw new ServerUnavailable(`${where}: the secure connection failed: ${oneLine(err.message)} (check sending.smtp.secure and port: tls is usually 465, starttls 587)`);
      }
      throw new ServerUnavailable(`${where}: cannot use the mail server: ${oneLine(err.response ?? err.message)} (check sending.smtp.host and port; nothing was sent, try again later)`);
    }
  }

  /** Hands the letters to the server over a few connections at once; one attempt each, in order. */
  async deliverAll(outs: Outgoing[]): Promise<Attempt[]> {
    const attempts: Attempt[] = new Array(outs.length);
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < outs.length; k = next++) attempts[k] = await this.deliver(outs[k]!);
    };
    await Promise.all(Array.from({ length: Math.min(CONNECTIONS, outs.length) }, worker));
    return attempts;
  }

  /** sending.perMinute: each letter waits its turn, a fixed interval after the one before. */
  private async pace(): Promise<void> {
    if (!this.s.perMinute) return;
    const turn = this.gate;
    this.gate = turn.then(() => sleep(60_000 / this.s.perMinute!));
    await turn;
  }

  private async deliver(o: Outgoing): Promise<Attempt> {
    await this.pace();
    const kept = this.idle.pop();
    const first = await this.attempt(o, kept);
    // A kept connection the server had closed meanwhile took not a byte: once more on a new one.
    if (kept && first.outcome === 'failed' && 'untouched' in first) return this.attempt(o, undefined);
    return first;
  }

  private async attempt(o: Outgoing, kept: { conn: SMTPConnection; sent: number } | undefined): Promise<Attempt & { untouched?: true }> {
    let c: { conn: SMTPConnection; sent: number };
    try {
      c = kept ?? (await this.connect());
    } catch (e) {
      return { outcome: 'failed', reason: oneLine((e as SmtpError).response ?? (e as Error).message) };
    }
    let handedOver = false;
    const slices = function* () {
      for (let at = 0; at < o.raw.length; at += SLICE) yield o.raw.subarray(at, at + SLICE);
    };
    const raw = Readable.from(slices(), { objectMode: false }).once('end', () => (handedOver = true));
    try {
      const info = await new Promise<SendInfo>((resolve, reject) => c.conn.send(o.envelope, raw, (e, i) => (e ? reject(e) : resolve(i as SendInfo))));
      this.reuse(c);
      const refused = info.rejectedErrors?.find((r) => r.recipient === o.recipient);
      if (refused || info.rejected?.includes(o.recipient)) return refusedRecipient(refused);
      return { outcome: 'sent', response: oneLine(info.response) };
    } catch (e) {
      const err = e as SmtpError;
      const reply = oneLine(err.response ?? err.message);
      const envelopeRefused = (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && err.responseCode !== 421;
      if (envelopeRefused && !(c.conn as unknown as { _destroyed: boolean })._destroyed) c.conn.reset((r) => (r ? c.conn.close() : this.reuse(c)));
      else c.conn.close();
      const code = err.responseCode;
      if (err.code === 'EENVELOPE' && err.command === 'RCPT TO') return refusedRecipient(err);
      if (code !== undefined && code >= 500) return { outcome: 'rejected', reason: reply, atRecipient: false };
      if (code !== undefined && code >= 400) return { outcome: 'failed', reason: reply };
      if (handedOver) return { outcome: 'unknown', reason: `${reply} after the whole message was handed over: the server may have accepted it` };
      const closedIdle = !raw.readableDidRead && err.code !== 'ETIMEDOUT';
      return closedIdle ? { outcome: 'failed', reason: reply, untouched: true } : { outcome: 'failed', reason: reply };
    }
  }

  private reuse(c: { conn: SMTPConnection; sent: number }): void {
    if (++c.sent >= MESSAGES_PER_CONNECTION || (c.conn as unknown as { _destroyed: boolean })._destroyed) c.conn.quit();
    else this.idle.push(c);
  }

  /** Sends one plain message (the owner's digest): not a letter, so no delivery state. */
  async sendNote(envelope: { from: string; to: string[] }, raw: Buffer): Promise<Attempt> {
    return (await this.deliverAll([{ raw, envelope, messageId: '', recipient: envelope.to[0]!, attached: [] }]))[0]!;
  }

  close(): void {
    for (const c of this.idle.splice(0)) c.conn.quit();
  }
}

function refusedRecipient(err: SmtpError | undefined): Attempt {
  const code = err?.responseCode ?? 550;
  const reply = oneLine(err?.response ?? err?.message ?? 'recipient refused');
  return code >= 500 ? { outcome: 'rejected', reason: reply, atRecipient: true } : { outcome: 'failed', reason: reply };
}
