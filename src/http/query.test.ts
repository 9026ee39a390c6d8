import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseTimestamp, parseWholeNumber, queryNameProblem } from './query.js';

describe('strict query parsing', () => {
  it('refuses dates and timestamps that V8 rolls over but PostgreSQL rejects', () => {
    // Date.parse accepts both (it rolls over to March 2 and May 1); these were 500s.
    expect(Number.isNaN(Date.parse('2026-02-30 00:00'))).toBe(false);
    expect(parseTimestamp('2026-02-30 00:00')).toBeUndefined();
    expect(parseTimestamp('2026-04-31 12:00')).toBeUndefined();
    for (const bad of [
      '2026-13-01',
      '2026-00-10',
      '2025-02-29',
      '2026-01-01T24:00',
      '2026-01-01T12:60',
      '2026-01-01T12:00:60',
      '2026-01-01T12:00+15:00',
      '2026-01-01T12',
      '0000-01-01',
      'yesterday',
      '2026-1-1',
      '2026-01-01x',
      ' 2026-01-01',
      '2026-01-01T12:00:00.1234567',
    ])
      expect(parseTimestamp(bad), bad).toBeUndefined();
    for (const ok of [
      '2026-02-28',
      '2024-02-29',
      '2026-04-30 12:00',
      '2026-04-30T12:00:59',
      '2026-04-30T12:00:59.123Z',
      '2026-04-30T23:59+02:00',
      '2026-04-30T00:00:00-14:00',
    ])
      expect(parseTimestamp(ok), ok).toBe(ok);
  });

  it('takes real calendar dates only', () => {
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('1-2-2027')).toBe(false);
  });

  it('takes whole numbers in plain digits only', () => {
    expect(parseWholeNumber('100', 1, 1000)).toBe(100);
    for (const bad of ['1e2', ' 5', '5.0', '-1', '0x10', '', '0', '1001']) expect(parseWholeNumber(bad, 1, 1000), bad).toBeUndefined();
  });

  it('names an unknown or repeated query parameter', () => {
    expect(queryNameProblem(new URLSearchParams('limit=1&after=x'), ['after', 'limit'])).toBeUndefined();
    expect(queryNameProblem(new URLSearchParams('limt=1'), ['after', 'limit'])).toMatch(/'limt'/);
    expect(queryNameProblem(new URLSearchParams('x=1'), [])).toMatch(/'x'.*takes none/);
    expect(queryNameProblem(new URLSearchParams('limit=1&limit=2'), ['limit'])).toMatch(/'limit' given more than once/);
  });
});
