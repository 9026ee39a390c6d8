import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { OTHER_CLIENT, TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR350 } from './tr350.js';

describe('TR350: an OngewijzigdProduct names an actuele toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToewijzingenVanClient(ck(standard), [toegewezen('T1'), toegewezen('T3', { einddatum: '2026-03-31' })])
      .putToewijzingenVanClient(ck(standard, OTHER_CLIENT), [toegewezen('T2', { client: OTHER_CLIENT })]);
    const s = cmk(standard, NUMMER.verzoekOmWijziging, {
      items: ['T1', 'T2', 'T3'].map((t, i) => vowItem('OngewijzigdProduct', i + 1, { toewijzingNummer: t })),
    });
    it(`${standard}: T1 passes; T2 (another client's) and T3 (ended) fail with 9350 on their line`, () => {
      const f = TR350.check(s, state, { today: TODAY });
      expect(f.map((x) => [x.rule, x.retourCode, x.path])).toEqual([
        ['TR350', '9350', s.items[1]!.path],
        ['TR350', '9350', s.items[2]!.path],
      ]);
      expect(f[1]!.text).toContain('no longer actueel');
    });
  }
  it('TeWijzigenProducten are not its business', () => {
    const s = cmk('ijw', NUMMER.verzoekOmWijziging, { items: [vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'T9' })] });
    expect(TR350.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
  });
});
