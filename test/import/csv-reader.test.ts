import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvProblem, type CsvRow } from '../../src/import/csv-reader.js';

/** Reads `text` fed in pieces of `size` characters: a row may be cut anywhere between reads. */
function read(text: string, size = text.length, options: { delimiter?: string; eol?: '\n' | '\r'; raw?: boolean } = {}) {
  const reader = new CsvReader(options.delimiter ?? ',', options.eol ?? '\n', options.raw ?? false);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  for (let i = 0; i < text.length; i += Math.max(size, 1)) reader.push(text.slice(i, i + size), rows, problems);
  reader.end(rows, problems);
  return { rows: rows.map((r) => (options.raw ? [r.line, r.cells, r.raw] : [r.line, r.cells])), problems };
}

describe('the canonical CSV reader (RFC 4180)', () => {
  const EXPORT = [
    'invoice_number,customer_name,address',
    'INV-1,Acme Ltd,"Unit 4, Wharf Road',
    'Gloucester GL1 2AB"',
    'INV-2,"The ""Blue"" Café",',
    '',
    'INV-3,Lumière,"a\r\nb"',
  ].join('\r\n');

  it('reads quoted cells with commas, doubled quotes and newlines, CRLF line ends, and skips blank lines', () => {
    expect(read(EXPORT)).toEqual({
      rows: [
        [1, ['invoice_number', 'customer_name', 'address']],
        [3, ['INV-1', 'Acme Ltd', 'Unit 4, Wharf Road\r\nGloucester GL1 2AB']],
        [4, ['INV-2', 'The "Blue" Café', '']],
        [7, ['INV-3', 'Lumière', 'a\r\nb']],
      ],
      problems: [],
    });
  });

  it('gives the same rows wherever the file is cut between reads', () => {
    const whole = read(EXPORT);
    for (const size of [1, 2, 3, 5, 7, 16]) expect(read(EXPORT, size)).toEqual(whole);
    expect(read(`${EXPORT}\r\n`, 3)).toEqual(whole);
  });

  it('numbers each row by the line it ends on, as the messages name it', () => {
    expect(read('h1,h2\nx,"1\n2\n3"\ny,4\n').rows).toEqual([
      [1, ['h1', 'h2']],
      [4, ['x', '1\n2\n3']],
      [5, ['y', '4']],
    ]);
  });

  it('keeps each row as written for a rejects file, without its line end', () => {
    expect(read('a,b\r\n"x,1",2\r\n', 4, { raw: true }).rows).toEqual([
      [1, ['a', 'b'], 'a,b'],
      [2, ['x,1', '2'], '"x,1",2'],
    ]);
  });

  it('reads semicolons, tabs, and lines ended by CR alone', () => {
    expect(read('a;b\n"1;2";3\n', 2, { delimiter: ';' }).rows).toEqual([[1, ['a', 'b']], [2, ['1;2', '3']]]);
    expect(read('a\tb\rc\t"d\re"\r', 1, { delimiter: '\t', eol: '\r' }).rows).toEqual([[1, ['a', 'b']], [3, ['c', 'd\re']]]);
  });

  it('takes a quote inside an unquoted cell as text', () => {
    expect(read('Joe "JJ" Smith,1\n').rows).toEqual([[1, ['Joe "JJ" Smith', '1']]]);
  });

  it('names the line of a quoted cell never closed, and of text after a closing quote', () => {
    expect(read('a,b\n1,"open\n2,3\n', 4).problems).toEqual([{ line: 2, message: 'a quoted cell is never closed (add the missing ")' }]);
    const after = read('a,b\n1,"x"y\n2,3\n', 3);
    expect(after.problems).toEqual([{ line: 2, message: expect.stringContaining('text after its closing quote') }]);
    expect(after.rows).toEqual([[1, ['a', 'b']], [3, ['2', '3']]]);
  });

  it('gives up on a quote left open for a megabyte instead of holding the rest of the file', () => {
    const text = `a,b\n1,"${'x,y\n'.repeat(300_000)}`;
    const r = read(text, 64 * 1024);
    expect(r.problems).toEqual([{ line: 2, message: 'a quoted cell is never closed (add the missing ")' }]);
    expect(r.rows).toEqual([[1, ['a', 'b']]]);
  });
});
