/**
 * The one date reader of the L2 rules. Every date comparison a rule makes goes through here, so no
 * rule can skip a date it cannot read: a value is either an `XsDate` that compares as the XSD's value
 * space does, or it is unreadable and every ordering asked of it is "not certain" — which the rules
 * treat as a violation (fail closed).
 *
 * What xs:date accepts (and so what L1 lets through, LDT_Datum only forbids a timezone): a year of
 * four or more digits (no leading zero beyond four), optionally negative (`-0001` is 1 BCE; there is
 * no year 0), and an optional timezone (`Z`, `±hh:mm` up to 14:00). Comparison follows XSD 1.0
 * §3.2.7.4: two dates with a timezone compare by their first instant; two without by their day; one
 * with and one without are ordered only when they lie more than 14 hours apart, otherwise the order
 * is indeterminate (for a rule: not certain, so it fails).
 *
 * Years of up to nine digits are computed with numbers (exact: < 2^53 minutes); longer ones with
 * BigInt. The leap-year rule is the one L1 applies (libxml2's, on the lexical year), so every date
 * L1 accepts gets its own day.
 */
import { isValidDate } from '../simple-types.js';

type Int = number | bigint;

interface Parts {
  /** The lexical year (never 0; negative = BCE). */
  readonly y: Int;
  readonly m: number;
  readonly d: number;
  /** Days since 0001-01-01 of the local date (negative before it). */
  readonly day: Int;
  /** Timezone offset in minutes east of UTC; undefined = no timezone. */
  readonly tz: number | undefined;
}

/** A date value as written in the bericht. `parts` is undefined when the text is not an xs:date. */
export class XsDate {
  constructor(
    readonly text: string,
    readonly parts: Parts | undefined,
  ) {}

  get readable(): boolean {
    return this.parts !== undefined;
  }
}

const LEXICAL = /^(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const CUM = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: Int): boolean {
  if (typeof y === 'bigint') return (y % 4n === 0n && y % 100n !== 0n) || y % 400n === 0n;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function leapsUpTo(n: Int): Int {
  // Leap years among 1..n (n ≥ 0); by symmetry of the lexical rule also among -n..-1.
  if (typeof n === 'bigint') return n / 4n - n / 100n + n / 400n;
  return Math.floor(n / 4) - Math.floor(n / 100) + Math.floor(n / 400);
}

function daysBeforeYear(y: Int): Int {
  if (typeof y === 'bigint') {
    if (y > 0n) return (y - 1n) * 365n + (leapsUpTo(y - 1n) as bigint);
    return -(-y * 365n + (leapsUpTo(-y) as bigint));
  }
  if (y > 0) return (y - 1) * 365 + (leapsUpTo(y - 1) as number);
  return -(-y * 365 + (leapsUpTo(-y) as number));
}

function dayIndex(y: Int, m: number, d: number): Int {
  // A 29 February in a non-leap year (only from `yearsBefore`) lands on 1 March: as a bound that is exact.
  const inYear = CUM[m - 1]! + (m > 2 && isLeap(y) ? 1 : 0) + d - 1;
  const before = daysBeforeYear(y);
  return typeof before === 'bigint' ? before + BigInt(inYear) : before + inYear;
}

function makeParts(y: Int, m: number, d: number, tz: number | undefined): Parts {
  return { y, m, d, day: dayIndex(y, m, d), tz };
}

/** Memoised: the dates of a large 323 repeat (periods, dagtekeningen). A pure cache, capped. */
const CACHE = new Map<string, XsDate>();
const CACHE_MAX = 4096;

/** Read one lexical value. XML whitespace around it is ignored, as L1 collapses it. */
export function readDate(raw: string): XsDate {
  let v = CACHE.get(raw);
  if (v) return v;
  v = parse(raw);
  if (CACHE.size < CACHE_MAX) CACHE.set(raw, v);
  return v;
}

function parse(raw: string): XsDate {
  const text = raw.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
  if (!isValidDate(text)) return new XsDate(text, undefined);
  const m = LEXICAL.exec(text)!;
  const neg = m[1] === '-';
  const ys = m[2]!;
  const y: Int = ys.length <= 9 ? Number(ys) * (neg ? -1 : 1) : BigInt(ys) * (neg ? -1n : 1n);
  const z = m[5];
  const tz = z === undefined ? undefined : z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
  return new XsDate(text, makeParts(y, Number(m[3]), Number(m[4]), tz));
}

/** `n` years earlier, same month and day and timezone (a bound for TR002/TR335). Unreadable stays unreadable. */
export function yearsBefore(x: XsDate, n: number): XsDate {
  const p = x.parts;
  if (!p) return x;
  // Lexical years skip 0: step on the astronomical year (…, -1 → 0, 1 → 1, …) and back.
  let y: Int;
  if (typeof p.y === 'bigint') {
    const astro = (p.y < 0n ? p.y + 1n : p.y) - BigInt(n);
    y = astro <= 0n ? astro - 1n : astro;
  } else {
    const astro = (p.y < 0 ? p.y + 1 : p.y) - n;
    y = astro <= 0 ? astro - 1 : astro;
  }
  return new XsDate(`${n} years before ${x.text}`, makeParts(y, p.m, p.d, p.tz));
}

function minutes(p: Parts): Int {
  return typeof p.day === 'bigint' ? p.day * 1440n : p.day * 1440;
}

function add(a: Int, b: number): Int {
  return typeof a === 'bigint' ? a + BigInt(b) : a + b;
}

function sign(a: Int, b: Int): -1 | 0 | 1 {
  // `<` and `>` compare numbers and BigInts exactly across the two types.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Maximum timezone offset in minutes (±14:00): the width of an undetermined date without timezone. */
const TZ_MAX = 14 * 60;

/**
 * The XSD order of two dates: -1, 0, 1, or undefined when it is not determined (either is unreadable,
 * or one has a timezone and the other lies within 14 hours of it).
 */
export function compareDates(a: XsDate, b: XsDate): -1 | 0 | 1 | undefined {
  const p = a.parts;
  const q = b.parts;
  if (!p || !q) return undefined;
  if (p.tz === undefined && q.tz === undefined) return sign(p.day, q.day);
  if (p.tz !== undefined && q.tz !== undefined) return sign(add(minutes(p), -p.tz), add(minutes(q), -q.tz));
  if (p.tz !== undefined) {
    const r = compareDates(b, a);
    return r === undefined ? undefined : ((-r || 0) as -1 | 0 | 1);
  }
  // p has no timezone: it starts somewhere in [local − 14h, local + 14h].
  const qi = add(minutes(q), -q.tz!);
  if (add(minutes(p), TZ_MAX) < qi) return -1;
  if (add(minutes(p), -TZ_MAX) > qi) return 1;
  return undefined;
}

export type Relation = '<' | '<=' | '=' | '>=' | '>';

/** True only when the relation certainly holds; an unreadable date or an undetermined order gives false. */
export function certainly(a: XsDate, rel: Relation, b: XsDate): boolean {
  const c = compareDates(a, b);
  if (c === undefined) return false;
  switch (rel) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
  }
}

/** Same calendar year and month, as written (a date's month is its own, in its own timezone). */
export function sameMonth(a: XsDate, b: XsDate): boolean {
  const p = a.parts;
  const q = b.parts;
  // Loose equality: a number and a BigInt year compare exactly.
  return p !== undefined && q !== undefined && p.y == q.y && p.m === q.m;
}

export function lastDayOfMonth(y: Int, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/**
 * A key equal for equal date values (for uniqueness checks): without a timezone the lexical form is
 * already canonical; with one, the first instant in UTC. Unreadable text keys as itself.
 */
export function dateKey(x: XsDate): string {
  const p = x.parts;
  if (!p) return x.text;
  if (p.tz === undefined) return x.text;
  return `@${String(add(minutes(p), -p.tz))}Z`;
}
