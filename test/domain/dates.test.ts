import { describe, expect, it } from 'vitest';
import { addDays, daysOverdue, isIsoDate } from '../../src/domain/dates.js';

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

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-5', ''])('rejects %s as a date', (text) => {
    expect(isIsoDate(text)).toBe(false);
  });
});
