/**
 * fast-check arbitraries of VALID typed objects for all 28 berichten, driven only by the generated
 * model: COMPLEX_TYPES gives children, order and cardinality; SIMPLE_TYPES gives the facets. Typed
 * objects follow the parser's conventions (src/standard/generated/types.ts): text as the standard's
 * strings, LDT_Bedrag/Budget/TotaalBedrag as integer eurocent, arrays exactly where maxOccurs > 1,
 * optional elements absent.
 *
 * Every generated simple value goes through `assertValidSimpleValue`, an independent facet check,
 * so a generator bug throws here instead of producing "valid" instances that are not.
 */
import fc from 'fast-check';
import { COMPLEX_TYPES, MESSAGES, SIMPLE_TYPES } from '../../src/standard/generated/model.js';
import type { BerichtTypes } from '../../src/standard/generated/types.js';
import type { BerichtId, ElementDef, SimpleTypeDef } from '../../src/standard/model.js';
import { compileXsdPattern } from '../../src/standard/xsd-regex.js';

export const BERICHT_IDS = Object.keys(MESSAGES) as BerichtId[];

export interface ArbitraryOptions {
  /** Upper bound for repeated elements (maxOccurs > 1). Default 3: small berichten. */
  readonly maxRepeat?: number;
  /**
   * Upper bound for the length of free-text values whose type has no maxLength (LDT_Commentaar),
   * and the "typical" length used for long maxLength types. Default 60.
   */
  readonly maxFreeText?: number;
}

// ---------------------------------------------------------------------------------------------
// BSN: the test range 999900006 … 999999990, all passing the elfproef.

/** Σ d1·9 + d2·8 + … + d8·2 − d9 ≡ 0 (mod 11). */
export function isElfproef(bsn: string): boolean {
  if (!/^[0-9]{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  return (sum - Number(bsn[8])) % 11 === 0;
}

/** The check digit for an 8-digit prefix, or undefined when it would be 10 (no valid BSN). */
function bsnCheckDigit(prefix: number): number | undefined {
  const s = String(prefix);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
  const d = sum % 11;
  return d === 10 ? undefined : d;
}

/** The first `count` distinct test BSNs passing the elfproef, in order (at most ~9,000 exist). */
export function distinctTestBsns(count: number): string[] {
  const out: string[] = [];
  for (let prefix = 99_990_000; out.length < count; prefix++) {
    if (prefix > 99_999_999) throw new Error(`only ${out.length} test BSNs exist, ${count} asked`);
    const d = bsnCheckDigit(prefix);
    if (d !== undefined) out.push(`${prefix}${d}`);
  }
  return out;
}

/** Test BSNs 999900006 … 999999990: prefix 99990000 gives 999900006, prefix 99999999 gives 999999990. */
export function testBsnArbitrary(): fc.Arbitrary<string> {
  return fc
    .integer({ min: 99_990_000, max: 99_999_999 })
    .filter((p) => bsnCheckDigit(p) !== undefined)
    .map((p) => `${p}${bsnCheckDigit(p)!}`);
}

/** The n-th test BSN (deterministic, for large generated files); n ≥ 0, wraps over the ~9,000 valid ones. */
export function nthTestBsn(n: number): string {
  let prefix = 99_990_000 + (n % 10_000);
  for (;;) {
    const d = bsnCheckDigit(prefix);
    if (d !== undefined) return `${prefix}${d}`;
    prefix = prefix === 99_999_999 ? 99_990_000 : prefix + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Independent facet check (XML Schema 1.0 part 2): lengths count code points, strings keep their
// whitespace, integer/date/time values are whitespace-collapsed before the lexical check.

const XSD_WS = /^[ \t\n\r]+|[ \t\n\r]+$/g;

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

const patternCache = new Map<string, RegExp>();
function pattern(p: string): RegExp {
  let re = patternCache.get(p);
  if (re === undefined) {
    re = compileXsdPattern(p);
    patternCache.set(p, re);
  }
  return re;
}

/** Why `lexical` is not a valid value of `type`, or undefined when it is. Used as a guard only. */
export function simpleValueProblem(type: SimpleTypeDef, lexical: string): string | undefined {
  const value = type.base === 'string' ? lexical : lexical.replace(XSD_WS, '');
  switch (type.base) {
    case 'integer': {
      if (!/^[+-]?[0-9]+$/.test(value)) return 'not an integer';
      const n = BigInt(value);
      if (type.minInclusive !== undefined && n < BigInt(type.minInclusive)) return 'below minInclusive';
      if (type.maxInclusive !== undefined && n > BigInt(type.maxInclusive)) return 'above maxInclusive';
      break;
    }
    case 'date': {
      const m = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/.exec(value);
      if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'not a date';
      break;
    }
    case 'time': {
      const m = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/.exec(value);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) return 'not a time';
      break;
    }
    case 'string': {
      const length = [...value].length;
      if (type.minLength !== undefined && length < type.minLength) return 'shorter than minLength';
      if (type.maxLength !== undefined && length > type.maxLength) return 'longer than maxLength';
      break;
    }
  }
  if (type.enumeration !== undefined && !type.enumeration.includes(value)) return 'not in enumeration';
  for (const step of type.patterns) {
    if (!step.some((p) => pattern(p).test(value))) return `does not match ${step.join(' | ')}`;
  }
  return undefined;
}

function assertValidSimpleValue(type: SimpleTypeDef, lexical: string): void {
  const problem = simpleValueProblem(type, lexical);
  if (problem !== undefined) {
    throw new Error(`arbitrary produced an invalid ${type.name} value ${JSON.stringify(lexical)}: ${problem}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Characters. Free text mixes ASCII with é/ë and the XML specials & < > ' " ] so builders must
// escape (a bare "]]>" in text is not well-formed). No CR: XML parsers turn it into LF.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const unitOf = (chars: string): fc.Arbitrary<string> => fc.constantFrom(...[...chars]);

const freeTextUnit = (newlines: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: unitOf(LETTERS), weight: 12 },
    { arbitrary: unitOf(DIGITS), weight: 3 },
    { arbitrary: fc.constant(' '), weight: 3 },
    { arbitrary: unitOf('éëÉïüçñøß'), weight: 2 },
    { arbitrary: unitOf('&<>\'"]-./,()'), weight: 2 },
    { arbitrary: fc.constant(newlines ? '\n' : '\t'), weight: 1 },
  );

/** Lengths biased to small values but reaching exactly `max` (the boundary) now and then. */
function lengthArb(min: number, max: number, typical: number): fc.Arbitrary<number> {
  const upper = Math.max(min, Math.min(max, typical));
  return fc.oneof({ arbitrary: fc.integer({ min, max: upper }), weight: 8 }, { arbitrary: fc.constant(max), weight: 1 });
}

function stringOf(unit: fc.Arbitrary<string>, min: number, max: number, typical: number): fc.Arbitrary<string> {
  return lengthArb(min, max, typical).chain((n) => fc.array(unit, { minLength: n, maxLength: n }).map((cs) => cs.join('')));
}

/** At least one character that is not XSD whitespace (`\S` = not space, tab, CR, LF). */
function ensureNonBlank(s: string): string {
  if (/[^ \t\n\r]/.test(s)) return s;
  return s.slice(0, -1) + 'x';
}

// ---------------------------------------------------------------------------------------------
// Simple values.

const FREE_TEXT = '.*[^\\s].*';
const COMMENTAAR = '([.\\s]*\\S+[.\\s]*)+';
const VERSIE = '(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** xs:date without timezone (RS032): a real calendar date, years 1900–2099, leap days included. */
export function dateArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => {
      while (!isCalendarDate(y, m, d)) d--;
      return `${y}-${pad2(m)}-${pad2(d)}`;
    });
}

/** xs:time without timezone (RS034); fractional seconds now and then (valid xs:time). */
export function timeArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: fc.integer({ min: 0, max: 999 }), weight: 1 }),
    )
    .map(([h, m, s, f]) => `${pad2(h)}:${pad2(m)}:${pad2(s)}${f === undefined ? '' : `.${String(f).padStart(3, '0')}`}`);
}

function single(type: SimpleTypeDef): string | undefined {
  if (type.patterns.length === 0) return undefined;
  if (type.patterns.length > 1 || type.patterns[0]!.length !== 1) {
    throw new Error(`${type.name}: more than one pattern; teach arbitraries.ts how to generate it`);
  }
  return type.patterns[0]![0];
}

function rawSimpleArbitrary(type: SimpleTypeDef, opts: Required<ArbitraryOptions>): fc.Arbitrary<string | number> {
  const p = single(type);
  if (type.enumeration !== undefined) return fc.constantFrom(...type.enumeration);
  if (p !== undefined && /^[A-Za-z0-9]+$/.test(p)) return fc.constant(p); // BerichtCode 436, BerichtVersie 3 …
  switch (type.base) {
    case 'integer': {
      if (p !== undefined) throw new Error(`${type.name}: integer pattern ${p} not supported`);
      const min = BigInt(type.minInclusive ?? 0);
      const max = BigInt(type.maxInclusive ?? 999_999_999);
      const ints = fc.bigInt({ min, max });
      return type.valueKind === 'cents' ? ints.map((n) => Number(n)) : ints.map((n) => n.toString());
    }
    case 'date':
      return dateArbitrary();
    case 'time':
      return timeArbitrary();
    case 'string':
      break;
  }
  const minL = type.minLength ?? 1;
  const fixed = p === undefined ? undefined : /^\[0-9\]\{([0-9]+)\}$/.exec(p);
  if (fixed) {
    if (type.name.endsWith('LDT_BurgerServicenummer')) return testBsnArbitrary();
    const n = Number(fixed[1]);
    return fc.array(unitOf(DIGITS), { minLength: n, maxLength: n }).map((cs) => cs.join(''));
  }
  const max = type.maxLength ?? opts.maxFreeText * 5;
  const typical = type.maxLength === undefined ? opts.maxFreeText : 12;
  switch (p) {
    case undefined:
      // No pattern (LDT_ReferentieNummer, LDT_IdentificatieDeclaratie): any characters, blanks too.
      return stringOf(freeTextUnit(false), minL, max, typical);
    case FREE_TEXT:
      return stringOf(freeTextUnit(false), Math.max(1, minL), max, typical).map(ensureNonBlank);
    case COMMENTAAR:
      return stringOf(freeTextUnit(true), Math.max(1, minL), max, typical).map(ensureNonBlank);
    case '[0-9]*':
      return stringOf(unitOf(DIGITS), minL, max, typical);
    case '([a-zA-Z0-9])+':
      return stringOf(unitOf(LETTERS + DIGITS), Math.max(1, minL), max, typical);
    case '([a-zA-ZÀ-ỳ])+':
      return stringOf(
        fc.oneof({ arbitrary: unitOf(LETTERS), weight: 6 }, { arbitrary: unitOf('éëÀỳ'), weight: 1 }),
        Math.max(1, minL),
        max,
        typical,
      );
    case VERSIE: {
      const part = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 21, max: 999 }));
      return fc.tuple(part, part, part).map((ps) => ps.join('.'));
    }
    default:
      throw new Error(`${type.name}: pattern ${p} not supported; teach arbitraries.ts how to generate it`);
  }
}

const simpleCache = new Map<string, fc.Arbitrary<string | number>>();

/** Valid values of one simple type: strings, or integer eurocent for valueKind 'cents'. */
export function simpleValueArbitrary(typeName: string, options: ArbitraryOptions = {}): fc.Arbitrary<string | number> {
  const opts = withDefaults(options);
  const key = `${typeName}|${opts.maxFreeText}`;
  let arb = simpleCache.get(key);
  if (arb === undefined) {
    const type = SIMPLE_TYPES[typeName];
    if (type === undefined) throw new Error(`unknown simple type ${typeName}`);
    arb = rawSimpleArbitrary(type, opts).map((v) => {
      assertValidSimpleValue(type, String(v));
      return v;
    });
    simpleCache.set(key, arb);
  }
  return arb;
}

// ---------------------------------------------------------------------------------------------
// Complex values.

function withDefaults(o: ArbitraryOptions): Required<ArbitraryOptions> {
  return { maxRepeat: o.maxRepeat ?? 3, maxFreeText: o.maxFreeText ?? 60 };
}

function childArbitrary(child: ElementDef, opts: Required<ArbitraryOptions>): fc.Arbitrary<unknown> {
  const one: fc.Arbitrary<unknown> = child.kind === 'simple' ? simpleValueArbitrary(child.type, opts) : complexArbitrary(child.type, opts);
  if (child.max > 1) {
    // Repeated: an array of at least one (an empty container is never written); absent when optional.
    const arr = fc.array(one, {
      minLength: Math.max(1, child.min),
      maxLength: Math.max(Math.max(1, child.min), Math.min(child.max, opts.maxRepeat)),
    });
    return child.min === 0 ? fc.option(arr, { nil: undefined, freq: 3 }) : arr;
  }
  return child.min === 0 ? fc.option(one, { nil: undefined, freq: 3 }) : one;
}

const complexCache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** Valid typed objects of one complex type (e.g. 'jw323:Client'), keys in sequence order. */
export function complexArbitrary(typeName: string, options: ArbitraryOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  const opts = withDefaults(options);
  const key = `${typeName}|${opts.maxRepeat}|${opts.maxFreeText}`;
  let arb = complexCache.get(key);
  if (arb === undefined) {
    const type = COMPLEX_TYPES[typeName];
    if (type === undefined) throw new Error(`unknown complex type ${typeName}`);
    const names = type.children.map((c) => c.name);
    arb = fc.tuple(...type.children.map((c) => childArbitrary(c, opts))).map((values) => {
      const out: Record<string, unknown> = {};
      values.forEach((v, i) => {
        if (v !== undefined) out[names[i]!] = v;
      });
      return out;
    });
    complexCache.set(key, arb);
  }
  return arb;
}

/** Valid typed berichten of one message (the root's content: `{ Header, Client }` etc.). */
export function berichtArbitrary<K extends BerichtId>(id: K, options: ArbitraryOptions = {}): fc.Arbitrary<BerichtTypes[K]> {
  return complexArbitrary(MESSAGES[id].rootType, options) as unknown as fc.Arbitrary<BerichtTypes[K]>;
}

/** Any of the 28 messages, with its id. */
export function anyBerichtArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<{ id: BerichtId; bericht: Record<string, unknown> }> {
  return fc
    .constantFrom(...BERICHT_IDS)
    .chain((id) => complexArbitrary(MESSAGES[id].rootType, options).map((bericht) => ({ id, bericht })));
}

/**
 * One valid instance, deterministic in (message, seed): for corpus building (differential test,
 * benchmark). fast-check's sampler is biased towards small values on early runs, so the instance
 * is taken from a later run of a short sample to get realistic variety.
 */
export function validInstance<K extends BerichtId>(id: K, seed: number, options: ArbitraryOptions = {}): BerichtTypes[K] {
  const runs = fc.sample(berichtArbitrary(id, options), { seed, numRuns: 8 });
  return runs[runs.length - 1]!;
}

/** `count` valid objects of a complex type, deterministic in seed (e.g. 'jw323:Client' for big files). */
export function sampleComplex(typeName: string, seed: number, count: number, options: ArbitraryOptions = {}): Record<string, unknown>[] {
  return fc.sample(complexArbitrary(typeName, options), { seed, numRuns: count });
}
