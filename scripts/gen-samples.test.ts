import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/standard/generated/model.js';
import type { BerichtId } from '../src/standard/model.js';
import { validateBericht } from '../src/validation/validate.js';
import { isElfproef } from '../test/support/arbitraries.js';
import { repoRoot, xsdPath } from '../test/support/paths.js';
import { xmllintValidate } from '../test/support/xmllint.js';
import { BSN, BSN_FAALT_ELFPROEF, SAMPLE_TODAY, generateSamples } from './gen-samples.js';

const SAMPLES = join(repoRoot(), 'samples');
const generated = generateSamples();

function committed(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of ['ijw', 'iwmo', 'invalid']) {
    for (const f of readdirSync(join(SAMPLES, dir))) out.set(`${dir}/${f}`, readFileSync(join(SAMPLES, dir, f), 'utf8'));
  }
  return out;
}

const validFiles = [...generated.files.keys()].filter((f) => !f.startsWith('invalid/'));

describe('samples/', () => {
  it('the committed samples are exactly what `npm run gen:samples` writes', () => {
    const onDisk = committed();
    expect([...onDisk.keys()].sort()).toEqual([...generated.files.keys()].sort());
    for (const [rel, content] of generated.files) expect(onDisk.get(rel), rel).toBe(content);
  });

  it('there is one valid sample for each of the 28 messages', () => {
    const ids = validFiles.map((f) => f.replace(/^.*\//, '').replace(/\.xml$/, '')).sort();
    expect(ids).toEqual(Object.keys(MESSAGES).sort());
    for (const f of validFiles)
      expect(f.startsWith(MESSAGES[f.replace(/^.*\//, '').replace(/\.xml$/, '') as BerichtId].standard + '/')).toBe(true);
  });

  it('every valid sample passes xmllint against its published XSD', async () => {
    for (const rel of validFiles) {
      const id = rel.replace(/^.*\//, '').replace(/\.xml$/, '') as BerichtId;
      const [v] = await xmllintValidate(xsdPath(id), [join(SAMPLES, rel)]);
      expect(v?.valid, `${rel}: ${v?.errors.join('\n')}`).toBe(true);
    }
  });

  it('every valid sample passes validateBericht (L1 + L2) and identifies as its message', () => {
    for (const rel of validFiles) {
      const out = validateBericht(readFileSync(join(SAMPLES, rel)), { today: SAMPLE_TODAY });
      expect(out.issues, rel).toEqual([]);
      expect(out.valid, rel).toBe(true);
      expect(out.message?.id).toBe(rel.replace(/^.*\//, '').replace(/\.xml$/, ''));
    }
  });

  it('uses only test BSNs that pass the elfproef (and the deliberate failure does not)', () => {
    for (const bsn of Object.values(BSN)) {
      expect(isElfproef(bsn), bsn).toBe(true);
      expect(Number(bsn)).toBeGreaterThanOrEqual(999_900_006);
      expect(Number(bsn)).toBeLessThanOrEqual(999_999_990);
    }
    expect(isElfproef(BSN_FAALT_ELFPROEF)).toBe(false);
    const allBsns = [...generated.files.values()].flatMap((xml) => [...xml.matchAll(/:Bsn>(\d+)</g)].map((m) => m[1]!));
    expect(allBsns.length).toBeGreaterThan(20);
    for (const b of allBsns) expect(b === BSN_FAALT_ELFPROEF || (isElfproef(b) && b.startsWith('9999')), b).toBe(true);
  });
});

describe('samples/invalid/', () => {
  it('has L1 and L2 examples', () => {
    expect(generated.invalid.filter((s) => s.level === 'L1').length).toBeGreaterThanOrEqual(1);
    expect(generated.invalid.filter((s) => s.level === 'L2').length).toBeGreaterThanOrEqual(1);
    for (const s of generated.invalid) expect(s.file).toMatch(new RegExp(`^invalid/${s.level}-`));
  });

  for (const s of generated.invalid) {
    it(`${s.file} fails at ${s.level} with ${s.code}`, async () => {
      const bytes = readFileSync(join(SAMPLES, s.file));
      const out = validateBericht(bytes, { today: SAMPLE_TODAY });
      expect(out.valid).toBe(false);
      expect(out.l1Valid).toBe(s.level !== 'L1');
      expect(out.issues.length).toBeGreaterThan(0);
      for (const i of out.issues) expect(i.level).toBe(s.level);
      expect(out.issues.map((i) => i.code)).toContain(s.code);
      // The oracle agrees on the level: L1 samples fail the XSD, L2 samples pass it.
      const id = out.message?.id;
      expect(id).toBeDefined();
      const [v] = await xmllintValidate(xsdPath(id!), [join(SAMPLES, s.file)]);
      expect(v?.valid, v?.errors.join('\n')).toBe(s.level !== 'L1');
    });
  }
});
