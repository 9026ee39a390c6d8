/**
 * Validation time grows linearly with the body, whatever its shape. Each adversarial shape is
 * validated at size n and 4n and the median times are compared: linear work gives a ratio near 4,
 * quadratic work near 16. A ratio, not a time limit, so a slow or busy machine does not fail it.
 * Before the fix, 40,000 attributes on one element took 5–6 s (duplicate detection compared every
 * attribute with every earlier one) and a 3 MB Commentaar of short words overflowed the stack.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XML_LIMITS } from '../xml/tokenizer.js';
import { L1Code } from './issues.js';
import { validateBericht } from './validate.js';

const JW301 = readFileSync(new URL('../../samples/ijw/JW301.xml', import.meta.url), 'utf8');
const NS = 'http://www.istandaarden.nl/ijw/3_2/jw301/schema';
const TODAY = '2026-11-05';
const COMMENTAAR = /<jw301:Commentaar>[^<]*<\/jw301:Commentaar>/;

/** The JW301 sample with `inner` inside the root, after the Header. */
const inRoot = (inner: string): string => JW301.replace('</jw301:Header>', `</jw301:Header>${inner}`);
const withCommentaar = (text: string): string => JW301.replace(COMMENTAAR, `<jw301:Commentaar>${text}</jw301:Commentaar>`);
const words = (chars: number): string =>
  'u a b c d e f g h i j k l m n o p q r s t v w x y z '.repeat(Math.ceil(chars / 52)).slice(0, chars);
const attrs = (count: number, prefix = 'a'): string => Array.from({ length: count }, (_, i) => ` ${prefix}${i}="v"`).join('');
const nsDecls = (count: number): string => Array.from({ length: count }, (_, i) => ` xmlns:p${i}="urn:x:${i}"`).join('');
const nested = (depth: number, name = 'jw301:X'): string => `<${name}>`.repeat(depth) + `</${name}>`.repeat(depth);

/** Shapes that stay under the caps: all of them are parsed (and mostly refused by the schema). */
const SHAPES: Record<string, { readonly n: number; readonly make: (n: number) => string }> = {
  'attributes on many elements': { n: 1000, make: (n) => inRoot(`<jw301:X${attrs(60)}/>`.repeat(n)) },
  'namespace declarations on many elements': { n: 400, make: (n) => inRoot(`<p1:X${nsDecls(60)}/>`.repeat(n)) },
  'deep subtrees': { n: 400, make: (n) => inRoot(nested(60).repeat(n)) },
  'long names': { n: 1600, make: (n) => inRoot(`<jw301:${'N'.repeat(240)} a="v"></jw301:${'N'.repeat(240)}>`.repeat(n)) },
  'many unexpected siblings': { n: 20_000, make: (n) => inRoot('<jw301:X>t</jw301:X>\n'.repeat(n)) },
  'many repeated products (valid)': {
    n: 600,
    make: (n) => {
      const product = /<jw301:ToegewezenProduct>[\s\S]*?<\/jw301:ToegewezenProduct>\s*/.exec(JW301)![0];
      return JW301.replace(product, product.repeat(n));
    },
  },
  'long text of short words (Commentaar)': { n: 250_000, make: (n) => withCommentaar(words(n)) },
  'long text with entities and CR LF': { n: 20_000, make: (n) => withCommentaar('a &amp; b&#x41;\r\n'.repeat(n)) },
  'long text of spaces in a date': { n: 20_000, make: (n) => JW301.replace('<ijw:Datum>2014-03-21', `<ijw:Datum>${' '.repeat(n)}x `) },
  'long digits in an integer': {
    n: 250_000,
    make: (n) => JW301.replace('<jw301:ToewijzingNummer>', `<jw301:ToewijzingNummer>${'9'.repeat(n)}`),
  },
  'long comment and CDATA': { n: 250_000, make: (n) => inRoot(`<!--${'-x'.repeat(n / 2)}--><![CDATA[${'y'.repeat(n)}]]>`) },
  // Beyond the caps: refused early, so these must not grow at all.
  'attributes on one element': { n: 10_000, make: (n) => JW301.replace('<jw301:Bericht ', `<jw301:Bericht${attrs(n)} `) },
  'namespace declarations on one element': { n: 10_000, make: (n) => JW301.replace('<jw301:Bericht ', `<jw301:Bericht${nsDecls(n)} `) },
  'deep nesting': { n: 10_000, make: (n) => inRoot(nested(n)) },
  'a very long name': { n: 250_000, make: (n) => inRoot(`<jw301:${'N'.repeat(n)}/>`) },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Milliseconds per validation of `doc`, over `reps` runs. */
function timeOf(doc: string, reps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) validateBericht(doc, { today: TODAY });
  return (performance.now() - t0) / reps;
}

/**
 * time(4n) / time(n): medians of 7, after a warm-up, each over enough repetitions to take ≥ 40 ms
 * (sizes are chosen so that n is ≥ ~0.2 MB: tiny inputs measure JIT and GC, not the algorithm).
 */
function growth(make: (n: number) => string, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  timeOf(small, 2);
  timeOf(large, 2);
  let reps = 1;
  while (timeOf(small, reps) * reps < 40 && reps < 512) reps *= 2;
  const s: number[] = [];
  const l: number[] = [];
  for (let k = 0; k < 7; k++) {
    s.push(timeOf(small, reps));
    l.push(timeOf(large, reps));
  }
  return median(l) / median(s);
}

describe('validation time is linear in the size of the body', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: time(4n) / time(n) < 8`, { timeout: 120_000 }, () => {
      expect(growth(shape.make, shape.n)).toBeLessThan(8);
    });
  }
});

describe('caps on shapes no bericht needs', () => {
  const SECRET = 'GEHEIM999';
  /** The limit issue of a refused document; its message names the cap, never a name or value from the body. */
  const refusal = (doc: string): string => {
    const r = validateBericht(doc, { today: TODAY });
    expect(r.valid).toBe(false);
    const limits = r.issues.filter((i) => i.code === L1Code.LIMIT_EXCEEDED);
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ level: 'L1', path: '/' });
    expect(limits[0]!.message).not.toContain(SECRET);
    return limits[0]!.message;
  };

  it(`refuses more than ${XML_LIMITS.attributesPerElement} attributes on an element`, () => {
    const many = Array.from({ length: 65 }, (_, i) => ` xmlns:${SECRET}${i}="urn:${SECRET}"`).join('');
    expect(refusal(JW301.replace('<jw301:Bericht ', `<jw301:Bericht${many} `))).toContain('more than 64 attributes on one element');
    expect(refusal(inRoot(`<jw301:X${attrs(65, SECRET)}/>`))).toContain('more than 64 attributes on one element');
    // At the cap: accepted (the root already declares two namespaces; the schema allows declarations).
    const at = Array.from({ length: 62 }, (_, i) => ` xmlns:p${i}="urn:x"`).join('');
    expect(validateBericht(JW301.replace('<jw301:Bericht ', `<jw301:Bericht${at} `), { today: TODAY }).valid).toBe(true);
  });

  it(`refuses elements nested more than ${XML_LIMITS.depth} deep`, () => {
    expect(refusal(inRoot(nested(XML_LIMITS.depth, `jw301:${SECRET}`)))).toContain('nested more than 64 deep');
    // At the cap (the root and 63 below it) the document is parsed to the end and judged by the schema.
    const r = validateBericht(inRoot(nested(XML_LIMITS.depth - 1)), { today: TODAY });
    expect(r.issues.map((i) => i.code)).toEqual([L1Code.UNEXPECTED_ELEMENT]);
  });

  it(`refuses element and attribute names longer than ${XML_LIMITS.nameLength} characters`, () => {
    const long = SECRET + 'N'.repeat(XML_LIMITS.nameLength);
    for (const doc of [inRoot(`<jw301:${long}/>`), inRoot(`<jw301:X ${long}="v"/>`), inRoot(`<jw301:X></jw301:${long}>`)])
      expect(refusal(doc)).toContain('longer than 256 characters');
    // A name of exactly 256 characters (prefix included) is parsed and judged by the schema.
    const max = 'N'.repeat(XML_LIMITS.nameLength - 'jw301:'.length);
    const r = validateBericht(inRoot(`<jw301:${max}/>`), { today: TODAY });
    expect(r.issues.map((i) => i.code)).toEqual([L1Code.UNEXPECTED_ELEMENT]);
  });

  it('refuses before identifying the message, too', () => {
    const r = validateBericht(`<Bericht xmlns="${NS}"${attrs(100)}/>`, { today: TODAY });
    expect(r.l1Valid).toBe(false);
    expect(r.issues).toMatchObject([{ level: 'L1', path: '/', code: L1Code.LIMIT_EXCEEDED }]);
  });
});

describe('a long value is judged, never thrown on', () => {
  it('a JW301 with a 3 MB Commentaar of short words is valid (xmllint agrees)', () => {
    const doc = withCommentaar(words(3_000_000).trimEnd());
    const r = validateBericht(doc, { today: TODAY });
    expect(r.issues).toEqual([]);
    expect(r.valid).toBe(true);
  });
});
