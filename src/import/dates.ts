import { fromEpochDay, isIsoDate, toEpochDay, type IsoDate } from '../domain/dates.js';

/**
 * Date cells as exports write them: `2021-01-28`, ISO timestamps (`2021-01-28T11:04:09+00:00`,
 * `2025-02-27 9:56`), `28/01/2021` or `01/28/2021`, `27-01-2022`, `28.01.2021`, `Jan 28 2021`,
 * `28 Jan 2021`, and Excel serial numbers (`45678`). A timestamp keeps the date as written: the
 * exporter's calendar day is the invoice's day.
 */
export type DateOrder = 'dmy' | 'mdy';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_PREFIX = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NAMED = /^(?:[A-Za-z]+,?\s+)?(?:([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})[\s-]+([A-Za-z]{3})[a-z]*\.?[\s-]+(\d{4}))$/;
// Excel's day 0 is 1899-12-30 (it counts a 29 February 1900 that never was).
const EXCEL_EPOCH = toEpochDay('1899-12-30');

const iso = (y: number | string, m: number | string, d: number | string): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** What a numeric a/b/yyyy cell says about the file's date order. */
export function dateOrderEvidence(text: string): DateOrder | 'ambiguous' | null {
  const m = NUMERIC.exec(text.trim().split(/[ T]/)[0] ?? '');
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return a === b ? null : 'ambiguous';
}

/**
 * The date order of a file, from all its date cells: any day over 12 decides it. `conflict`
 * when cells disagree; `ambiguous` when no cell decides and some could be read both ways.
 */
export function detectDateOrder(cells: Iterable<string>): DateOrder | 'ambiguous' | 'conflict' | null {
  let found: DateOrder | null = null;
  let ambiguous = false;
  for (const cell of cells) {
    const e = dateOrderEvidence(cell);
    if (e === 'ambiguous') ambiguous = true;
    else if (e) {
      if (found && found !== e) return 'conflict';
      found = e;
    }
  }
  return found ?? (ambiguous ? 'ambiguous' : null);
}

export type DateResult = { ok: true; date: IsoDate } | { ok: false; message: string };

export function parseDateCell(text: string, order: DateOrder | null): DateResult {
  const s = text.trim();
  const bad = (why = 'is not a date (write it like 2026-01-31, 31/01/2026 or Jan 31 2026)'): DateResult => ({ ok: false, message: `"${text}" ${why}` });
  const valid = (date: string): DateResult => (isIsoDate(date) ? { ok: true, date } : bad('is not a date (no such day)'));
  let m = ISO_PREFIX.exec(s);
  if (m) return valid(iso(m[1]!, m[2]!, m[3]!));
  m = NUMERIC.exec(s.split(/[ T]/)[0] ?? '');
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a !== b && a <= 12 && b <= 12 && !order) return bad('could be day/month or month/day (pass --date-order dmy or mdy)');
    const dmy = order ? order === 'dmy' : a > 12;
    return valid(dmy ? iso(m[3]!, b, a) : iso(m[3]!, a, b));
  }
  m = NAMED.exec(s);
  if (m) {
    const month = MONTHS.indexOf((m[1] ?? m[5] ?? '').toLowerCase()) + 1;
    if (month === 0) return bad();
    return valid(iso(m[3] ?? m[6]!, month, m[2] ?? m[4]!));
  }
  // A bare number is an Excel serial date; the range keeps amounts and years from passing as dates.
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    if (serial >= 20000 && serial <= 80000) return { ok: true, date: fromEpochDay(EXCEL_EPOCH + serial) };
  }
  return bad();
}
