/**
 * Calendar dates as `YYYY-MM-DD` text. Arithmetic goes through an epoch-day number so that
 * "days overdue" is a count of calendar days, never hours across a daylight-saving change.
 * Nothing here reads the clock: "today" is always passed in as `asOf`.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `text` from `start` to `end` in ASCII digits, or -1. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Whether `text` is a real `YYYY-MM-DD` day. Pure arithmetic, no Date: the importer checks two
 * dates on each of a million rows. Years below 100 are refused, as they always were here
 * (Date.UTC reads them as 19xx).
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 7);
  const d = digitsAt(text, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/**
 * Days since 1970-01-01 of a valid ISO date, by arithmetic on its digits (the proleptic
 * Gregorian calendar counted in 400-year eras): planning a million-invoice ledger asks it for
 * every invoice, and slicing the text for Date.UTC showed in profiles.
 */
export function toEpochDay(date: IsoDate): number {
  const m = digitsAt(date, 5, 7);
  const y = digitsAt(date, 0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + digitsAt(date, 8, 10) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days an invoice is overdue on `asOf` (negative before its due date). */
export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return daysBetween(dueDate, asOf);
}
