import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR374 } from './tr374.js';

describe('TR374: no second verzoek while one is in behandeling for the client', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    for (const nummer of [NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging]) {
      const s = cmk(standard, nummer, { items: [{ client: CLIENT, path: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]' }] });
      const q = { standard, aanbieder: AANBIEDER, client: CLIENT };
      it(`${standard} ${nummer}: passes without an open verzoek, fails with 9374 on the Client with one`, () => {
        expect(TR374.check(s, new MemoryConversationState().putOpenVerzoeken(q, []), { today: TODAY })).toEqual([]);
        const open = new MemoryConversationState().putOpenVerzoeken(q, [{ referentieAanbieder: 'R1', gemeente: '0321' }]);
        const f = TR374.check(s, open, { today: TODAY });
        expect(f).toEqual([expect.objectContaining({ rule: 'TR374', retourCode: '9374', path: '/Bericht/Client' })]);
        expect(f[0]!.text).toContain('R1');
      });
    }
  }
});
