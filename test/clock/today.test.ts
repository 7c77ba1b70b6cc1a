import { afterEach, describe, expect, it } from 'vitest';
import { machineZone, todayIn } from '../../src/cli/context.js';

/** "Today" is the calendar day in the business's time zone, however it is worked out. */
const EVENING_IN_LONDON = new Date('2026-03-01T20:30:00Z'); // already 2 March in Tokyo, still 1 March in New York

describe('today in the business time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('in UTC, the day of the UTC clock', () => {
    expect(todayIn('UTC', EVENING_IN_LONDON)).toBe('2026-03-01');
    expect(todayIn('Etc/UTC', new Date('2026-03-01T23:59:59Z'))).toBe('2026-03-01');
  });

  it("in a zone other than the machine's, the day there (Tokyo is already a day ahead, New York is not)", () => {
    expect(todayIn('Asia/Tokyo', EVENING_IN_LONDON, 'Europe/London')).toBe('2026-03-02');
    expect(todayIn('America/New_York', EVENING_IN_LONDON, 'Europe/London')).toBe('2026-03-01');
  });

  it("in the machine's own zone, the local calendar day, the same as the zone's rules give", () => {
    for (const zone of ['Asia/Tokyo', 'America/New_York', 'Pacific/Auckland']) {
      process.env.TZ = zone;
      expect(machineZone()).toBe(zone);
      for (const at of ['2026-03-01T20:30:00Z', '2026-03-28T23:30:00Z', '2026-10-25T00:30:00Z', '2026-12-31T11:00:00Z']) {
        const now = new Date(at);
        const byRules = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
        expect(todayIn(zone, now, zone)).toBe(byRules);
      }
    }
  });

  it('a TZ of the empty string is UTC; a leading colon is dropped', () => {
    process.env.TZ = '';
    expect(machineZone()).toBe('UTC');
    process.env.TZ = ':Europe/Paris';
    expect(machineZone()).toBe('Europe/Paris');
  });
});
