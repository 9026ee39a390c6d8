import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/standard/generated/model.js';
import { validateBericht } from '../../src/validation/validate.js';
import { buildBericht } from '../../src/xml/build.js';
import { consistentDeclaratie } from './declaratie.js';

describe('consistentDeclaratie', () => {
  it('is L1- and L2-valid and deterministic in the seed', () => {
    for (const seed of [1, 323, 9999]) {
      const d = consistentDeclaratie(60, seed);
      const xml = buildBericht(MESSAGES.JW323, d.bericht);
      expect(buildBericht(MESSAGES.JW323, consistentDeclaratie(60, seed).bericht)).toBe(xml);
      const o = validateBericht(xml, { today: '2026-11-23' });
      expect(o.issues).toEqual([]);
      expect(o.valid).toBe(true);
    }
  });
});
