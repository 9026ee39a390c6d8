/** The Gregorian calendar for plain `YYYY-MM-DD` dates (query parameters, --today, contract dates). */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Whether year-month-day is a day of the Gregorian calendar (years 1–9999). */
export function realDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!);
}

/** `YYYY-MM-DD` that is a real calendar date (not 2026-02-30, not 2026-04-31, not 2026-4-01). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
