import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { ledgerId } from '../ledger/identity.js';
import { letterFileRecorded } from '../ledger/letter-files.js';
import type { Ledger } from '../ledger/open.js';

export const PARTIAL = '.partial';
const OWNED_PARTIAL = /\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.partial$/;

/**
 * The suffix of a ledger's unfinished letter files: `.<ledger id>.partial`. Ledgers sharing one
 * outbox (--outbox) each finish and remove only their own (issue 19, item 1).
 */
export const partialSuffix = (ledger: string | null) => (ledger ? `.${ledger}${PARTIAL}` : PARTIAL);

/** The letter a `.partial` file will become, and the ledger it belongs to (null: written before ledgers had ids). */
export function partialOf(file: string): { name: string; ledger: string | null } | null {
  const owned = OWNED_PARTIAL.exec(file);
  if (owned) return { name: file.slice(0, owned.index), ledger: owned[1]! };
  return file.endsWith(PARTIAL) ? { name: file.slice(0, -PARTIAL.length), ledger: null } : null;
}

/** The names a day's folder holds or will hold: its letters and what every ledger's `.partial` files will become. */
export function namesTaken(dir: string): Set<string> {
  return new Set(readdirSync(dir).map((f) => partialOf(f)?.name ?? f));
}

/**
 * A committed letter's `.partial` becomes the letter. Another dunning process may be finishing
 * the same file (a run behind it recovering the outbox, item 3): already done is done.
 */
export function finishDraft(partial: string, final: string): void {
  try {
    renameSync(partial, final);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(final)) return;
    throw e;
  }
}

/** The letter's file, marked with the ledger it belongs to: an `.eml` header, an `.html` meta tag. */
export function markLedger(body: Buffer, email: boolean, ledger: string | null): Buffer {
  if (!ledger) return body;
  if (email) return Buffer.concat([Buffer.from(`X-Dunning-Ledger: ${ledger}\r\n`), body]);
  return Buffer.from(body.toString('utf8').replace('<head>\n', `<head>\n<meta name="dunning-ledger" content="${ledger}">\n`));
}

/** The ledger a letter file says it belongs to (read from its first 4 KB), or null when it names none. */
export function letterLedger(path: string): string | null {
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = head.subarray(0, n).toString('utf8');
  return /X-Dunning-Ledger: ([0-9a-f-]{36})/.exec(text)?.[1] ?? /<meta name="dunning-ledger" content="([0-9a-f-]{36})">/.exec(text)?.[1] ?? null;
}

/** Whether a path is a regular file, looked at without following it into a pipe or a device. */
export const isRegularFile = (path: string): boolean => {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
};

/** An --outbox that exists must be a folder: a file, a FIFO or /dev/null is refused before anything is written. */
export function refuseWrongOutbox(outboxDir: string): void {
  let stat;
  try {
    stat = statSync(outboxDir);
  } catch {
    return;
  }
  if (!stat.isDirectory()) throw new UsageError(`${outboxDir}: the outbox must be a folder, and this is not one (pass --outbox FOLDER)`);
}

/**
 * Letter files are written as `.partial` inside the command's transaction and renamed once it
 * has committed. A process killed in between leaves partial files behind: this finishes this
 * ledger's whose letter event was committed and removes its others, so nothing is lost or
 * drafted twice. Another ledger's partial files are never touched.
 */
export function recoverOutbox(db: Ledger, outboxDir: string): void {
  refuseWrongOutbox(outboxDir);
  if (!existsSync(outboxDir)) return;
  const own = ledgerId(db);
  const recorded = letterFileRecorded(db);
  for (const day of readdirSync(outboxDir, { withFileTypes: true })) {
    if (!day.isDirectory()) continue;
    for (const f of readdirSync(join(outboxDir, day.name))) {
      const partial = partialOf(f);
      if (!partial || (partial.ledger !== null && partial.ledger !== own)) continue;
      const rel = `${day.name}/${partial.name}`;
      const path = join(outboxDir, day.name, f);
      if (recorded(rel)) finishDraft(path, join(outboxDir, rel));
      // A partial from before ledgers had ids may be another ledger's: removed only when it is surely this one's.
      else if (partial.ledger === own) rmSync(path, { force: true });
    }
  }
}

/**
 * A day's folder in the outbox, made private if it is missing. Made one level at a time: a
 * recursive mkdir on a read-only disk says ENOENT where EROFS is the truth.
 */
export function makeDayFolder(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    if (code !== 'ENOENT') throw e;
    mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
    mkdirSync(dir, { mode: 0o700 });
  }
}

/** Writes a letter's `.partial` file; one the disk could not take whole (full, say) is not left behind. */
export function writeDraft(path: string, body: Buffer): void {
  try {
    writeFileSync(path, body, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(path, { force: true });
    throw e;
  }
}
