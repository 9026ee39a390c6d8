import { describe, expect, it } from 'vitest';
import { amsterdamDate, clockOf, systemClock } from './clock.js';

const direct = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('amsterdamDate (one Intl format per UTC hour)', () => {
  it('equals a fresh Intl format at every minute around both 2026 DST changes and both midnights', () => {
    // 2026-03-29 01:00 UTC (CET→CEST) and 2026-10-25 01:00 UTC (CEST→CET); local midnight is 23:00 or 22:00 UTC.
    const windows = ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z', '2026-06-30T20:00:00Z', '2026-12-31T21:00:00Z'];
    let checked = 0;
    for (const start of windows) {
      const t0 = Date.parse(start);
      for (let m = 0; m <= 8 * 60; m++) {
        for (const s of [0, 59_999]) {
          const now = new Date(t0 + m * 60_000 + s);
          expect(amsterdamDate(now), now.toISOString()).toBe(direct.format(now));
          checked++;
        }
      }
    }
    expect(checked).toBe(4 * 481 * 2);
  });

  it('follows the clock backwards and forwards (the cache is keyed by the hour, not by time order)', () => {
    const a = new Date('2027-01-01T22:59:59.999Z'); // 23:59:59.999 in Amsterdam
    const b = new Date('2027-01-01T23:00:00.000Z'); // 00:00 the next day
    expect(amsterdamDate(b)).toBe('2027-01-02');
    expect(amsterdamDate(a)).toBe('2027-01-01');
    expect(amsterdamDate(b)).toBe('2027-01-02');
  });
});

describe('the clock', () => {
  it('today() is the Amsterdam date of now(), not the UTC date (00:00–02:00 local is the previous UTC day)', () => {
    const clock = clockOf(() => new Date('2026-12-07T23:30:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-07T23:30:00.000Z');
    expect(clock.today()).toBe('2026-12-08');
    expect(clockOf(() => new Date('2026-07-01T22:30:00Z')).today()).toBe('2026-07-02');
  });

  it('follows a moving source', () => {
    let t = Date.parse('2026-12-31T22:59:00Z');
    const clock = clockOf(() => new Date(t));
    expect(clock.today()).toBe('2026-12-31');
    t += 60_000;
    expect(clock.today()).toBe('2027-01-01');
  });

  it('the system clock reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(systemClock.today()).toBe(direct.format(new Date()));
  });
});
