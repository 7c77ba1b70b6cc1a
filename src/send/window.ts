import { DateTime } from 'luxon';

export type DayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const DAY_NAMES: DayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface SendingWindow {
  days: DayName[];
  /** "09:00-17:00", in `timeZone`. */
  hours: string;
  timeZone: string;
  /** The name of the public holiday on a local day (YYYY-MM-DD), or null. */
  holiday: (day: string) => string | null;
}

export type WindowState = { open: true } | { open: false; until: string; why: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether letters may go at `now` (an instant), judged on the clock and calendar of the
 * config's time zone: a sending day that is no public holiday, within the hours. When not,
 * `until` is the next instant the window opens (UTC ISO 8601) and `why` says in words.
 */
export function sendingWindowAt(now: Date, w: SendingWindow): WindowState {
  const local = DateTime.fromJSDate(now, { zone: w.timeZone });
  const [from, to] = [minutesOf(w.hours.slice(0, 5)), minutesOf(w.hours.slice(6))];
  const isSendingDay = (d: DateTime) => w.days.includes(DAY_NAMES[d.weekday - 1]!) && w.holiday(d.toISODate()!) === null;
  const minute = local.hour * 60 + local.minute;
  if (isSendingDay(local) && minute >= from && minute < to) return { open: true };

  const why = !w.days.includes(DAY_NAMES[local.weekday - 1]!)
    ? `${local.toFormat('cccc')} is not a sending day`
    : w.holiday(local.toISODate()!) !== null
      ? `${local.toISODate()} is a public holiday (${w.holiday(local.toISODate()!)})`
      : `outside sending hours ${w.hours} (${w.timeZone})`;
  // The window opens on the first sending day from today (today only if its hours are ahead).
  for (let k = 0; k <= 366; k++) {
    const day = local.startOf('day').plus({ days: k });
    if (!isSendingDay(day) || (k === 0 && minute >= from)) continue;
    const opens = day.set({ hour: Math.floor(from / 60), minute: from % 60 });
    return { open: false, until: opens.toUTC().toISO()!, why };
  }
  return { open: false, until: local.plus({ years: 1 }).toUTC().toISO()!, why: 'no sending day in the coming year' };
}

/** The local calendar day of an instant in the time zone. */
export function localDay(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}
