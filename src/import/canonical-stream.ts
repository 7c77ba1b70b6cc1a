import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { canonicalColumns, checkCanonicalHeader, parseCanonicalRow, type CanonicalColumns, type CanonicalContext } from './canonical.js';
import { plainCells, type SpreadsheetReading } from './canonical-resaved.js';
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
  /** For a file a spreadsheet re-saved: how its dates and amounts are written. */
  spreadsheet?: SpreadsheetReading;
}

/**
 * Streams a canonical CSV as validated invoices and problems, in batches, without holding the
 * file in memory: the 1,000,000-row path.
 */
export function streamCanonical(source: CanonicalSource, notes: string[]): Pick<ReadResult, 'sha256' | 'items'> {
  const stream = new CanonicalStream(source, notes);
  return {
    // Empty when the reading stopped at a problem: the import then records nothing.
    sha256: () => stream.digest ?? '',
    items: stream.batches(),
  };
}

type Trouble = { message: string; line: number };

class CanonicalStream {
  /** SHA-256 of the file's bytes, once all were read. */
  digest: string | undefined;
  private readonly ctx: CanonicalContext;
  private readonly reader: CsvReader;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly hash = createHash('sha256');
  /**
   * Without --skip-invalid a refused row fails the whole import, so a customer's first row is
   * always written when the import is: later rows that repeat it need not be (ReadResult.repeatsMarked).
   */
  private repeats: CustomerRepeats | null = null;
  private columns: CanonicalColumns | null = null;
  private width = 0;
  private rows = 0;
  private readonly read: CsvRow[] = [];
  private readonly problems: CsvProblem[] = [];
  private batch: ReadItem[] = [];
  private bytes = 0;
  /** The first bytes of a character the last chunk began and the next one ends. */
  private carry: Buffer = Buffer.alloc(0);

  constructor(
    private readonly source: CanonicalSource,
    private readonly notes: string[],
  ) {
    const o = source.options;
    this.ctx = { file: o.file, currency: o.currency ?? o.defaultCurrency };
    this.reader = new CsvReader(source.delimiter, source.eol, Boolean(o.keepRaw));
  }

  async *batches(): AsyncGenerator<ReadItem[]> {
    try {
      for await (const chunk of createReadStream(this.source.path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
        const trouble = this.push(chunk);
        if (trouble) return yield this.stop(trouble);
        if (!this.take()) return yield this.batch;
        if (this.batch.length >= BATCH_ROWS) {
          yield this.batch;
          this.batch = [];
        }
      }
    } catch (e) {
      const trouble = fileTrouble(e);
      if (!trouble) throw e;
      return yield this.stop({ message: trouble, line: this.reader.lineAfter('') });
    }
    const trouble = this.end();
    if (trouble) return yield this.stop(trouble);
    if (!this.take()) return yield this.batch;
    if (this.batch.length > 0) yield this.batch;
    if (this.rows === 0) this.notes.push(`${this.ctx.file} has a header but no rows: nothing to import`);
    this.digest = this.hash.digest('hex');
  }

  /** A chunk of the file, decoded and read into rows; or what makes the file unreadable, on its line. */
  private push(chunk: Buffer): Trouble | null {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      // Named at the line of the character's first byte (which the last chunk may hold).
      const joined = Buffer.concat([this.carry, chunk]);
      return { message: NOT_UTF8, line: this.reader.lineAfter(decodedBefore(joined, firstInvalidUtf8(joined))) };
    }
    this.carry = unfinishedCharacter(chunk);
    const nul = text.indexOf('\0');
    if (nul !== -1) return { message: BINARY, line: this.reader.lineAfter(text.slice(0, nul)) };
    this.reader.push(text, this.read, this.problems);
    return null;
  }

  /** The end of the file: as many bytes as it had when the import began, its last character whole. */
  private end(): Trouble | null {
    const line = this.reader.lineAfter('');
    if (this.bytes !== this.source.size) return { message: changedWhileRead(this.source.size, this.bytes), line };
    try {
      this.decoder.decode();
    } catch {
      return { message: NOT_UTF8, line };
    }
    this.reader.end(this.read, this.problems);
    return null;
  }

  /** The rows read so far, then a problem with the file itself, which ends the reading. */
  private stop(trouble: Trouble): ReadItem[] {
    this.take();
    return [...this.batch, { problems: [{ file: this.ctx.file, line: trouble.line, column: '(file)', message: trouble.message }] }];
  }

  /** The rows and problems read so far, in line order, into the batch; false once the header is refused. */
  private take(): boolean {
    const { read, problems, batch } = this;
    let p = 0;
    for (const row of read) {
      for (; p < problems.length && problems[p]!.line <= row.line; p++) batch.push(problemItem(this.ctx.file, problems[p]!));
      if (row.line < this.source.headerLine) continue;
      if (this.columns) batch.push(this.item(row, this.columns));
      else if (!this.header(row)) return false;
    }
    for (; p < problems.length; p++) batch.push(problemItem(this.ctx.file, problems[p]!));
    read.length = 0;
    problems.length = 0;
    return true;
  }

  /** The header row: where each column is, or its problems into the batch (false). */
  private header(row: CsvRow): boolean {
    const problems = checkCanonicalHeader(row.cells.map((h) => h.trim().toLowerCase()), this.ctx);
    if (problems.length > 0) {
      this.batch.push({ problems });
      return false;
    }
    this.columns = canonicalColumns(row.cells);
    this.width = row.cells.length;
    if (!this.source.options.keepRaw) this.repeats = new CustomerRepeats(undefined, this.columns.contact_name >= 0);
    return true;
  }

  /** One row below the header, as an invoice or its problems. */
  private item(row: CsvRow, columns: CanonicalColumns): ReadItem {
    this.rows++;
    if (row.cells.length !== this.width) {
      return problemItem(this.ctx.file, { line: row.line, message: `the row has ${row.cells.length} cells, the header ${this.width} (every row needs as many cells as the header)`, raw: row.raw });
    }
    const raw = row.raw === undefined ? undefined : [row.raw];
    const { spreadsheet } = this.source;
    const cells = spreadsheet ? plainCells(row.cells, columns, this.ctx.currency, spreadsheet) : row.cells;
    const r = parseCanonicalRow(cells, row.line, columns, this.ctx);
    if (!('record' in r)) return { problems: r.problems, raw };
    this.repeats?.mark(r.record);
    return { record: r.record, raw };
  }
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
