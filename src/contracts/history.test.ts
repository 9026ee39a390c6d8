import { describe, expect, it } from 'vitest';
import { veldWijzigingen } from './history.js';
import type { Contract } from './types.js';

const base = {
  id: 'C-1',
  naam: 'Oud',
  wet: 'jw',
  gemeenten: ['0363'],
  opdrachtnemer: { agb: '41410017' },
  uitvoeringsvariant: 'inspanningsgericht',
  periode: { van: '2026-01-01' },
} as unknown as Contract;

describe('veldWijzigingen', () => {
  it('names the fields that differ, nested by path, arrays as a whole, with before and after', () => {
    const na = { ...base, naam: 'Nieuw', gemeenten: ['0363', '0384'], periode: { van: '2026-01-01', totEnMet: '2027-06-30' } } as Contract;
    expect(veldWijzigingen(base, na)).toEqual([
      { pad: 'gemeenten', voor: ['0363'], na: ['0363', '0384'] },
      { pad: 'naam', voor: 'Oud', na: 'Nieuw' },
      { pad: 'periode.totEnMet', na: '2027-06-30' },
    ]);
  });

  it('is empty for equal contracts (key order aside) and lists every field of a new one', () => {
    expect(veldWijzigingen(base, JSON.parse(JSON.stringify(base)) as Contract)).toEqual([]);
    expect(veldWijzigingen(undefined, base).map((w) => w.pad)).toEqual([
      'gemeenten',
      'id',
      'naam',
      'opdrachtnemer.agb',
      'periode.van',
      'uitvoeringsvariant',
      'wet',
    ]);
  });
});
