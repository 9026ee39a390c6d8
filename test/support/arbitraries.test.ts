import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIMPLE_TYPES } from '../../src/standard/generated/model.js';
import {
  BERICHT_IDS,
  isElfproef,
  nthTestBsn,
  simpleValueArbitrary,
  simpleValueProblem,
  testBsnArbitrary,
  validInstance,
} from './arbitraries.js';
import { xsdPath } from './paths.js';
import { xmllintValidate } from './xmllint.js';
import { serializeXml, typedToTree } from './xmltree.js';

describe('test BSNs', () => {
  it('stay in 999900006–999999990 and pass the elfproef', () => {
    fc.assert(
      fc.property(testBsnArbitrary(), (bsn) => {
        expect(isElfproef(bsn)).toBe(true);
        expect(Number(bsn)).toBeGreaterThanOrEqual(999_900_006);
        expect(Number(bsn)).toBeLessThanOrEqual(999_999_990);
      }),
      { numRuns: 2000 },
    );
    expect(nthTestBsn(0)).toBe('999900006');
    expect(isElfproef(nthTestBsn(12_345))).toBe(true);
    expect(isElfproef('999900007')).toBe(false);
  });
});

describe('simple value arbitraries', () => {
  it('produce only values the facets accept, for every simple type of the model', () => {
    for (const name of Object.keys(SIMPLE_TYPES)) {
      for (const v of fc.sample(simpleValueArbitrary(name), { seed: 1, numRuns: 50 })) {
        expect(simpleValueProblem(SIMPLE_TYPES[name]!, String(v)), `${name} ${JSON.stringify(v)}`).toBeUndefined();
      }
    }
  });

  it('the independent facet check rejects what it should', () => {
    const datum = SIMPLE_TYPES['ijw:LDT_Datum']!;
    expect(simpleValueProblem(datum, '2027-02-30')).toBeDefined();
    expect(simpleValueProblem(datum, '2027-01-01Z')).toBeDefined();
    expect(simpleValueProblem(datum, ' 2028-02-29 ')).toBeUndefined();
    const naam = SIMPLE_TYPES['ijw:LDT_Naam']!;
    expect(simpleValueProblem(naam, '   ')).toBeDefined();
    expect(simpleValueProblem(naam, 'a\nb')).toBeDefined();
    expect(simpleValueProblem(naam, '\u00a0')).toBeUndefined();
    expect(simpleValueProblem(SIMPLE_TYPES['ijw:LDT_Postcode']!, '\u{1F600}'.repeat(8))).toBeUndefined();
    expect(simpleValueProblem(SIMPLE_TYPES['ijw:LDT_Postcode']!, 'a'.repeat(9))).toBeDefined();
  });

  it('free text exercises escaping and non-ASCII letters', () => {
    const all = fc.sample(simpleValueArbitrary('ijw:LDT_Naam'), { seed: 3, numRuns: 500 }).join('');
    for (const c of ['&', '<', 'é', 'ë']) expect(all).toContain(c);
  });
});

describe('bericht arbitraries', () => {
  it('every generated instance of all 28 messages validates with xmllint (serialised without src/xml/build.ts)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-arb-'));
    try {
      const failures: string[] = [];
      for (const id of BERICHT_IDS) {
        const files: string[] = [];
        for (let seed = 0; seed < 25; seed++) {
          const file = join(dir, `${id}-${seed}.xml`);
          writeFileSync(file, serializeXml(typedToTree(id, validInstance(id, seed) as unknown as Record<string, unknown>)));
          files.push(file);
        }
        for (const v of await xmllintValidate(xsdPath(id), files))
          if (!v.valid) failures.push(`${v.file}: ${v.errors.slice(0, 2).join(' | ')}`);
      }
      expect(failures).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validInstance is deterministic in its seed and varies across seeds', () => {
    expect(validInstance('JW323', 99)).toStrictEqual(validInstance('JW323', 99));
    const distinct = new Set(Array.from({ length: 10 }, (_, s) => JSON.stringify(validInstance('WMO301', s))));
    expect(distinct.size).toBe(10);
  });
});
