import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR412 } from './tr412.js';

const OMVANG = { omvang: { volume: '3', eenheid: '04', frequentie: '2' } };

describe('TR412: no Omvang for a toewijzing with a Product without Code (aspecifiek) after 2020', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const { code: _c, ...aspecifiek } = toegewezen('A', { categorie: '43' });
    const { code: _d, categorie: _k, ...generiek } = toegewezen('G');
    const { code: _e, ...oud } = toegewezen('O', { categorie: '43', datum: '2020-01-01', einddatum: '2020-12-31' });
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [aspecifiek, generiek, oud, toegewezen('S')]);
    const vow = (toewijzingNummer: string, o: object) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer, ...o })] });
    it(`${standard}: a Budget on an aspecifieke toewijzing, or an Omvang on a specific one, passes; an Omvang on an aspecifieke fails with 9412`, () => {
      expect(TR412.check(vow('A', { budgetBedrag: '100' }), state, { today: TODAY })).toEqual([]);
      expect(TR412.check(vow('S', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR412.check(vow('A', OMVANG), state, { today: TODAY })).toEqual([
        expect.objectContaining({
          rule: 'TR412',
          retourCode: '9412',
          path: '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]',
        }),
      ]);
      // The TeWijzigenProduct's own empty Einddatum falls back to the toewijzing's: after 2020 here.
      expect(TR412.check(vow('A', { ...OMVANG, einddatum: '2027-01-31' }), state, { today: TODAY })).toHaveLength(1);
    });
    it(`${standard}: an Einddatum up to 2020-12-31 is outside the rule; a generieke toewijzing (no Product) is TR375's`, () => {
      expect(TR412.check(vow('A', { ...OMVANG, einddatum: '2020-12-31' }), state, { today: TODAY })).toEqual([]);
      expect(TR412.check(vow('O', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR412.check(vow('G', OMVANG), state, { today: TODAY })).toEqual([]);
    });
  }
});
