/**
 * parse ∘ build = identity on typed objects (property test over all 28 messages), and
 * build ∘ parse = identity on documents (every shared sample that libxml2 accepts), compared in a
 * canonical form that ignores prefixes and indentation but not values or structure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/standard/generated/model.js';
import type { BerichtId } from '../src/standard/model.js';
import { buildBericht } from '../src/xml/build.js';
import { parseBericht } from '../src/validation/parse.js';
import { BERICHT_IDS, berichtArbitrary } from './support/arbitraries.js';
import { canonicalXml } from './support/canonical.js';
import { samplesDir, xsdPath } from './support/paths.js';
import { xmllintValidate } from './support/xmllint.js';

describe('parse ∘ build = identity', () => {
  for (const id of BERICHT_IDS) {
    it(id, () => {
      fc.assert(
        fc.property(berichtArbitrary(id), (bericht) => {
          const obj = bericht as unknown as Record<string, unknown>;
          const xml = buildBericht(MESSAGES[id], obj);
          const parsed = parseBericht(xml);
          if (!parsed.success) throw new Error(`built ${id} does not parse: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
          expect(parsed.message.id).toBe(id);
          expect(parsed.bericht).toEqual(obj);
          // toEqual ignores undefined-valued keys; the parser must not invent them either.
          expect(JSON.stringify(parsed.bericht)).toBe(JSON.stringify(obj));
        }),
        { numRuns: 60, seed: 20261123 },
      );
    });
  }

  it('also for a big JW323 (many Clienten and Prestaties)', () => {
    fc.assert(
      fc.property(berichtArbitrary('JW323', { maxRepeat: 40 }), (bericht) => {
        const obj = bericht as unknown as Record<string, unknown>;
        const parsed = parseBericht(buildBericht(MESSAGES.JW323, obj));
        expect(parsed.success && parsed.bericht).toEqual(obj);
      }),
      { numRuns: 5, seed: 7 },
    );
  });
});

describe('build ∘ parse = identity on the shared samples', () => {
  const files = readdirSync(samplesDir())
    .filter((f) => f.endsWith('.xml'))
    .sort();
  let validSamples: string[] = [];

  beforeAll(async () => {
    for (const f of files) {
      const id = f.replace(/\.xml$/, '') as BerichtId;
      const [v] = await xmllintValidate(xsdPath(id), [join(samplesDir(), f)]);
      if (v!.valid) validSamples.push(f);
    }
    validSamples = validSamples.sort();
  });

  it('the sample set holds the 12 valid iJw samples the README lists', () => {
    expect(files.length).toBe(14);
    expect(validSamples.length).toBe(12);
  });

  for (const f of files) {
    it(f, () => {
      if (!validSamples.includes(f)) {
        // libxml2 rejects it (JW315: 2027-06-31, JW318: bare RetourCode); parse must refuse it too.
        expect(parseBericht(readFileSync(join(samplesDir(), f))).success).toBe(false);
        return;
      }
      const xml = readFileSync(join(samplesDir(), f), 'utf8');
      const parsed = parseBericht(Buffer.from(xml, 'utf8'));
      if (!parsed.success) throw new Error(`${f} does not parse: ${JSON.stringify(parsed.issues)}`);
      const rebuilt = buildBericht(parsed.message, parsed.bericht);
      expect(canonicalXml(rebuilt)).toBe(canonicalXml(xml));
    });
  }
});
