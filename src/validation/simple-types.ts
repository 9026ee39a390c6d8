/**
 * Checks one simple value against its flattened XSD type, with libxml2's semantics (the reference we
 * are tested against): every type in the basisschema is a restriction, and for restrictions libxml2
 * collapses whitespace on non-string bases before checking, so " 2024-01-01 " is a valid LDT_Datum
 * while "\u00a02024-01-01" is not (U+00A0 is not XML whitespace). Strings keep whitespace (preserve).
 */
import type { SimpleTypeDef } from '../standard/model.js';
import { compileXsdPatternTest, type XsdPatternTest } from '../standard/xsd-regex.js';
import { L1Code, type L1CodeValue } from './issues.js';

/**
 * A simple type ready for checking: the facets copied onto one class, so every instance has the
 * same hidden class. The model's `SimpleTypeDef` literals have a dozen different shapes (optional
 * facets present or not), which made every facet read a megamorphic load: measured with callgrind
 * on a JW301, megamorphic property loads were ~15 % of validation's instructions.
 */
export class CompiledSimpleType {
  readonly base: SimpleTypeDef['base'];
  readonly valueKind: SimpleTypeDef['valueKind'];
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  readonly minInclusive: number | undefined;
  readonly maxInclusive: number | undefined;
  /** Linear-time pattern checks: a value can be megabytes long (see compileXsdPatternTest). */
  readonly patterns: readonly (readonly XsdPatternTest[])[];
  readonly enumeration: ReadonlySet<string> | undefined;

  constructor(readonly def: SimpleTypeDef) {
    this.base = def.base;
    this.valueKind = def.valueKind;
    this.minLength = def.minLength;
    this.maxLength = def.maxLength;
    this.minInclusive = def.minInclusive;
    this.maxInclusive = def.maxInclusive;
    this.patterns = def.patterns.map((step) => step.map(compileXsdPatternTest));
    this.enumeration = def.enumeration ? new Set(def.enumeration) : undefined;
  }
}

export function compileSimpleType(def: SimpleTypeDef): CompiledSimpleType {
  return new CompiledSimpleType(def);
}

export interface SimpleCheck {
  /** The lexical value after whitespace processing (what the typed object carries). */
  readonly value: string;
  /** Undefined when the value is valid. */
  readonly code: L1CodeValue | undefined;
  readonly detail: string | undefined;
}

/** Every result has the same three fields, in the same order: one hidden class at the caller. */
function result(value: string, code?: L1CodeValue, detail?: string): SimpleCheck {
  return { value, code, detail };
}

function isXmlWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * XSD whitespace collapse: trim, and every run of space/tab/CR/LF becomes one space. A hand-written
 * scan: the regular expression `[ \t\n\r]+$` retries at every position of a long run of spaces
 * that is not at the end, quadratic in the value.
 */
function collapse(s: string): string {
  const n = s.length;
  // Fast path: most values need no change (no whitespace, or single spaces between words).
  let change = n > 0 && (isXmlWs(s.charCodeAt(0)) || isXmlWs(s.charCodeAt(n - 1)));
  for (let i = 0; !change && i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d || (c === 0x20 && isXmlWs(s.charCodeAt(i + 1)))) change = true;
  }
  if (!change) return s;
  let from = 0;
  let end = n;
  while (from < n && isXmlWs(s.charCodeAt(from))) from++;
  while (end > from && isXmlWs(s.charCodeAt(end - 1))) end--;
  const parts: string[] = [];
  let runStart = from;
  for (let k = from; k < end; k++) {
    if (!isXmlWs(s.charCodeAt(k))) continue;
    let r = k + 1;
    while (r < end && isXmlWs(s.charCodeAt(r))) r++;
    parts.push(s.slice(runStart, k));
    runStart = r;
    k = r - 1;
  }
  parts.push(s.slice(runStart, end));
  return parts.join(' ');
}

/** Length in Unicode code points, as XSD length facets count. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

const INTEGER = /^[+-]?[0-9]+$/;
const DATE = /^(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const TIME = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

function validTimezone(tz: string | undefined): boolean {
  if (tz === undefined || tz === 'Z') return true;
  const h = Number(tz.slice(1, 3));
  const m = Number(tz.slice(4, 6));
  return m <= 59 && (h < 14 || (h === 14 && m === 0));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const ys = m[2]!;
  // Years above 9999 have no leading zero; year 0000 does not exist in XSD 1.0 (libxml2 agrees).
  if (ys.length > 4 && ys[0] === '0') return false;
  const y = Number(ys) * (m[1] ? -1 : 1);
  if (Number(ys) === 0) return false;
  const mo = Number(m[3]);
  const d = Number(m[4]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const max = mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]!;
  return d <= max && validTimezone(m[5]);
}

export function isValidTime(v: string): boolean {
  const m = TIME.exec(v);
  if (!m) return false;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3]);
  if (m[4] === '.') return false;
  if (h === 24) return mi === 0 && s === 0 && (m[4] === undefined || /^\.0+$/.test(m[4])) && validTimezone(m[5]);
  return h <= 23 && mi <= 59 && s <= 59 && validTimezone(m[5]);
}

function compareInteger(a: string, b: number): number {
  // Exact for any length without BigInt (whose parse is slow on a megabyte of digits): strip the
  // sign and leading zeros, then compare magnitudes by digit count and, at equal counts, as strings.
  const negative = a.charCodeAt(0) === 0x2d;
  let i = a.charCodeAt(0) === 0x2d || a.charCodeAt(0) === 0x2b ? 1 : 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 0x30) i++;
  const digits = a.slice(i);
  if (digits === '0') return Math.sign(0 - b);
  if (negative !== b < 0) return negative ? -1 : 1;
  const other = String(Math.abs(b));
  const mag = digits.length !== other.length ? Math.sign(digits.length - other.length) : digits < other ? -1 : digits > other ? 1 : 0;
  return negative ? -mag : mag;
}

export function checkSimple(t: CompiledSimpleType, raw: string): SimpleCheck {
  const value = t.base === 'string' ? raw : collapse(raw);
  switch (t.base) {
    case 'integer':
      if (!INTEGER.test(value)) return result(value, L1Code.INVALID_INTEGER);
      if (t.minInclusive !== undefined && compareInteger(value, t.minInclusive) < 0)
        return result(value, L1Code.MIN_INCLUSIVE, `minimum ${t.minInclusive}`);
      if (t.maxInclusive !== undefined && compareInteger(value, t.maxInclusive) > 0)
        return result(value, L1Code.MAX_INCLUSIVE, `maximum ${t.maxInclusive}`);
      break;
    case 'date':
      if (!isValidDate(value)) return result(value, L1Code.INVALID_DATE);
      break;
    case 'time':
      if (!isValidTime(value)) return result(value, L1Code.INVALID_TIME);
      break;
    case 'string': {
      const { minLength, maxLength } = t;
      if (minLength !== undefined || maxLength !== undefined) {
        const len = value.length;
        // Code points ≤ UTF-16 units, so only count when the unit count is inconclusive.
        const cp =
          (minLength !== undefined && len < minLength) || (maxLength !== undefined && len > maxLength) ? codePointLength(value) : len;
        if (minLength !== undefined && cp < minLength) return result(value, L1Code.MIN_LENGTH, `at least ${minLength} characters`);
        if (maxLength !== undefined && cp > maxLength) return result(value, L1Code.MAX_LENGTH, `at most ${maxLength} characters`);
      }
      break;
    }
  }
  if (t.enumeration && !t.enumeration.has(value)) return result(value, L1Code.ENUMERATION);
  for (const step of t.patterns) {
    let ok = false;
    for (const re of step)
      if (re.test(value)) {
        ok = true;
        break;
      }
    if (!ok) return result(value, L1Code.PATTERN, `pattern ${t.def.patterns.map((s) => s.join('|')).join(' and ')}`);
  }
  return result(value);
}
