import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { canonicalColumns, checkCanonicalHeader, parseCanonicalRow, type CanonicalColumns } from './canonical.js';
import { CsvReader, type CsvProblem, type CsvRow } from './csv-reader.js';
import type { ReadItem, ReadOptions, ReadResult } from './read.js';
import { CustomerRepeats } from './customer-repeats.js';
import { BINARY, changedWhileRead, fileTrouble, firstInvalidUtf8, NOT_UTF8 } from './source-file.js';

/** Rows per batch handed to the ledger. */
export const BATCH_ROWS = 1024;

/** A canonical file, once its header has been found; plain data, so a worker thread can get it. */
export interface CanonicalSource {
  path: string;
  options: ReadOptions;
  delimiter: string;
  headerLine: number;
  eol: '\n' | '\r';
  /** The file's size when the import began: reading more or fewer bytes means it changed. */
  size: number;
}

/**
 * Streams a canonical CSV as validated invoices and problems, in batches, without holding the
 * file in memory: the 1,000,000-row path.
 */
export function streamCanonical(source: CanonicalSource, notes: string[]): Pick<ReadResult, 'sha256' | 'items'> {
  const { path, options: o, headerLine } = source;
  const ctx = { file: o.file, currency: o.currency ?? o.defaultCurrency };
  const hash = createHash('sha256');
  let digest: string | undefined;
  const items = async function* (): AsyncGenerator<ReadItem[]> {
    const reader = new CsvReader(source.delimiter, source.eol, Boolean(o.keepRaw));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // Without --skip-invalid a refused row fails the whole import, so a customer's first row is
    // always written when the import is: later rows that repeat it need not be (ReadResult.repeatsMarked).
    const repeats = o.keepRaw ? null : new CustomerRepeats();
    let columns: CanonicalColumns | null = null;
    let width = 0;
    let rows = 0;
    const read: CsvRow[] = [];
    const problems: CsvProblem[] = [];
    /** The rows and problems read so far, in line order, as items; false once the header is refused. */
    const take = (batch: ReadItem[]): boolean => {
      let p = 0;
      for (const row of read) {
        for (; p < problems.length && problems[p]!.line <= row.line; p++) batch.push(problemItem(o.file, problems[p]!));
        if (row.line < headerLine) continue;
        if (!columns) {
          const header = checkCanonicalHeader(row.cells.map((h) => h.trim().toLowerCase()), ctx);
          if (header.length > 0) {
            batch.push({ problems: header });
            return false;
          }
          columns = canonicalColumns(row.cells);
          width = row.cells.length;
          continue;
        }
        rows++;
        const raw = row.raw === undefined ? undefined : [row.raw];
        if (row.cells.length !== width) {
          batch.push(problemItem(o.file, { line: row.line, message: `the row has ${row.cells.length} cells, the header ${width} (every row needs as many cells as the header)`, raw: row.raw }));
          continue;
        }
        const r = parseCanonicalRow(row.cells, row.line, columns, ctx);
        if ('record' in r) {
          if (repeats) repeats.mark(r.record);
          batch.push({ record: r.record, raw });
        } else batch.push({ problems: r.problems, raw });
      }
      for (; p < problems.length; p++) batch.push(problemItem(o.file, problems[p]!));
      read.length = 0;
      problems.length = 0;
      return true;
    };
    let batch: ReadItem[] = [];
    let bytes = 0;
    let carry: Buffer = Buffer.alloc(0);
    /** The rows read so far, then a problem with the file itself, which ends the reading. */
    const stop = (message: string, line: number): ReadItem[] => {
      take(batch);
      return [...batch, { problems: [{ file: o.file, line, column: '(file)', message }] }];
    };
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          // Named at the line of the first byte that is not UTF-8 (with the character the last chunk began).
          const joined = Buffer.concat([carry, chunk]);
          return yield stop(NOT_UTF8, reader.lineAfter(decodedBefore(joined, firstInvalidUtf8(joined))));
        }
        carry = unfinishedCharacter(chunk);
        const nul = text.indexOf('\0');
        if (nul !== -1) return yield stop(BINARY, reader.lineAfter(text.slice(0, nul)));
        reader.push(text, read, problems);
        if (!take(batch)) return yield batch;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    } catch (e) {
      const trouble = fileTrouble(e);
      if (!trouble) throw e;
      return yield stop(trouble, reader.lineAfter(''));
    }
    if (bytes !== source.size) return yield stop(changedWhileRead(source.size, bytes), reader.lineAfter(''));
    try {
      // An incomplete UTF-8 sequence at the very end of the file is an error, not dropped.
      decoder.decode();
    } catch {
      return yield stop(NOT_UTF8, reader.lineAfter(''));
    }
    reader.end(read, problems);
    if (!take(batch)) return yield batch;
    if (batch.length > 0) yield batch;
    if (rows === 0) notes.push(`${o.file} has a header but no rows: nothing to import`);
    digest = hash.digest('hex');
  };
  return {
    // Empty when the reading stopped at a problem: the import then records nothing.
    sha256: () => digest ?? '',
    items: items(),
  };
}

/** The bytes at the end of a chunk that begin a character the next chunk ends. */
function unfinishedCharacter(chunk: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back]!;
    if (b >= 0x80 && b < 0xc0) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? chunk.subarray(chunk.length - back) : Buffer.alloc(0);
  }
  return Buffer.alloc(0);
}

/** The text of a chunk before byte `offset` (for the line a problem is on). */
const decodedBefore = (chunk: Buffer, offset: number): string => new TextDecoder().decode(chunk.subarray(0, Math.max(offset, 0)));

const problemItem = (file: string, p: CsvProblem): ReadItem => ({
  problems: [{ file, line: p.line, column: '(row)', message: p.message }],
  raw: p.raw === undefined ? undefined : [p.raw],
});
