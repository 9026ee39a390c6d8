import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR357 } from './tr357.js';

// cmk's Dagtekening is 2026-04-02.
describe('TR357: a change not in the future starts on the Ingangsdatum', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [toegewezen('T1', { datum: '2026-01-01' })]);
    const vow = (datum: string) =>
      cmk(standard, NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'T1', datum })] });
    it(`${standard}: a future date or the Ingangsdatum passes; a past date other than it fails with 9357`, () => {
      expect(TR357.check(vow('2026-05-01'), state, { today: TODAY })).toEqual([]);
      expect(TR357.check(vow('2026-01-01'), state, { today: TODAY })).toEqual([]);
      for (const d of ['2026-03-01', '2026-04-02'])
        expect(TR357.check(vow(d), state, { today: TODAY })).toEqual([
          expect.objectContaining({
            rule: 'TR357',
            retourCode: '9357',
            path: '/Bericht/Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct[1]',
          }),
        ]);
    });
  }
  it('an unknown toewijzing is left to TR351', () => {
    const s = cmk('ijw', NUMMER.verzoekOmWijziging, {
      items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'T9', datum: '2026-03-01' })],
    });
    expect(TR357.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
  });
});
