import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { InputProblem } from '../domain/errors.js';
import { checkCanonicalHeader, parseCanonicalRow, type RowContext } from './canonical.js';
import type { InvoiceRecord } from './record.js';

export type ReadItem = { record: InvoiceRecord } | { problems: InputProblem[] };

export interface ReadResult {
  /** SHA-256 of the file's bytes, complete once the iteration has finished. */
  sha256: () => string;
  items: AsyncIterable<ReadItem>;
}

const csvMessage = (code: string | undefined, message: string): string => {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `${message.replace(/ on line \d+$/, '')} (every row needs as many cells as the header)`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (add the missing ")';
    default:
      return message;
  }
};

/**
 * Streams a CSV file as validated invoices and problems, one per row, without holding the file
 * in memory. The caller decides what to do with problems (all-or-nothing, or --skip-invalid).
 */
export function readInvoices(path: string, ctx: RowContext): ReadResult {
  const hash = createHash('sha256');
  let digest: string | undefined;
  const skipped: InputProblem[] = [];
  const items = async function* (): AsyncGenerator<ReadItem> {
    const source = createReadStream(path);
    source.on('data', (chunk) => hash.update(chunk));
    const parser = source.pipe(
      parse({
        bom: true,
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        info: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        on_skip: (err: (Error & { code?: string; lines?: number }) | undefined) => {
          if (err) skipped.push({ file: ctx.file, line: err.lines ?? 0, column: '(row)', message: csvMessage(err.code, err.message) });
        },
      }),
    );
    let headerChecked = false;
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; columns: { name: string }[] | false };
    }>) {
      if (skipped.length > 0) yield { problems: skipped.splice(0) };
      if (!headerChecked) {
        headerChecked = true;
        const problems = checkCanonicalHeader(Object.keys(record), ctx);
        if (problems.length > 0) {
          yield { problems };
          return;
        }
      }
      yield parseCanonicalRow(record, info.lines, ctx);
    }
    if (skipped.length > 0) yield { problems: skipped.splice(0) };
    digest = hash.digest('hex');
  };
  return {
    sha256: () => {
      if (!digest) throw new Error('sha256 read before the file was consumed');
      return digest;
    },
    items: items(),
  };
}
