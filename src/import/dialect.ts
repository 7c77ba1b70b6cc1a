import { InputError } from '../domain/errors.js';
import { BINARY, NOT_UTF8 } from './source-file.js';

/**
 * The dialect of a CSV file, sniffed from its first bytes: encoding (UTF-8, with or without a
 * BOM), delimiter (comma, semicolon, tab, pipe). Line endings and quoted newlines are csv-parse's.
 */
export interface Dialect {
  bom: boolean;
  delimiter: string;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Delimiters counted outside quotes on each line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter whose count per line is most consistent over the first lines (the most common
 * count, then how high it is): a preamble line or a decimal comma does not fool it.
 */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '').slice(0, 30);
  let best = { delimiter: ',', freq: 0, count: 0 };
  for (const d of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const n = countOutsideQuotes(l, d);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [count, freq] of counts) {
      if (freq > best.freq || (freq === best.freq && count > best.count)) best = { delimiter: d, freq, count };
    }
  }
  return best.delimiter;
}

/**
 * Refuses what is not CSV text: a binary file, UTF-16, or bytes that are not UTF-8. Returns the
 * dialect read from `head`, the file's first bytes.
 */
export function sniffDialect(file: string, head: Buffer): Dialect {
  const refuse = (what: string) => new InputError(`${file}: ${what}`, [{ file, line: 1, column: '(file)', message: what }]);
  if (head.length === 0) throw refuse('the file is empty (export the invoices again)');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw refuse('the file is UTF-16 text (save it as "CSV UTF-8" and import that)');
  }
  if (head.includes(0)) throw refuse(BINARY);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  // The head may end inside a multi-byte character: only the last 3 bytes may be cut short.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(bom ? 3 : 0));
  const cut = text.slice(0, -3);
  if (cut.includes('\ufffd')) {
    throw refuse(NOT_UTF8);
  }
  return { bom, delimiter: detectDelimiter(text) };
}
