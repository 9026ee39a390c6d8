import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, REGIE_START as start, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR071 } from './tr071.js';

const stop: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '31', einddatum: '2026-02-01' };

describe('TR071: a start with a stop cannot be removed', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const s = cmk(standard, NUMMER.start, {
      items: [{ client: CLIENT, toewijzingNummer: 'T1', categorie: '45', code: '45A01', datum: '2026-01-05', statusAanlevering: '3' }],
    });
    it(`${standard}: passes without a stop (or after its removal), fails with 9071 with one`, () => {
      expect(TR071.check(s, new MemoryConversationState().putRegieVanClient(q, [start]), { today: TODAY })).toEqual([]);
      const undone = new MemoryConversationState().putRegieVanClient(q, [start, stop, { ...stop, statusAanlevering: '3' }]);
      expect(TR071.check(s, undone, { today: TODAY })).toEqual([]);
      const f = TR071.check(s, new MemoryConversationState().putRegieVanClient(q, [start, stop]), { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR071', retourCode: '9071', path: s.items[0]!.path })]);
    });
  }
  it('a stop of another start (other Begindatum) does not count; a new start (1) is not assessed', () => {
    const q = { standard: 'ijw' as const, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const state = new MemoryConversationState().putRegieVanClient(q, [start, { ...stop, begindatum: '2025-01-01' }]);
    const item = { client: CLIENT, toewijzingNummer: 'T1', categorie: '45', code: '45A01', datum: '2026-01-05' };
    expect(TR071.check(cmk('ijw', NUMMER.start, { items: [{ ...item, statusAanlevering: '3' }] }), state, { today: TODAY })).toEqual([]);
    const stopped = new MemoryConversationState().putRegieVanClient(q, [start, stop]);
    expect(TR071.check(cmk('ijw', NUMMER.start, { items: [{ ...item, statusAanlevering: '1' }] }), stopped, { today: TODAY })).toEqual([]);
  });
});
