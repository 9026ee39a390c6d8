import { describe, expect, it } from 'vitest';
import { ID_PATTERN, newId, retourIdGenerator } from './ids.js';

describe('ids', () => {
  it('journal ids are 26 Crockford chars and sort by time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a).toMatch(ID_PATTERN);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId(1)).values()).size).toBe(1000);
  });
  it('within one millisecond, and when the clock steps back, ids still sort in the order they were made', () => {
    const ids = [newId(1_800_000_000_000), ...Array.from({ length: 2000 }, () => newId(1_800_000_000_000)), newId(1_799_999_999_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('the 16 random characters use every Crockford symbol in every position (80 uniform bits, pooled)', () => {
    const seen = Array.from({ length: 16 }, () => new Set<string>());
    // 20,000 ids cross the 4 KiB random pool ~49 times; P(a symbol missing in a position) < 1e-270.
    for (let i = 0; i < 20_000; i++) {
      const r = newId(1_900_000_000_000 + i).slice(10);
      for (let p = 0; p < 16; p++) seen[p]!.add(r[p]!);
    }
    for (const s of seen) expect(s.size).toBe(32);
  });
  it('IdentificatieRetour is 12 chars and unique within a millisecond', () => {
    const gen = retourIdGenerator();
    const ids = Array.from({ length: 5000 }, () => gen(1_763_900_000_000));
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-Z]{12}$/);
  });
});
