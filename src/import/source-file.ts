import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../domain/errors.js';

/**
 * The file an import reads, checked before anything else: a directory, a FIFO, a device or a
 * file that cannot be read is refused with exit 3 and what to do, never a stack trace.
 */
export const NOT_UTF8 = 'the file is not UTF-8 text (it may be Windows-1252 or Latin-1: save it as "CSV UTF-8" and import that)';
export const BINARY = 'this is not a CSV file: it holds binary data (export as CSV)';

export function refuseFile(file: string, what: string, line = 1): InputError {
  return new InputError(`${file}: ${what}`, [{ file, line, column: '(file)', message: what }]);
}

/** What an error of the file system means to someone importing `file`. */
export function fileTrouble(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file is gone (it was moved or deleted while it was read: import it again)';
    case 'EISDIR':
      return 'is a directory, not a file (name the CSV file inside it)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied (check the file\'s permissions, or copy it somewhere you can read)';
    case 'EIO':
      return 'could not be read: the disk reported an error (copy the file elsewhere and import the copy)';
    default:
      return null;
  }
}

/**
 * The file's size in bytes, once it is known to be a regular file this process can read.
 * `what` names the file in advice: the CSV file of an import, or a mapping file.
 */
export function sourceSize(path: string, file: string, what: 'CSV file' | 'mapping file' = 'CSV file'): number {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw refuseFile(file, `is a directory, not a file (name the ${what} inside it)`);
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'a socket';
      throw refuseFile(file, `is ${kind}, not a file (save the ${what === 'CSV file' ? 'export' : 'mapping'} to a file and name that)`);
    }
    size = st.size;
    closeSync(openSync(path, 'r'));
  } catch (e) {
    if (e instanceof InputError) throw e;
    const trouble = fileTrouble(e);
    if (trouble) throw refuseFile(file, trouble);
    throw e;
  }
  return size;
}

/** The first `bytes` of the file, and whether they are all of it. */
export function readHead(path: string, file: string, bytes: number): { head: Buffer; whole: boolean } {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const n = readSync(fd, buf, 0, bytes, 0);
      return { head: buf.subarray(0, n), whole: n < bytes };
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const trouble = fileTrouble(e);
    if (trouble) throw refuseFile(file, trouble);
    throw e;
  }
}

/** Said when the bytes read are not the size the file had when the import began. */
export const changedWhileRead = (expected: number, read: number): string =>
  `the file changed while it was read (${expected} bytes when the import began, ${read} read: wait until the export is complete, then import it again)`;

/** The line (1-based) on which byte `offset` of `bytes` falls. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Offset of the first byte that is not valid UTF-8 (an incomplete sequence at the end counts), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Only a sequence cut short by the end of the file: its last byte.
    if (validPrefix(bytes)) return bytes.length - 1;
    // The shortest prefix that fails, by halves: its last byte is the first bad one.
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (validPrefix(bytes.subarray(0, mid))) lo = mid;
      else hi = mid;
    }
    return sequenceStart(bytes, hi - 1);
  }
}

/** Where the character that byte `at` breaks began: a lead byte just before it whose sequence it cuts short. */
function sequenceStart(bytes: Uint8Array, at: number): number {
  for (let back = 1; back <= 3 && at - back >= 0; back++) {
    const b = bytes[at - back]!;
    if (b >= 0x80 && b < 0xc0) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? at - back : at;
  }
  return at;
}

/** Whether `bytes` is valid UTF-8, allowing a sequence cut short at its very end. */
function validPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
