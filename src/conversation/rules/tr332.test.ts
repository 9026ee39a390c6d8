import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, OTHER_CLIENT, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR332 } from './tr332.js';

const line = { client: CLIENT, toewijzingNummer: 'T1', categorie: '45', code: '45A01' };
const gebruik = { toewijzingNummer: 'T1', aanbieder: AANBIEDER, client: CLIENT, categorie: '45', code: '45A01' };

describe('TR332: a ToewijzingNummer is one toegewezen product per gemeente per domain', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.toewijzing, { items: [line] });
    const met = (g: object) =>
      new MemoryConversationState().putToewijzingNummerGebruik({ standard, gemeente: GEMEENTE }, { ...gebruik, ...g });
    it(`${standard}: a new number, or the same product sent again, passes`, () => {
      expect(TR332.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
      expect(TR332.check(s, met({}), { today: TODAY })).toEqual([]);
    });
    it(`${standard}: the number used for another aanbieder, client or product fails with 9332 on the line`, () => {
      for (const g of [{ aanbieder: '87654321' }, { client: OTHER_CLIENT }, { code: '45A02' }]) {
        expect(TR332.check(s, met(g), { today: TODAY })).toEqual([
          expect.objectContaining({ rule: 'TR332', retourCode: '9332', path: s.items[0]!.path }),
        ]);
      }
    });
  }
  it('asks one question for all the numbers of the 301', () => {
    const s = cmk('ijw', NUMMER.toewijzing, { items: [line, { ...line, toewijzingNummer: 'T2' }, line] });
    expect(TR332.vragen(s)).toEqual([
      { ask: 'toewijzingNummers', q: { standard: 'ijw', gemeente: GEMEENTE, toewijzingNummers: ['T1', 'T2'] } },
    ]);
  });
});
