import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { sha256 } from '../letters/write.js';

/** Where a letter file is now: where it was drafted, or under outbox/sent/ once it went. */
export function letterPath(outboxDir: string, rel: string): string | null {
  for (const p of [join(outboxDir, rel), join(outboxDir, 'sent', rel)]) if (existsSync(p)) return p;
  return null;
}

export type DraftRead = { ok: true; bytes: Buffer; path: string } | { ok: false; reason: string };

/** The draft as its letter event recorded it, or why it cannot go (missing, or changed since). */
export function readDraft(outboxDir: string, rel: string, recordedSha256: string): DraftRead {
  const path = letterPath(outboxDir, rel);
  if (!path) return { ok: false, reason: `the letter file ${rel} is missing from the outbox` };
  const bytes = readFileSync(path);
  if (recordedSha256 && sha256(bytes) !== recordedSha256) {
    return { ok: false, reason: `the letter file ${rel} was changed after it was drafted (audit verify names it)` };
  }
  return { ok: true, bytes, path };
}

/** The Message-ID a draft carries (without angle brackets), or '' when it has none. */
export function draftMessageId(bytes: Buffer): string {
  const head = bytes.subarray(0, Math.min(bytes.length, 8192)).toString('latin1');
  return /^message-id:\s*<?([^>\r\n]+)>?/im.exec(head)?.[1]?.trim() ?? '';
}

/** Moves a sent letter to outbox/sent/<day>/ so the outbox holds only what has not gone. */
export function moveToSent(outboxDir: string, rel: string): void {
  const from = join(outboxDir, rel);
  if (!existsSync(from)) return;
  const to = join(outboxDir, 'sent', rel);
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  renameSync(from, to);
}

export interface InvoiceFiles {
  files: { filename: string; content: Buffer }[];
  missing: string[];
}

/**
 * The files of the letter's own invoices (sending.attachInvoices, e.g. "invoices/{number}.pdf",
 * beside the ledger). Only the numbers the letter's event lists are looked up, so no letter can
 * carry another customer's invoice; a number that would lead outside the folder is never read.
 */
export function invoiceFiles(dir: string, pattern: string | undefined, numbers: string[]): InvoiceFiles {
  const out: InvoiceFiles = { files: [], missing: [] };
  if (!pattern) return out;
  for (const number of numbers) {
    const safe = number.replace(/[/\\]/g, '-').replace(/^\.+/, '');
    const path = resolve(dir, pattern.replaceAll('{number}', safe));
    const inside = !relative(dir, path).startsWith(`..${sep}`) && relative(dir, path) !== '..';
    if (inside && existsSync(path)) out.files.push({ filename: basename(path), content: readFileSync(path) });
    else out.missing.push(`${number} (${pattern.replaceAll('{number}', safe)} not found)`);
  }
  return out;
}
