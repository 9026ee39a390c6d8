/**
 * The one clock of Sluis. Berichten carry Dutch dates without a timezone (a Dagtekening is a date in
 * the Netherlands), so "today" is always the date in Europe/Amsterdam — never a UTC date, which is a
 * day behind between 00:00 and 02:00 local time. The clock is built once by the composition root and
 * injected everywhere a date or time is read (Temporal-style: the pure core never reads it itself).
 */

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's date in Europe/Amsterdam, `YYYY-MM-DD`. */
  today(): string;
}

const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const HOUR_MS = 3_600_000;
let cachedHour = Number.NaN;
let cachedDate = '';

/**
 * The date in the Netherlands at `instant`. Formatting with Intl costs ~15 µs, once per bericht.
 * Amsterdam's offset from UTC is a whole number of hours (+1 or +2) and changes on a whole UTC hour,
 * so the local date cannot change within one UTC hour: one format per hour is exact. (A cache of one
 * pure value, not state: any instant, in any order, gets the right answer.)
 */
export function amsterdamDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  if (hour !== cachedHour) {
    cachedDate = AMSTERDAM_DATE.format(instant);
    cachedHour = hour;
  }
  return cachedDate;
}

/** A clock over a source of instants: the system's by default, a test's fixed or moving one otherwise. */
export function clockOf(now: () => Date = () => new Date()): Clock {
  return { now, today: () => amsterdamDate(now()) };
}

/** The system clock. */
export const systemClock: Clock = clockOf();
