import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR375 } from './tr375.js';

const OMVANG = { omvang: { volume: '3', eenheid: '04', frequentie: '2' } };

describe('TR375: no Omvang for a toewijzing without Product (generiek) after 2020', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const { code: _c, categorie: _k, ...generiek } = toegewezen('G');
    const { code: _d, ...aspecifiek } = toegewezen('A', { categorie: '43' });
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [generiek, aspecifiek, toegewezen('S')]);
    const vow = (toewijzingNummer: string, o: object) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer, ...o })] });
    it(`${standard}: Omvang on a specific toewijzing, or none on a generieke, passes; Omvang on a generieke fails with 9375`, () => {
      expect(TR375.check(vow('S', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR375.check(vow('G', { budgetBedrag: '100' }), state, { today: TODAY })).toEqual([]);
      expect(TR375.check(vow('G', OMVANG), state, { today: TODAY })).toEqual([
        expect.objectContaining({
          rule: 'TR375',
          retourCode: '9375',
          path: '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]',
        }),
      ]);
    });
    it(`${standard}: an aspecifieke toewijzing (a Product without Code) is TR412's; an Einddatum up to 2020-12-31 is outside the rule`, () => {
      expect(TR375.check(vow('A', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR375.check(vow('G', { ...OMVANG, einddatum: '2020-12-31' }), state, { today: TODAY })).toEqual([]);
    });
  }
});
