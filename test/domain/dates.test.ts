import { describe, expect, it } from 'vitest';
import { addDays, daysOverdue, isIsoDate, toEpochDay } from '../../src/domain/dates.js';

describe('calendar dates', () => {
  it('counts days overdue in calendar days, across month ends and daylight saving', () => {
    expect(daysOverdue('2026-03-20', '2026-04-02')).toBe(13);
    expect(daysOverdue('2026-10-20', '2026-10-30')).toBe(10);
    expect(daysOverdue('2026-03-05', '2026-03-02')).toBe(-3);
    expect(daysOverdue('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('adds days', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  // '/' and ':' are the characters either side of the digits: '1/' must not read as month 9, '0:' as day 10.
  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-5', '', '2026-1/-01', '2026-03-0:', '202/-03-01', '2026-03/01', '2026/03-01'])('rejects %s as a date', (text) => {
    expect(isIsoDate(text)).toBe(false);
  });

  it('knows every real day, leap days included, exactly as the calendar does', () => {
    // The calendar as Date knows it: the reference the arithmetic check must agree with.
    const real = (y: number, m: number, d: number) => {
      const t = new Date(Date.UTC(y, m - 1, d));
      return y >= 100 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (const y of [0, 99, 100, 1600, 1700, 1900, 2000, 2023, 2024, 2025, 2100, 2400, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) expect(isIsoDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(real(y, m, d));
      }
    }
    for (const text of ['2024-02-29', '2023-02-29', '2026-04-31', '2026-12-31', '2026-1a-01', '2026/01/01', '2026-01-01 ', ' 2026-01-01', '2026-01-01\n', '+026-01-01']) {
      expect([text, isIsoDate(text)]).toEqual([text, /^\d{4}-\d{2}-\d{2}$/.test(text) && real(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)))]);
    }
  });

  it('counts days from 1970-01-01 exactly as the calendar does, for every day of five centuries', () => {
    const DAY = 86_400_000;
    for (let t = Date.UTC(1800, 0, 1); t <= Date.UTC(2300, 11, 31); t += DAY) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (toEpochDay(iso) !== t / DAY) expect([iso, toEpochDay(iso)]).toEqual([iso, t / DAY]);
    }
    for (const iso of ['0100-01-01', '0100-03-01', '1600-02-29', '9999-12-31']) {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      const t = new Date(0);
      t.setUTCFullYear(y, m - 1, d);
      expect([iso, toEpochDay(iso)]).toEqual([iso, Math.floor(t.getTime() / DAY)]);
    }
  });
});
