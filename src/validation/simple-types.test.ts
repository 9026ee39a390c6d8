/**
 * Facet checks on hostile sizes: no value, however long, may throw (a stack overflow became a 500)
 * or take more than linear time; and the linear-time pattern matcher and hand-written whitespace
 * collapse agree with the ECMAScript translations they replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL } from '../standard/generated/model.js';
import { compileXsdMatcher, compileXsdPattern } from '../standard/xsd-regex.js';
import { checkSimple, compileSimpleType } from './simple-types.js';

const TYPES = Object.values(MODEL.simpleTypes);
const PATTERNS = [...new Set(TYPES.flatMap((t) => t.patterns.flat()))];

/** Characters that the patterns tell apart: digits, letters, XSD whitespace, dots, signs, non-ASCII, astral. */
const CHARS = ['0', '1', '5', '9', 'a', 'Z', 'x', '.', ' ', '\t', '\n', '\r', '-', '+', ':', '\u00a0', 'À', 'ỳ', 'ỿ', '\u{1F600}'];
const value = fc.array(fc.constantFrom(...CHARS), { maxLength: 14 }).map((cs) => cs.join(''));

describe('the linear-time pattern matcher', () => {
  it('agrees with the ECMAScript translation on every pattern of the model', () => {
    for (const p of PATTERNS) {
      const re = compileXsdPattern(p);
      const m = compileXsdMatcher(p);
      fc.assert(
        fc.property(value, (v) => m.test(v) === re.test(v)),
        { numRuns: 400, seed: 20261123 },
      );
      // Values built from the pattern's own literal characters hit the accepting paths too.
      const lit = p.replace(/[\\()[\]*+?{}|]/g, '');
      for (let k = 0; k <= lit.length; k++) expect(m.test(lit.slice(0, k)), `${p} on ${lit.slice(0, k)}`).toBe(re.test(lit.slice(0, k)));
    }
  });

  it('handles alternation, counted repetition and classes like the translation', () => {
    const cases: [string, string[]][] = [
      ['(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)', ['0.0', '10.2', '01.1', '1.', '.1', '1.1.1', '']],
      ['[0-9]{2,3}', ['1', '12', '123', '1234']],
      ['[0-9]{2,}x?', ['1', '12', '1234x', 'x']],
      ['[^Z+-]+', ['12:00:00', '12:00:00Z', 'a-b', '']],
      ['\\d\\s\\S.', ['1 aa', '1\ta\n', '1  a']],
      ['[a-c\\-]+', ['a-c', 'b', 'd']],
    ];
    for (const [p, vs] of cases)
      for (const v of vs) expect(compileXsdMatcher(p).test(v), `${p} on ${JSON.stringify(v)}`).toBe(compileXsdPattern(p).test(v));
  });

  it('refuses what the translation refuses', () => {
    for (const p of ['[a-[b]]', '\\p{L}', '[\\S]', '(a', 'a)', '*a']) expect(() => compileXsdMatcher(p), p).toThrow();
  });

  it('runs a 3 MB value of short words through LDT_Commentaar without overflowing the stack', () => {
    const m = compileXsdMatcher('([.\\s]*\\S+[.\\s]*)+');
    expect(() => compileXsdPattern('([.\\s]*\\S+[.\\s]*)+').test('x '.repeat(1_500_000))).toThrow(RangeError);
    expect(m.test('x '.repeat(1_500_000))).toBe(true);
    expect(m.test(' \n'.repeat(1_500_000))).toBe(false);
  });
});

describe('checkSimple on hostile values', () => {
  const filler = fc.constantFrom('x ', '9', ' ', 'a.b ', '\r\n', '\u{1F600}', '0-', '2024-01-01 ');

  it('never throws for a value of any simple type at its maximum length, or 1–5 MB when unbounded', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), filler, fc.integer({ min: 1_000_000, max: 5_000_000 }), (def, unit, big) => {
        const t = compileSimpleType(def);
        const length = def.maxLength ?? big;
        const v = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
        expect(() => checkSimple(t, v)).not.toThrow();
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  it('every kind of simple type, 3 MB of short words, spaces, digits: no throw', { timeout: 120_000 }, () => {
    // One type per base, patterns and length bound: the rest differ only in codes or numbers.
    const kinds = new Map(TYPES.map((t) => [`${t.base} ${JSON.stringify(t.patterns)} ${t.maxLength}`, t]));
    for (const def of kinds.values()) {
      const t = compileSimpleType(def);
      for (const v of ['x '.repeat(1_500_000), ' '.repeat(3_000_000) + 'x', '9'.repeat(3_000_000), ' \n'.repeat(1_500_000)])
        expect(() => checkSimple(t, v), def.name).not.toThrow();
    }
  });

  it('collapses whitespace and compares integers like the regular-expression / BigInt versions', () => {
    const date = compileSimpleType(MODEL.simpleTypes['ijw:LDT_Datum']!);
    const nummer = compileSimpleType(MODEL.simpleTypes['ijw:LDT_Nummer']!);
    const ws = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', 'a', '1', '-', '\u00a0'), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(ws, (v) => checkSimple(date, v).value === v.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '').replace(/[ \t\n\r]+/g, ' ')),
      { numRuns: 2000, seed: 20261123 },
    );
    const digits = fc.tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,20}$/)).map(([s, d]) => s + d);
    fc.assert(
      fc.property(digits, (v) => {
        const n = BigInt(v);
        const expected = n < 0n ? 'min-inclusive' : n > 999_999_999n ? 'max-inclusive' : undefined;
        return checkSimple(nummer, v).code === expected;
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });
});
