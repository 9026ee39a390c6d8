import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR351 } from './tr351.js';

describe('TR351: a TeWijzigenProduct names an actuele toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [
      toegewezen('T1'),
      toegewezen('T2', { datum: '2026-05-01', einddatum: '2026-05-01', redenWijziging: '13' }),
    ]);
    it(`${standard}: T1 passes; T2 (verwijderd) and T9 (unknown) fail with 9351`, () => {
      const s = cmk(standard, NUMMER.verzoekOmWijziging, {
        items: ['T1', 'T2', 'T9'].map((t, i) => vowItem('TeWijzigenProduct', i + 1, { toewijzingNummer: t })),
      });
      const f = TR351.check(s, state, { today: TODAY });
      expect(f.map((x) => [x.rule, x.retourCode, x.path])).toEqual([
        ['TR351', '9351', s.items[1]!.path],
        ['TR351', '9351', s.items[2]!.path],
      ]);
      expect(f[1]!.text).toContain('T9');
    });
  }
});
