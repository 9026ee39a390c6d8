import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR319 } from './tr319.js';

describe('TR319: prestaties of the current or an earlier declaratieperiode only', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = {
      ...cmk(standard, NUMMER.declaratie, {
        items: [
          { datum: '2026-03-01', einddatum: '2026-03-31' },
          { datum: '2026-01-01', einddatum: '2026-01-31' },
          { datum: '2026-04-01', einddatum: '2026-04-30' },
        ],
      }),
      declaratie: { periodeBegin: '2026-03-01', periodeEind: '2026-03-31' },
    };
    it(`${standard}: this month and earlier pass, a later month fails with 9319`, () => {
      expect(TR319.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR319', retourCode: '9319', path: s.items[2]!.path }),
      ]);
    });
  }
});
