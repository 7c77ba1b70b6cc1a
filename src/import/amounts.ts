import { isCurrencyCode, MAX_AMOUNT_MINOR, parseDecimal, tooLarge } from '../domain/money.js';

/**
 * Amount cells as exports write them: `1,234.56`, `1.234,56`, `1 234,56` (with a non-breaking
 * space), `$13.50`, `-9,13 €`, `EUR 12.00`, `(182.77)` for a negative. Parsed by their digits
 * into minor units; never through a float.
 */
export type DecimalSeparator = '.' | ',';

// `R$` before `$`; a bare `$` names no currency (USD, CAD, AUD… all write it).
const SYMBOLS: [string, string | null][] = [['R$', 'BRL'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR'], ['₪', 'ILS'], ['$', null]];
const SPACES = /[\s\u00a0\u202f\u2009']/g;

export type AmountResult = { ok: true; minor: number; currency: string | null } | { ok: false; message: string };

/** Strips sign, parentheses, spaces and a currency mark; returns the bare number text. */
function strip(text: string): { body: string; negative: boolean; currency: string | null } | null {
  let s = text.trim();
  let negative = false;
  let currency: string | null = null;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const code = /^([A-Za-z]{3})\s*(.*)$|^(.*?)\s*([A-Za-z]{3})$/.exec(s);
  if (code) {
    const c = (code[1] ?? code[4] ?? '').toUpperCase();
    if (isCurrencyCode(c)) {
      currency = c;
      s = (code[2] ?? code[3] ?? '').trim();
    }
  }
  for (const [sym, cur] of SYMBOLS) {
    if (s.includes(sym)) {
      s = s.replace(sym, '');
      currency ??= cur;
    }
  }
  s = s.replace(SPACES, '');
  if (/^\(.*\)$/.test(s)) {
    negative = !negative;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s)) return null;
  return { body: s, negative, currency };
}

/**
 * The file's decimal separator, from all its amount cells: a comma followed by one or two
 * digits at the end (`104,40`), or a dot used for thousands before a comma (`1.234,56`), means
 * a decimal comma. Otherwise a dot.
 */
export function detectDecimalSeparator(cells: Iterable<string>): DecimalSeparator {
  for (const cell of cells) {
    const e = decimalEvidence(cell);
    if (e) return e;
  }
  return '.';
}

/** What one amount cell says of the decimal separator: `,` or `.`, or null when it cannot tell (`1,234`). */
export function decimalEvidence(cell: string): DecimalSeparator | null {
  const s = strip(cell)?.body;
  if (!s) return null;
  if (/,\d{1,2}$/.test(s) || /\.\d{3},/.test(s) || /\.\d{3}\./.test(s)) return ',';
  if (/\.\d{1,2}$/.test(s) || /,\d{3}\./.test(s) || /\.\d{4,}$/.test(s)) return '.';
  return null;
}

/** Parses one amount cell into minor units of `currency` (or of the currency the cell names). */
export function parseAmount(text: string, currency: string | null, decimal: DecimalSeparator): AmountResult {
  const parts = strip(text);
  if (!parts) return { ok: false, message: `"${text}" is not an amount` };
  const thousands = decimal === '.' ? ',' : '.';
  const [whole, frac, extra] = parts.body.split(decimal);
  if (extra !== undefined || whole === undefined) return { ok: false, message: `"${text}" is not an amount` };
  // Thousands separators must group by three: "1,23.45" is a typo, not 123.45.
  if (whole.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`).test(whole)) {
    return { ok: false, message: `"${text}" is not an amount (its thousands separators are out of place)` };
  }
  const cur = currency ?? parts.currency;
  if (!cur) return { ok: false, message: `"${text}" names no currency` };
  if (parts.currency && currency && parts.currency !== currency) {
    return { ok: false, message: `"${text}" is in ${parts.currency}, but the invoice is in ${currency}` };
  }
  const plain = `${parts.negative ? '-' : ''}${whole.split(thousands).join('') || '0'}${frac === undefined ? '' : `.${frac}`}`;
  const r = parseDecimal(plain, cur);
  if (!r.ok) return { ok: false, message: r.message.replace(`"${plain}"`, `"${text}"`) };
  if (Math.abs(r.minor) > MAX_AMOUNT_MINOR) return { ok: false, message: tooLarge(text) };
  return { ok: true, minor: r.minor, currency: parts.currency };
}
