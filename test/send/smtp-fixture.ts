import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { tempDir } from '../helpers.js';

/** A certificate for 127.0.0.1 and localhost, made once per test file with the openssl CLI. */
let made: { key: Buffer; cert: Buffer; certPath: string } | undefined;
export function testCertificate(): { key: Buffer; cert: Buffer; certPath: string } {
  if (made) return made;
  const dir = tempDir('dunning-cert-');
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  if (!existsSync(cert)) throw new Error('openssl made no certificate');
  made = { key: readFileSync(key), cert: readFileSync(cert), certPath: cert };
  return made;
}

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  messageId: string;
}

/**
 * What the server does with one message (chosen by the test from the recipient):
 * accept; refuse with a code at MAIL FROM, RCPT or after DATA; drop the connection in the
 * middle of DATA or after all of it; or go silent (a timeout, or a client killed while waiting).
 */
export type Fault =
  | { at: 'mail' | 'rcpt' | 'data'; code: number; text?: string }
  | { drop: 'mid-data' | 'after-data' }
  | { silent: 'mail' | 'after-data' };

export interface TestServer {
  port: number;
  /** Messages accepted (250 after DATA). */
  received: Received[];
  /** Every DATA the server read to the end, accepted or not. */
  dataSeen: string[];
  /** Every login attempt's user name. */
  logins: string[];
  /** Called for each message's first recipient; the test decides its fate. */
  fault: (recipient: string, attempt: number) => Fault | undefined;
  close(): Promise<void>;
}

const smtpError = (code: number, text = 'as the test wants') => Object.assign(new Error(text), { responseCode: code });

/** smtp-server on loopback with STARTTLS (a certificate made here) and AUTH (user "dunning", password "s3cret"). */
export async function startSmtp(options: { auth?: boolean; tls?: boolean } = {}): Promise<TestServer> {
  const { key, cert } = testCertificate();
  const attempts = new Map<string, number>();
  const state: TestServer = { port: 0, received: [], dataSeen: [], logins: [], fault: () => undefined, close: async () => {} };
  // The fault is chosen at the first RCPT and kept on the envelope, which each message renews.
  const faultFor = (session: SMTPServerSession) => (session.envelope as unknown as { fault?: Fault }).fault;
  const connection = (session: SMTPServerSession) =>
    [...(server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections].find((c) => c.id === session.id);
  const server: SMTPServer = new SMTPServer({
    key,
    cert,
    secure: false,
    hideSTARTTLS: options.tls === false,
    disabledCommands: options.tls === false ? ['STARTTLS'] : [],
    allowInsecureAuth: options.tls === false,
    authOptional: options.auth === false,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    disableReverseLookup: true,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      state.logins.push(auth.username ?? '');
      if (auth.username === 'dunning' && auth.password === 's3cret') cb(null, { user: 'dunning' });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, cb) {
      cb();
    },
    onRcptTo(address, session, cb) {
      if (session.envelope.rcptTo.length === 0) {
        attempts.set(address.address, (attempts.get(address.address) ?? 0) + 1);
        const f = state.fault(address.address, attempts.get(address.address)!);
        (session.envelope as unknown as { fault?: Fault }).fault = f;
        if (f && 'at' in f && f.at === 'mail') return cb(smtpError(f.code, f.text));
        if (f && 'silent' in f && f.silent === 'mail') return;
        if (f && 'at' in f && f.at === 'rcpt') return cb(smtpError(f.code, f.text ?? '5.1.1 mailbox unknown'));
      }
      cb();
    },
    onData(stream, session, cb) {
      const f = faultFor(session);
      const chunks: Buffer[] = [];
      let first = true;
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        if (first && f && 'drop' in f && f.drop === 'mid-data') connection(session)?._socket.destroy();
        first = false;
      });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const messageId = /^message-id:\s*<([^>]+)>/im.exec(raw.toString('latin1'))?.[1] ?? '';
        state.dataSeen.push(messageId);
        if (f && 'drop' in f) return connection(session)?._socket.destroy();
        if (f && 'silent' in f) return;
        if (f && 'at' in f && f.at === 'data') return cb(smtpError(f.code, f.text));
        state.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, messageId });
        cb(null, `2.0.0 Ok: queued as Q${state.received.length}`);
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as { port: number }).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const c of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) c._socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
