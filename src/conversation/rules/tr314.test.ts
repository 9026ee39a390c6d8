import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR314 } from './tr314.js';

const eerder = (standard: 'ijw' | 'iwmo', ref: string, goedgekeurd = true) =>
  new MemoryConversationState().putPrestatie(
    { standard, aanbieder: AANBIEDER },
    {
      gemeente: GEMEENTE,
      declaratieIdentificatie: 'D1',
      goedgekeurd,
      item: { kind: 'Prestatie', index: 1, path: '/p', productReferentie: ref, toewijzingNummer: 'T1', debetCredit: 'D' },
    },
  );

describe('TR314: ReferentieNummer unique per aanbieder per domain', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', productReferentie: 'RN1' },
        { client: CLIENT, toewijzingNummer: 'T1', productReferentie: 'RN2' },
        { client: CLIENT, toewijzingNummer: 'T1', productReferentie: 'RN2' },
      ],
    });
    it(`${standard}: a new number passes; a number used earlier (even if rejected) or twice here fails with 8021`, () => {
      expect(TR314.check(s, eerder(standard, 'RN0'), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR314', retourCode: '8021', path: s.items[2]!.path }),
      ]);
      const f = TR314.check(s, eerder(standard, 'RN1', false), { today: TODAY });
      expect(f.map((x) => x.path)).toEqual([s.items[0]!.path, s.items[2]!.path]);
    });
  }
  it('asks for every ReferentieNummer and VorigReferentieNummer once', () => {
    const s = cmk('ijw', NUMMER.declaratie, {
      items: [{ productReferentie: 'RN1', vorigReferentie: 'RN0' }, { productReferentie: 'RN0' }],
    });
    expect(TR314.vragen(s).map((q) => (q.ask === 'prestaties' ? q.q.referentieNummer : q.ask))).toEqual(['RN1', 'RN0']);
  });
  it('a credit naming the earlier number is not a reuse of it', () => {
    const s = cmk('ijw', NUMMER.declaratie, { items: [{ productReferentie: 'RN9', vorigReferentie: 'RN1', debetCredit: 'C' }] });
    expect(TR314.check(s, eerder('ijw', 'RN1'), { today: TODAY })).toEqual([]);
  });
});
