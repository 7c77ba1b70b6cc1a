import { fromEpochDay, toEpochDay, type IsoDate } from '../domain/dates.js';

/** A calendar month as `YYYY-MM`. */
export type Month = string;

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function monthOf(day: IsoDate): Month {
  return day.slice(0, 7);
}

/** The month `n` months after `m` (before, when negative). */
export function addMonths(m: Month, n: number): Month {
  const index = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function firstDay(m: Month): number {
  return toEpochDay(`${m}-01`);
}

export function lastDay(m: Month): number {
  return firstDay(addMonths(m, 1)) - 1;
}

/** The last day of `m` counted in a report on `asOf`: the month's end, or `asOf` in the month itself. */
export function closingDay(m: Month, asOf: IsoDate): IsoDate {
  return fromEpochDay(Math.min(lastDay(m), toEpochDay(asOf)));
}
