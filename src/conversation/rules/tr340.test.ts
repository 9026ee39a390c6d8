import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR340 } from './tr340.js';

describe('TR340: ProductCode as toegewezen', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', categorie: '45', code: '45A03' })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b', categorie: '45' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', code: '45A03' },
        { client: CLIENT, toewijzingNummer: 'T1', code: '45A04' },
        { client: CLIENT, toewijzingNummer: 'T2', code: '45A04' },
      ],
    });
    it(`${standard}: the same code passes; another fails with 9340; a toewijzing without code is not assessed`, () => {
      const f = TR340.check(s, state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR340', retourCode: '9340', path: s.items[1]!.path })]);
      expect(f[0]!.text).toContain('45A04');
    });
  }
});
