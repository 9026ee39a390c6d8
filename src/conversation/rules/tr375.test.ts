import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR375 } from './tr375.js';

const OMVANG = { omvang: { volume: '3', eenheid: '04', frequentie: '2' } };

describe('TR375: no Omvang for a toewijzing without product code after 2020', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const { code: _c, ...aspecifiek } = toegewezen('A', { categorie: '43' });
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [aspecifiek, toegewezen('S')]);
    const vow = (toewijzingNummer: string, o: object) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer, ...o })] });
    it(`${standard}: Omvang on a specific toewijzing, or none on an aspecifieke, passes; Omvang on an aspecifieke fails with 9375`, () => {
      expect(TR375.check(vow('S', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR375.check(vow('A', { budgetWaarde: '100' }), state, { today: TODAY })).toEqual([]);
      expect(TR375.check(vow('A', OMVANG), state, { today: TODAY })).toEqual([
        expect.objectContaining({
          rule: 'TR375',
          retourCode: '9375',
          path: '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]',
        }),
      ]);
    });
    it(`${standard}: an Einddatum up to 2020-12-31 is outside the rule`, () => {
      expect(TR375.check(vow('A', { ...OMVANG, einddatum: '2020-12-31' }), state, { today: TODAY })).toEqual([]);
    });
  }
});
