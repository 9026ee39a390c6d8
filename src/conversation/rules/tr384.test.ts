import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR384 } from './tr384.js';

describe('TR384: no declaring on a removed toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', redenWijziging: '13' })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b', redenWijziging: '01' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T2' },
        { client: CLIENT, toewijzingNummer: 'T1' },
      ],
    });
    it(`${standard}: another RedenWijziging passes, 13 fails with 9384`, () => {
      expect(TR384.check(s, state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR384', retourCode: '9384', path: s.items[1]!.path }),
      ]);
    });
  }
});
