/**
 * A small RFC 4180 reader for the canonical CSV's million-row path: text goes in as it is read,
 * complete rows come out with the line each ends on. A row without a quote is split on its
 * delimiter; only quoted rows (an address with a comma or a newline) are read character by
 * character. Quotes are doubled inside a quoted cell; a quote inside an unquoted cell is text.
 * Blank lines are skipped; CRLF and LF both end a row (CR alone where the file uses it).
 */
export interface CsvRow {
  cells: string[];
  /** The line the row ends on (a quoted newline makes a row span lines). */
  line: number;
  /** The row's text, without its line ending, when asked for (a rejects file needs it). */
  raw?: string;
}

export interface CsvProblem {
  line: number;
  message: string;
  raw?: string;
}

/** A quoted cell longer than this is taken to be a quote never closed, not a cell. */
const MAX_QUOTED = 1 << 20;

export class CsvReader {
  private rest = '';
  /** Lines consumed so far. */
  private line = 0;
  private stopped = false;

  constructor(
    private readonly delimiter: string,
    private readonly eol: '\n' | '\r' = '\n',
    private readonly keepRaw = false,
  ) {}

  /** Reads the rows `text` completes; an unfinished row waits for the next text. */
  push(text: string, rows: CsvRow[], problems: CsvProblem[]): void {
    this.read(this.rest.length > 0 ? this.rest + text : text, false, rows, problems);
  }

  /** The line on which `text`, if pushed next, would end: for a problem found before reading it. */
  lineAfter(text: string): number {
    let n = this.line + 1;
    for (const t of [this.rest, text]) for (let i = t.indexOf(this.eol); i !== -1; i = t.indexOf(this.eol, i + 1)) n++;
    return n;
  }

  /** Reads what is left at the end of the file. */
  end(rows: CsvRow[], problems: CsvProblem[]): void {
    this.read(this.rest, true, rows, problems);
    this.rest = '';
  }

  private read(buf: string, final: boolean, rows: CsvRow[], problems: CsvProblem[]): void {
    if (this.stopped) return;
    const { delimiter, eol } = this;
    let pos = 0;
    let nextQuote = buf.indexOf('"');
    while (pos < buf.length) {
      const nl = buf.indexOf(eol, pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? buf.length : nl;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote >= end) {
        // The common row: no quotes, split on the delimiter.
        const text = buf.charCodeAt(end - 1) === 13 && end > pos ? buf.slice(pos, end - 1) : buf.slice(pos, end);
        this.line++;
        if (text.length > 0) rows.push({ cells: text.split(delimiter), line: this.line, raw: this.keepRaw ? text : undefined });
        pos = end + 1;
        continue;
      }
      const quoted = this.quoted(buf, pos, final);
      if (quoted === 'more') {
        if (buf.length - pos > MAX_QUOTED) {
          problems.push({ line: this.line + 1, message: 'a quoted cell is never closed (add the missing ")' });
          this.stopped = true;
          return;
        }
        break;
      }
      if ('message' in quoted) {
        problems.push({ line: this.line + 1, message: quoted.message, raw: this.keepRaw ? buf.slice(pos, quoted.next).replace(/\r?\n?$/, '') : undefined });
        if (quoted.next < 0) {
          this.stopped = true;
          return;
        }
        this.line += countLines(buf, pos, quoted.next, eol);
        pos = quoted.next;
        continue;
      }
      this.line += countLines(buf, pos, quoted.next, eol);
      const raw = this.keepRaw ? buf.slice(pos, quoted.next).replace(/\r?[\n\r]?$/, '') : undefined;
      rows.push({ cells: quoted.cells, line: this.line, raw });
      pos = quoted.next;
    }
    this.rest = pos < buf.length ? buf.slice(pos) : '';
  }

  /**
   * One row that holds a quote, from `start`: its cells and where the next row starts, a
   * problem (with where to resume, or -1 for nowhere), or 'more' when the text ends inside it.
   */
  private quoted(buf: string, start: number, final: boolean): { cells: string[]; next: number } | { message: string; next: number } | 'more' {
    const { delimiter, eol } = this;
    const cells: string[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (buf.charCodeAt(i) === 34) {
        value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1) return final ? { message: 'a quoted cell is never closed (add the missing ")', next: -1 } : 'more';
          value += buf.slice(from, q);
          if (buf.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          if (q + 1 === buf.length && !final) return 'more';
          i = q + 1;
          break;
        }
      } else {
        let stop = i;
        while (stop < buf.length && buf[stop] !== delimiter && buf[stop] !== eol) stop++;
        if (stop === buf.length && !final) return 'more';
        value = buf.slice(i, buf[stop] === eol && buf[stop - 1] === '\r' && stop > i ? stop - 1 : stop);
        i = stop;
      }
      cells.push(value);
      if (i >= buf.length) return { cells, next: buf.length };
      const c = buf[i];
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === eol) return { cells, next: i + 1 };
      if (c === '\r' && buf[i + 1] === eol) return { cells, next: i + 2 };
      if (c === '\r' && i + 1 === buf.length) return final ? { cells, next: buf.length } : 'more';
      const nl = buf.indexOf(eol, i);
      return { message: 'a quoted cell has text after its closing quote (write a quote inside a quoted cell as "")', next: nl === -1 ? buf.length : nl + 1 };
    }
  }
}

/** Lines a row from `start` to `end` spans: its line endings, and its last line if the file ends there. */
function countLines(buf: string, start: number, end: number, eol: string): number {
  let n = 0;
  for (let i = buf.indexOf(eol, start); i !== -1 && i < end; i = buf.indexOf(eol, i + 1)) n++;
  return buf[end - 1] === eol ? n : n + 1;
}
