/**
 * Strict parsing of query parameters. A value the gateway cannot read exactly is the client's mistake
 * (400 naming the parameter), never something to pass on for the database to reject (a 500): V8's
 * Date.parse takes `2026-02-30 00:00` (it rolls over to 2 March), PostgreSQL refuses it.
 */

import { isCalendarDate, realDate } from '../standard/kalender.js';

/** `YYYY-MM-DD` that is a real calendar date (one definition: src/standard/kalender.ts). */
export { isCalendarDate };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * A date or timestamp as the API takes it: `YYYY-MM-DD`, or that followed by `T` or a space,
 * `HH:MM`, optionally `:SS` and up to 6 fraction digits, optionally `Z` or `±HH:MM`. Every field is
 * checked against the calendar and the clock (hour 0–23, minute and second 0–59, offset up to ±14:00).
 * Returns the text unchanged when it is one (PostgreSQL reads each of these forms the same way), else
 * undefined.
 */
export function parseTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  if (!realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return undefined;
  if (m[6] !== undefined && Number(m[6]) > 59) return undefined;
  if (m[9] !== undefined) {
    const h = Number(m[9]);
    const min = Number(m[10]);
    if (min > 59 || h > 14 || (h === 14 && min > 0)) return undefined;
  }
  return text;
}

/** A whole number written in plain digits within min…max (no sign, exponent, spaces or fraction). */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9]{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The first problem with the query's parameter names: one that the route does not take, or one given
 * more than once. Undefined when every name is allowed and given at most once.
 */
export function queryNameProblem(query: URLSearchParams, allowed: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!allowed.includes(name))
      return allowed.length
        ? `unknown query parameter '${name}' (this route takes: ${allowed.join(', ')})`
        : `unknown query parameter '${name}' (this route takes none)`;
    if (seen.has(name)) return `query parameter '${name}' given more than once`;
    seen.add(name);
  }
  return undefined;
}
