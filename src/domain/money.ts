/**
 * Money is an integer count of minor units beside its ISO 4217 currency. Never a float:
 * decimal text is parsed by its digits, and formatting happens only at the edges.
 */
export interface Money {
  currency: string;
  minor: number;
}

/** The JSON shape of money in every --json output (DESIGN.md). */
export interface MoneyJson {
  currency: string;
  minor: number;
  amount: string;
}

const exponents = new Map<string, number>();

let supported: Set<string> | undefined;

/** Whether `code` is an ISO 4217 currency Intl knows ("USD"; not "usd", not "XYZ"). */
export function isCurrencyCode(code: string): boolean {
  supported ??= new Set(Intl.supportedValuesOf('currency'));
  return supported.has(code);
}

/** Digits after the decimal point for a currency: JPY 0, USD 2, BHD 3. Intl knows them. */
export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(currency, e);
  }
  return e;
}

/**
 * The largest amount an import accepts, in minor units (90 million in a currency with cents):
 * a total over a million such amounts still stays below 2^53, an exact integer.
 */
export const MAX_AMOUNT_MINOR = 9_000_000_000;

/** The problem with an amount above MAX_AMOUNT_MINOR, said of the text it was read from. */
export const tooLarge = (text: string): string =>
  `"${text}" is above the largest amount dunning keeps (9,000,000,000 minor units: 90,000,000.00 in a currency with cents; check the decimal separator)`;

export type ParseResult = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Parses plain decimal text ("1234.5", "-12.00", "7") into minor units of `currency`.
 * More digits after the point than the currency has is an error, not a rounding.
 */
export function parseDecimal(text: string, currency: string): ParseResult {
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not an amount` };
  const exp = currencyExponent(currency);
  const sign = m[1] === '-' ? -1 : 1;
  let frac = m[3] ?? '';
  // Trailing zeros beyond the currency's exponent are harmless ("10.0000" in USD).
  while (frac.length > exp && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (frac.length > exp) {
    return {
      ok: false,
      message: `"${text}" has more decimal places than ${currency} allows (${exp})`,
    };
  }
  const digits = (m[2] + frac.padEnd(exp, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `"${text}" is too large` };
  return { ok: true, minor: sign * minor || 0 };
}

/** Minor units as plain decimal text: 12345 USD -> "123.45", -5 USD -> "-0.05". */
export function formatDecimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

export function moneyJson(minor: number, currency: string): MoneyJson {
  return { currency, minor, amount: formatDecimal(minor, currency) };
}

/** Sums amounts per currency, never across currencies; sorted by currency code. */
export function totalsByCurrency(items: Iterable<Money>): Money[] {
  const sums = new Map<string, number>();
  for (const { currency, minor } of items) sums.set(currency, (sums.get(currency) ?? 0) + minor);
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, minor]) => ({ currency, minor }));
}

/**
 * One Intl.NumberFormat per locale and currency: making one loads ICU's locale data, and a run
 * formats thousands of amounts.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money for people: "€1.234,56" in de, "$1,234.56" in en-US. The only place a float appears. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const key = `${locale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  // Intl formats numbers; the decimal text of a safe integer converts exactly enough for display.
  return format.format(Number(formatDecimal(minor, currency)));
}
