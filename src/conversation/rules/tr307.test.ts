import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR307 } from './tr307.js';

describe('TR307: ProductPeriode begins on or after the toewijzing’s Ingangsdatum', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToegewezen(tq(standard, 'T1'), {
      kind: 'ToegewezenProduct',
      index: 1,
      path: '/a',
      datum: '2026-03-15',
    });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', datum: '2026-03-15' },
        { client: CLIENT, toewijzingNummer: 'T1', datum: '2026-03-01' },
      ],
    });
    it(`${standard}: on the Ingangsdatum passes, before it fails with 9307`, () => {
      const f = TR307.check(s, state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR307', retourCode: '9307', path: s.items[1]!.path })]);
      expect(f[0]!.text).toContain('2026-03-15');
    });
  }
});
