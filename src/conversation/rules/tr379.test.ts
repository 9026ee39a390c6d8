import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { AANBIEDER, CLIENT, GEMEENTE, OTHER_CLIENT, TODAY, cmk, metReferentie } from '../../../test/support/conversation-testkit.js';
import { TR379 } from './tr379.js';

describe('TR379: ReferentieAanbieder in a toewijzing only when honouring a verzoek', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.toewijzing, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', referentieAanbieder: 'R1' },
        { client: CLIENT, toewijzingNummer: 'T2' },
      ],
    });
    it(`${standard}: the first toewijzing honouring an open verzoek of the client passes; a line without reference is not assessed`, () => {
      expect(TR379.check(s, metReferentie(standard, {}), { today: TODAY })).toEqual([]);
      expect(TR379.check(s, metReferentie(standard, { antwoorden: ['2'] }), { today: TODAY })).toEqual([]);
    });
    it(`${standard}: fails with 9379 without such a verzoek, after an earlier toewijzing with it, or after an afwijzing`, () => {
      for (const h of [
        { verzoeken: [] },
        { verzoeken: [{ nummer: NUMMER.verzoekOmWijziging, client: OTHER_CLIENT }] },
        { toewijzingen: [{ client: CLIENT }] },
        { antwoorden: ['1'] },
      ]) {
        expect(TR379.check(s, metReferentie(standard, h), { today: TODAY })).toEqual([
          expect.objectContaining({ rule: 'TR379', retourCode: '9379', path: s.items[0]!.path }),
        ]);
      }
    });
  }
  it('asks one referenties question for the references of the 301', () => {
    const s = cmk('ijw', NUMMER.toewijzing, { items: [{ client: CLIENT, referentieAanbieder: 'R1' }, { client: CLIENT }] });
    expect(TR379.vragen(s)).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
  });
});
