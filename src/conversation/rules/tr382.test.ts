import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, REGIE_START as start, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR382 } from './tr382.js';

const stopItem = {
  client: CLIENT,
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  datum: '2026-01-05',
  redenBeeindiging: '31',
  einddatum: '2026-02-01',
  statusAanlevering: '1',
};

describe("TR382: a stop carries its start's key elements unchanged", () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    it(`${standard}: passes for the start's key, fails with 9069 on a changed Begindatum or product`, () => {
      const state = new MemoryConversationState().putRegieVanClient(q, [start]);
      expect(TR382.check(cmk(standard, NUMMER.stop, { items: [stopItem] }), state, { today: TODAY })).toEqual([]);
      for (const changed of [{ datum: '2026-01-06' }, { code: '45A02' }, { toewijzingNummer: 'T2' }]) {
        const s = cmk(standard, NUMMER.stop, { items: [{ ...stopItem, ...changed }] });
        expect(TR382.check(s, state, { today: TODAY })).toEqual([
          expect.objectContaining({ rule: 'TR382', retourCode: '9069', path: s.items[0]!.path }),
        ]);
      }
    });
  }
  it('a removed start does not count; a removal of a stop (3) is not assessed', () => {
    const q = { standard: 'ijw' as const, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const removed = new MemoryConversationState().putRegieVanClient(q, [start, { ...start, statusAanlevering: '3' }]);
    expect(TR382.check(cmk('ijw', NUMMER.stop, { items: [stopItem] }), removed, { today: TODAY })).toHaveLength(1);
    expect(TR382.check(cmk('ijw', NUMMER.stop, { items: [{ ...stopItem, statusAanlevering: '3' }] }), removed, { today: TODAY })).toEqual(
      [],
    );
  });
});
