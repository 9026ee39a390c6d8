import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR308 } from './tr308.js';

describe('TR308: ProductPeriode ends on or before the toewijzing’s Einddatum', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', einddatum: '2026-03-20' })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', einddatum: '2026-03-20' },
        { client: CLIENT, toewijzingNummer: 'T1', einddatum: '2026-03-31' },
        { client: CLIENT, toewijzingNummer: 'T2', einddatum: '2026-03-31' },
      ],
    });
    it(`${standard}: on the Einddatum passes, after it fails with 9308, an open toewijzing passes`, () => {
      expect(TR308.check(s, state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR308', retourCode: '9308', path: s.items[1]!.path }),
      ]);
    });
  }
});
