import { describe, expect, it } from 'vitest';
import { isCalendarDate, isLeap } from './kalender.js';

describe('the calendar', () => {
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-4-01')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00')).toBe(false);
  });
  it('leap years: every 4th, not every 100th, every 400th', () => {
    expect([1900, 2000, 2024, 2026].map(isLeap)).toEqual([false, true, true, false]);
  });
});
