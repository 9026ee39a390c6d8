import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, OTHER_CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR304 } from './tr304.js';

describe('TR304: the Bsn is that of the client of the referenced toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a' });
    for (const nummer of [NUMMER.declaratie, NUMMER.verzoekOmWijziging]) {
      const s = cmk(standard, nummer, {
        items: [
          { client: CLIENT, toewijzingNummer: 'T1' },
          { client: OTHER_CLIENT, toewijzingNummer: 'T1' },
          { client: OTHER_CLIENT, toewijzingNummer: 'T2' },
        ],
      });
      it(`${standard} ${nummer}: the toewijzing's client passes, another fails with 8187, an unknown number is not assessed`, () => {
        expect(TR304.vragen(s).map((q) => q.ask)).toEqual(['toewijzingClienten', 'toewijzingClienten', 'toewijzingClienten']);
        expect(TR304.check(s, state, { today: TODAY })).toEqual([
          expect.objectContaining({ rule: 'TR304', retourCode: '8187', path: s.items[1]!.path }),
        ]);
      });
    }
  }
});
