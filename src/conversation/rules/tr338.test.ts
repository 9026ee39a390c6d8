import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, OTHER_CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR338 } from './tr338.js';

describe('TR338: a prestatie relates to a toegewezen product by its ToewijzingNummer', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1' },
        { client: OTHER_CLIENT, toewijzingNummer: 'T1' },
      ],
    });
    const state = new MemoryConversationState().putToewijzing(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/x' });
    it(`${standard}: passes for the client the product was assigned to, fails with 9338 for another`, () => {
      const f = TR338.check(s, state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR338', retourCode: '9338', path: s.items[1]!.path })]);
      expect(f[0]!.text).toContain('REF2');
    });
  }
  it('does not apply to other berichten', () => {
    const s = cmk('ijw', NUMMER.start, { items: [{ client: CLIENT, toewijzingNummer: 'T1' }] });
    expect(TR338.vragen(s)).toEqual([]);
    expect(TR338.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
  });
});
