import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, generate } from './gen-model.js';
import { MESSAGES } from '../src/standard/generated/model.js';

describe('generated model', () => {
  const { files } = generate();

  it('is up to date with the XSDs (run `npm run gen` after changing the generator)', () => {
    const stale = [...files].filter(([rel, content]) => readFileSync(join(ROOT, rel), 'utf8') !== content).map(([rel]) => rel);
    expect(stale).toEqual([]);
  });

  it('holds all 28 messages with the BerichtCodes of FACTS §2', () => {
    const codes = Object.fromEntries(Object.values(MESSAGES).map((m) => [m.id, m.berichtCode]));
    expect(Object.keys(codes)).toHaveLength(28);
    expect(codes).toMatchObject({
      JW301: '436',
      JW302: '437',
      JW305: '438',
      JW306: '439',
      JW307: '440',
      JW308: '441',
      JW315: '446',
      JW316: '447',
      JW317: '486',
      JW318: '487',
      JW319: '488',
      JW320: '489',
      JW323: '490',
      JW325: '491',
      WMO301: '414',
      WMO302: '415',
      WMO305: '418',
      WMO306: '419',
      WMO307: '420',
      WMO308: '421',
      WMO315: '444',
      WMO316: '445',
      WMO317: '480',
      WMO318: '481',
      WMO319: '482',
      WMO320: '483',
      WMO323: '484',
      WMO325: '485',
    });
  });

  it('writes a do-not-edit header on every generated source file', () => {
    for (const [rel, content] of files) if (rel.endsWith('.ts')) expect(content.startsWith('// GENERATED')).toBe(true);
  });
});
