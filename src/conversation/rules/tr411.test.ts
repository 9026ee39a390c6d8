import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR411 } from './tr411.js';

const OMVANG = { omvang: { volume: '3', eenheid: '04', frequentie: '2' } };

describe('TR411: a TeWijzigenProduct of a toewijzing with a product code has an Omvang', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const { code: _c, ...aspecifiek } = toegewezen('A', { categorie: '43' });
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [aspecifiek, toegewezen('S')]);
    const vow = (toewijzingNummer: string, o: object) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer, ...o })] });
    it(`${standard}: an Omvang on a specific toewijzing passes; none fails with 9411`, () => {
      expect(TR411.check(vow('S', OMVANG), state, { today: TODAY })).toEqual([]);
      expect(TR411.check(vow('S', { einddatum: '2027-03-31' }), state, { today: TODAY })).toEqual([
        expect.objectContaining({
          rule: 'TR411',
          retourCode: '9411',
          path: '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]',
        }),
      ]);
    });
    it(`${standard}: a toewijzing without product code, or one Sluis never saw, is outside the rule`, () => {
      expect(TR411.check(vow('A', { budgetBedrag: '100' }), state, { today: TODAY })).toEqual([]);
      expect(TR411.check(vow('X', {}), state, { today: TODAY })).toEqual([]);
    });
  }
});
