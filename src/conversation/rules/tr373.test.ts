import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR373 } from './tr373.js';

describe('TR373: a Budget or total change starts on the Ingangsdatum', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [
      toegewezen('B', { datum: '2026-01-01', budgetWaarde: '100000' }),
      toegewezen('V', { datum: '2026-01-01', omvang: { volume: '40', eenheid: '04', frequentie: '6' } }),
    ]);
    const vow = (toewijzingNummer: string, datum: string, o: object) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer, datum, ...o })] });
    it(`${standard}: a Budget change from the Ingangsdatum passes, from a later date fails with 9373`, () => {
      expect(TR373.check(vow('B', '2026-01-01', { budgetWaarde: '120000' }), state, { today: TODAY })).toEqual([]);
      expect(TR373.check(vow('B', '2026-05-01', { budgetWaarde: '100000' }), state, { today: TODAY })).toEqual([]);
      expect(TR373.check(vow('B', '2026-05-01', { budgetWaarde: '120000' }), state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR373', retourCode: '9373' }),
      ]);
    });
    it(`${standard}: a change of a total (Frequentie 6) likewise; a weekly Omvang may change later`, () => {
      const totaal = { omvang: { volume: '60', eenheid: '04', frequentie: '6' } };
      expect(TR373.check(vow('V', '2026-05-01', totaal), state, { today: TODAY })).toHaveLength(1);
      expect(TR373.check(vow('V', '2026-01-01', totaal), state, { today: TODAY })).toEqual([]);
      expect(
        TR373.check(vow('V', '2026-05-01', { omvang: { volume: '3', eenheid: '04', frequentie: '2' } }), state, { today: TODAY }),
      ).toEqual([]);
    });
  }
});
