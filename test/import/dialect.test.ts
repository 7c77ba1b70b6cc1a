import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseAmount } from '../../src/import/amounts.js';
import { detectDateOrder, parseDateCell } from '../../src/import/dates.js';
import { detectDelimiter, sniffDialect } from '../../src/import/dialect.js';
import { InputError } from '../../src/domain/errors.js';

describe('amount cells as exports write them', () => {
  it.each([
    ['1,234.56', '.', 'USD', 123456],
    ['1.234,56', ',', 'EUR', 123456],
    ['1\u00a0234,56', ',', 'EUR', 123456],
    ['1\u202f234,56', ',', 'EUR', 123456],
    ['$13.50', '.', 'USD', 1350],
    ['$13.50 ', '.', 'USD', 1350],
    ['(182.77)', '.', 'USD', -18277],
    ['($400.00)', '.', 'USD', -40000],
    ['-9,13 €', ',', 'EUR', -913],
    ['EUR 12.00', '.', 'EUR', 1200],
    ['12.00 eur', '.', 'EUR', 1200],
    ['10.0000', '.', 'USD', 1000],
    ['104,40', ',', 'EUR', 10440],
    ['1500', '.', 'JPY', 1500],
  ] as const)('%s (decimal %s) is %i minor units of %s', (text, decimal, currency, minor) => {
    expect(parseAmount(text, currency, decimal)).toMatchObject({ ok: true, minor });
  });

  it('refuses letters, misplaced thousands separators, and a currency other than the invoice\'s', () => {
    expect(parseAmount('12a.00', 'USD', '.')).toMatchObject({ ok: false, message: '"12a.00" is not an amount' });
    expect(parseAmount('1,23.45', 'USD', '.').ok).toBe(false);
    expect(parseAmount('€12.00', 'USD', '.')).toMatchObject({ ok: false, message: '"€12.00" is in EUR, but the invoice is in USD' });
    expect(parseAmount('12.345', 'GBP', '.')).toMatchObject({ ok: false, message: '"12.345" has more decimal places than GBP allows (2)' });
  });

  it('finds the decimal comma from the whole file, not one cell', () => {
    expect(detectDecimalSeparator(['1.234', '104,40'])).toBe(',');
    expect(detectDecimalSeparator(['1,234', '10.50'])).toBe('.');
    expect(detectDecimalSeparator(['1.234.567,00'])).toBe(',');
    expect(detectDecimalSeparator(['12'])).toBe('.');
  });
});

describe('date cells as exports write them', () => {
  it.each([
    ['2021-01-28', null, '2021-01-28'],
    ['2021-01-28T11:04:09+00:00', null, '2021-01-28'],
    ['2025-02-27 9:56', null, '2025-02-27'],
    ['28/01/2021', null, '2021-01-28'],
    ['1/29/2020', null, '2020-01-29'],
    ['03/04/2026', 'dmy', '2026-04-03'],
    ['03/04/2026', 'mdy', '2026-03-04'],
    ['27-01-2022', null, '2022-01-27'],
    ['5.3.2026', 'dmy', '2026-03-05'],
    ['Jan 28 2021', null, '2021-01-28'],
    ['28 Jan 2021', null, '2021-01-28'],
    ['January 28, 2021', null, '2021-01-28'],
    ['45678', null, '2025-01-21'],
  ] as const)('%s (order %s) is %s', (text, order, date) => {
    expect(parseDateCell(text, order)).toEqual({ ok: true, date });
  });

  it('refuses impossible days and asks for the order when a date reads both ways', () => {
    expect(parseDateCell('2026-02-30', null)).toMatchObject({ ok: false, message: '"2026-02-30" is not a date (no such day)' });
    expect(parseDateCell('31/02/2026', null).ok).toBe(false);
    expect(parseDateCell('03/04/2026', null)).toMatchObject({ ok: false, message: expect.stringContaining('--date-order') });
    expect(parseDateCell('next tuesday', null).ok).toBe(false);
  });

  it('decides the order from the whole file: any day over 12 settles it', () => {
    expect(detectDateOrder(['03/04/2026', '13/04/2026'])).toBe('dmy');
    expect(detectDateOrder(['03/04/2026', '04/13/2026'])).toBe('mdy');
    expect(detectDateOrder(['03/04/2026', '05/06/2026'])).toBe('ambiguous');
    expect(detectDateOrder(['13/04/2026', '04/13/2026'])).toBe('conflict');
    expect(detectDateOrder(['2026-04-03', '01/01/2026'])).toBe(null);
  });
});

describe('CSV dialects', () => {
  it('finds comma, semicolon, tab and pipe delimiters, past a preamble and decimal commas', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2,25;3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('"Report, December 19, 2020"\n\na|b|c\n1|2|3\n4|5|6\n')).toBe('|');
  });

  it('notes a UTF-8 BOM and refuses binary, UTF-16 and non-UTF-8 files with a reason', () => {
    expect(sniffDialect('f.csv', Buffer.from('\ufeffa;b\n1;2\n'))).toEqual({ bom: true, delimiter: ';' });
    const refused = (bytes: Buffer) => {
      try {
        sniffDialect('f.csv', bytes);
      } catch (e) {
        return (e as InputError).problems[0]?.message;
      }
      return 'accepted';
    };
    expect(refused(Buffer.alloc(0))).toMatch(/empty/);
    expect(refused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).toMatch(/binary/);
    expect(refused(Buffer.from('\ufffea,b', 'utf16le'))).toMatch(/UTF-16/);
    expect(refused(Buffer.from([0x61, 0x2c, 0xe9, 0x74, 0xe9, 0x0a, 0x31, 0x2c, 0x32, 0x0a]))).toMatch(/not UTF-8.*Windows-1252/);
  });
});
