import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sendingWindowAt, type SendingWindow } from '../../src/send/window.js';

const weekdays: SendingWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00', timeZone: 'Europe/London', holiday: () => null };
const at = (iso: string) => new Date(iso);

describe('the sending window, in the config time zone', () => {
  it.each([
    ['Thursday 10:00 in London (winter, UTC+0)', '2026-02-05T10:00:00Z', { open: true }],
    ['Thursday 08:59 in London', '2026-02-05T08:59:00Z', { open: false, until: '2026-02-05T09:00:00.000Z' }],
    ['Thursday 17:00 in London: the window has closed', '2026-02-05T17:00:00Z', { open: false, until: '2026-02-06T09:00:00.000Z' }],
    ['Friday 18:00: the next window is Monday', '2026-02-06T18:00:00Z', { open: false, until: '2026-02-09T09:00:00.000Z' }],
    ['Saturday noon', '2026-02-07T12:00:00Z', { open: false, until: '2026-02-09T09:00:00.000Z' }],
    ['Monday 08:30 in summer: 09:30 in London (UTC+1), open', '2026-06-01T08:30:00Z', { open: true }],
    ['Monday 07:30 in summer: 08:30 in London, opens at 08:00 UTC', '2026-06-01T07:30:00Z', { open: false, until: '2026-06-01T08:00:00.000Z' }],
  ])('%s', (_what, now, expected) => {
    expect(sendingWindowAt(at(now), weekdays)).toMatchObject(expected);
  });

  it('the same instant is inside the window in New York and outside it in Tokyo', () => {
    const now = at('2026-02-05T15:00:00Z'); // 10:00 in New York, 00:00 in Tokyo
    expect(sendingWindowAt(now, { ...weekdays, timeZone: 'America/New_York' }).open).toBe(true);
    expect(sendingWindowAt(now, { ...weekdays, timeZone: 'Asia/Tokyo' })).toMatchObject({ open: false, until: '2026-02-06T00:00:00.000Z' });
  });

  it('a holiday is skipped like a weekend, and named', () => {
    const easter = (day: string) => (day === '2026-04-03' ? 'Good Friday' : day === '2026-04-06' ? 'Easter Monday' : null);
    expect(sendingWindowAt(at('2026-04-03T10:00:00Z'), { ...weekdays, holiday: easter })).toEqual({
      open: false,
      until: '2026-04-07T08:00:00.000Z',
      why: '2026-04-03 is a public holiday (Good Friday)',
    });
  });

  it('whatever the instant, letters wait no later than the next opening, and the window is open then (property)', () => {
    const days = fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, { minLength: 1 });
    const hours = fc.tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 23 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b) === Math.min(a, b) ? Math.min(a, b) + 1 : Math.max(a, b)]);
    const zone = fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney');
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms - (ms % 60_000)));
    fc.assert(
      fc.property(days, hours, zone, instant, (d, [from, to], timeZone, now) => {
        const w: SendingWindow = { days: [...d], hours: `${String(from).padStart(2, '0')}:00-${String(to).padStart(2, '0')}:00`, timeZone, holiday: () => null };
        const state = sendingWindowAt(now, w);
        if (state.open) return;
        const opens = new Date(state.until);
        expect(opens.getTime()).toBeGreaterThan(now.getTime());
        expect(opens.getTime() - now.getTime()).toBeLessThanOrEqual(8 * 24 * 3600_000);
        expect(sendingWindowAt(opens, w).open).toBe(true);
        expect(sendingWindowAt(new Date(opens.getTime() - 60_000), w).open).toBe(false);
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
