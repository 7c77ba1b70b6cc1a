import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { SendingConfig } from '../domain/sending-schema.js';
import type { SmtpSettings } from './transport.js';

const DEFAULT_PORT = { tls: 465, starttls: 587, none: 25 } as const;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Where to connect and how to log in. The password comes from DUNNING_SMTP_PASSWORD or
 * `smtp.passwordFile` (refused unless only its owner may read it); it never appears in a
 * message. Plain SMTP (`none`) is only for a server on this machine unless `insecure`.
 */
export function smtpSettings(sending: SendingConfig | undefined, env: { password?: string }, configDir: string, insecure: boolean, needPassword = true): SmtpSettings {
  if (!sending) {
    throw new UsageError('nothing is set up for sending: add a "sending" block to dunning.config.json (the README section "Sending letters" shows one for common providers)');
  }
  const smtp = sending.smtp;
  if (smtp.secure === 'none' && !LOOPBACK.has(smtp.host) && !insecure) {
    throw new UsageError(
      `sending.smtp.secure is "none" for ${smtp.host}: letters and the password would cross the network unencrypted (use "tls" or "starttls", or --insecure if you really mean it)`,
    );
  }
  let password = env.password || undefined;
  if (password === undefined && smtp.passwordFile) password = readPasswordFile(resolve(configDir, smtp.passwordFile));
  if (smtp.user && password === undefined && needPassword) {
    throw new UsageError(`sending.smtp.user is "${smtp.user}" but no password was given (set DUNNING_SMTP_PASSWORD, or sending.smtp.passwordFile)`);
  }
  return { host: smtp.host, port: smtp.port ?? DEFAULT_PORT[smtp.secure], secure: smtp.secure, user: smtp.user, password, perMinute: sending.perMinute };
}

function readPasswordFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new UsageError(`sending.smtp.passwordFile: ${path} does not exist (create it with the password alone, then chmod 600 it)`);
  }
  if ((mode & 0o077) !== 0) {
    throw new UsageError(`sending.smtp.passwordFile: ${path} can be read by others (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}
