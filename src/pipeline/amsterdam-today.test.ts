import { describe, expect, it } from 'vitest';
import { amsterdamToday } from './ingest.js';

const direct = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('amsterdamToday (one Intl format per UTC hour)', () => {
  it('equals a fresh Intl format at every minute around both 2026 DST changes and both midnights', () => {
    // 2026-03-29 01:00 UTC (CET→CEST) and 2026-10-25 01:00 UTC (CEST→CET); local midnight is 23:00 or 22:00 UTC.
    const windows = ['2026-03-28T20:00:00Z', '2026-10-24T20:00:00Z', '2026-06-30T20:00:00Z', '2026-12-31T21:00:00Z'];
    let checked = 0;
    for (const start of windows) {
      const t0 = Date.parse(start);
      for (let m = 0; m <= 8 * 60; m++) {
        for (const s of [0, 59_999]) {
          const now = new Date(t0 + m * 60_000 + s);
          expect(amsterdamToday(now), now.toISOString()).toBe(direct.format(now));
          checked++;
        }
      }
    }
    expect(checked).toBe(4 * 481 * 2);
  });

  it('follows the clock backwards and forwards (the cache is keyed by the hour, not by time order)', () => {
    const a = new Date('2027-01-01T22:59:59.999Z'); // 23:59:59.999 in Amsterdam
    const b = new Date('2027-01-01T23:00:00.000Z'); // 00:00 the next day
    expect(amsterdamToday(b)).toBe('2027-01-02');
    expect(amsterdamToday(a)).toBe('2027-01-01');
    expect(amsterdamToday(b)).toBe('2027-01-02');
  });
});
