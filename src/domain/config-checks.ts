import { isCurrencyCode } from './money.js';

/**
 * Checks of config values that only Intl can judge: a locale it supports, a time zone it knows.
 * Each returns what is wrong with the fix in words, or null.
 */

/** Languages whose English names are worth recognising in a mistaken `"locale": "english"`. */
const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'ja', 'zh'];

/** A BCP 47 tag Intl supports, e.g. "en-GB"; "en_GB" and "english" are refused with the tag to use. */
export function localeProblem(tag: string): string | null {
  const underscore = /^([a-zA-Z]{2,3})_([a-zA-Z]{2})$/.exec(tag);
  if (underscore) return `is not a BCP 47 language tag (use "${underscore[1]!.toLowerCase()}-${underscore[2]!.toUpperCase()}")`;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    canonical = '';
  }
  const language = canonical.split('-')[0] ?? '';
  if (canonical !== '' && language.length <= 3 && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0) return null;
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const meant = LANGUAGES.find((code) => names.of(code)?.toLowerCase() === tag.trim().toLowerCase());
  return `is not a language tag this system supports (use ${meant ? `"${meant}"` : 'a tag such as "en-GB", "fr-FR" or "de-DE"'})`;
}

/** The tag as Intl writes it: "en-gb" -> "en-GB". */
export function canonicalLocale(tag: string): string {
  return Intl.getCanonicalLocales(tag)[0]!;
}

/** An IANA time zone such as "Europe/London". */
export function timeZoneProblem(zone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return null;
  } catch {
    return 'is not an IANA time zone (use one such as "Europe/London", "Europe/Paris" or "America/New_York")';
  }
}

/** A key of a per-language / per-currency text: `default`, `fr`, `EUR` or `fr EUR`. */
export function varyingKeyProblem(key: string): string | null {
  const m = /^(?:([a-z]{2,3})|([A-Z]{3})|([a-z]{2,3}) ([A-Z]{3}))$/.exec(key);
  if (key === 'default') return null;
  if (!m) return `"${key}" is not "default", a language ("fr"), a currency ("EUR") or both ("fr EUR")`;
  const lang = m[1] ?? m[3];
  const currency = m[2] ?? m[4];
  if (lang !== undefined && localeProblem(lang)) return `"${lang}" is not a language this system knows (use a code such as en, fr, de, es)`;
  if (currency !== undefined && !isCurrencyCode(currency)) return `"${currency}" is not an ISO 4217 currency code (use USD, EUR, GBP…)`;
  return null;
}
