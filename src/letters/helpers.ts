import type Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { addDays, daysOverdue, isIsoDate, type IsoDate } from '../domain/dates.js';
import { formatMoney, isCurrencyCode } from '../domain/money.js';

/**
 * The helpers a template may call. Each checks its arguments and throws on nonsense, because
 * Handlebars looks up helper arguments leniently: `{{money amout currency}}` would otherwise
 * print "NaN" in a letter instead of failing `templates check`.
 */
export const HELPER_NAMES = ['money', 'date', 'deadline', 'daysLate', 'plural', 'eq', 'gt', 'percent'] as const;

/** Handlebars' own block helpers, always available. */
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'];

interface Root {
  locale: string;
  asOf: IsoDate;
}

const root = (options: Handlebars.HelperOptions) => options.data.root as Root;

function isoDate(helper: string, value: unknown): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new Error(`${helper}: expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  return value;
}

function integer(helper: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${helper}: expected a whole number, got ${JSON.stringify(value)}`);
  return value;
}

/** Dates already written out, by locale, style and day: a run's letters name the same few hundred days. */
const formattedDates = new Map<string, string>();

/** A date in the letter's locale: long ("2 mars 2026") or short ("02/03/2026"). */
export function formatDate(iso: IsoDate, locale: string, style: 'long' | 'short' = 'long'): string {
  const key = `${locale} ${style} ${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const d = DateTime.fromISO(iso, { zone: 'utc' }).setLocale(locale);
    text = d.toLocaleString(style === 'short' ? DateTime.DATE_SHORT : DateTime.DATE_FULL);
    if (formattedDates.size >= 100_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** A rate in basis points as the letter's language writes it: 250 -> "2.5%" in en, "2,5 %" in fr. */
export function formatRate(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10000);
}

export function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('money', (minor: unknown, currency: unknown, options: Handlebars.HelperOptions) => {
    if (typeof currency !== 'string' || !isCurrencyCode(currency)) throw new Error(`money: expected a currency code, got ${JSON.stringify(currency)}`);
    return formatMoney(integer('money', minor), currency, root(options).locale);
  });
  hb.registerHelper('date', (iso: unknown, ...rest: unknown[]) => {
    const options = rest.pop() as Handlebars.HelperOptions;
    const style = rest[0] ?? 'long';
    if (style !== 'long' && style !== 'short') throw new Error(`date: the style is "long" or "short", not ${JSON.stringify(style)}`);
    return formatDate(isoDate('date', iso), root(options).locale, style);
  });
  hb.registerHelper('deadline', (days: unknown, options: Handlebars.HelperOptions) => addDays(root(options).asOf, integer('deadline', days)));
  hb.registerHelper('daysLate', (due: unknown, options: Handlebars.HelperOptions) => Math.max(0, daysOverdue(isoDate('daysLate', due), root(options).asOf)));
  hb.registerHelper('plural', (n: unknown, one: unknown, many: unknown) => (integer('plural', n) === 1 ? one : many));
  hb.registerHelper('percent', (bp: unknown, options: Handlebars.HelperOptions) => formatRate(integer('percent', bp), root(options).locale));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => integer('gt', a) > integer('gt', b));
}
