import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR321 } from './tr321.js';
import { TR322 } from './tr322.js';
import { TR369 } from './tr369.js';
import { dagen, maanden, toegestaan } from './volume.js';

describe('the volume arithmetic', () => {
  it('per dag, week, maand and totaal; hours in minutes', () => {
    expect(dagen('2026-03-01', '2026-03-31')).toBe(31);
    expect(maanden('2026-11-01', '2027-02-28')).toBe(4);
    expect(toegestaan({ volume: '3', eenheid: '04', frequentie: '2' }, '04', '2026-03-01', '2026-03-28')).toBe(12);
    expect(toegestaan({ volume: '3', eenheid: '04', frequentie: '2' }, '01', '2026-03-01', '2026-03-28')).toBe(720);
    expect(toegestaan({ volume: '2', eenheid: '14', frequentie: '1' }, '14', '2026-03-01', '2026-03-31')).toBe(62);
    expect(toegestaan({ volume: '10', eenheid: '04', frequentie: '4' }, '04', '2026-03-01', '2026-03-31')).toBe(10);
    expect(toegestaan({ volume: '10', eenheid: '04', frequentie: '6' }, '04', '2026-03-01', '2026-03-31')).toBe(10);
    expect(toegestaan({ volume: '10', eenheid: '04', frequentie: '2' }, '14', '2026-03-01', '2026-03-31')).toBeUndefined();
  });
});

describe('TR321, TR322, TR369: volumes within the toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const omvang = { volume: '3', eenheid: '04', frequentie: '2' };
    const state = () =>
      new MemoryConversationState()
        .putToegewezen(tq(standard, 'T1'), {
          kind: 'ToegewezenProduct',
          index: 1,
          path: '/a',
          datum: '2026-03-01',
          einddatum: '2026-03-28',
          omvang,
        })
        .putToegewezen(tq(standard, 'T2'), {
          kind: 'ToegewezenProduct',
          index: 2,
          path: '/b',
          datum: '2026-03-01',
          budget: true,
          budgetBedrag: '100000',
        });
    const p = (volume: string, more = {}) => ({
      client: CLIENT,
      toewijzingNummer: 'T1',
      datum: '2026-03-01',
      einddatum: '2026-03-28',
      eenheid: '04',
      debetCredit: 'D',
      geleverdVolume: volume,
      ...more,
    });
    it(`${standard}: TR321 — 12 hours over four weeks of 3 per week passes, 13 fails with 9321`, () => {
      const s = cmk(standard, NUMMER.declaratie, { items: [p('12'), p('13')] });
      expect(TR321.check(s, state(), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR321', retourCode: '9321', path: s.items[1]!.path }),
      ]);
    });
    it(`${standard}: TR322 — with earlier approved debets the sum exceeds the loopduur's 12 (9322); a credited or rejected one does not count`, () => {
      const s = cmk(standard, NUMMER.declaratie, { items: [p('6')] });
      const eerder = (goedgekeurd: boolean, credit = false) => {
        const st = state();
        st.putPrestatie(
          { standard, aanbieder: AANBIEDER },
          {
            gemeente: GEMEENTE,
            declaratieIdentificatie: 'X',
            goedgekeurd,
            item: { kind: 'Prestatie', index: 1, path: '/e', productReferentie: 'E1', ...p('7') },
          },
        );
        if (credit)
          st.putPrestatie(
            { standard, aanbieder: AANBIEDER },
            {
              gemeente: GEMEENTE,
              declaratieIdentificatie: 'Y',
              goedgekeurd: true,
              item: {
                kind: 'Prestatie',
                index: 1,
                path: '/c',
                productReferentie: 'C1',
                vorigReferentie: 'E1',
                ...p('7', { debetCredit: 'C' }),
              },
            },
          );
        return st;
      };
      expect(TR322.check(s, eerder(true), { today: TODAY })).toEqual([expect.objectContaining({ rule: 'TR322', retourCode: '9322' })]);
      expect(TR322.check(s, eerder(false), { today: TODAY })).toEqual([]);
      expect(TR322.check(s, eerder(true, true), { today: TODAY })).toEqual([]);
    });
    it(`${standard}: TR369 — within the Budget passes, over it fails with 9369`, () => {
      const b = (v: string) => p(v, { toewijzingNummer: 'T2', eenheid: '83' });
      expect(TR369.check(cmk(standard, NUMMER.declaratie, { items: [b('60000'), b('40000')] }), state(), { today: TODAY })).toEqual([]);
      expect(TR369.check(cmk(standard, NUMMER.declaratie, { items: [b('60000'), b('40001')] }), state(), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR369', retourCode: '9369' }),
      ]);
    });
  }
});
