import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR333 } from './tr333.js';

describe('TR333: DeclaratieNummer unique per aanbieder per domain', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.declaratie, { declaratieNummer: 'DN1' });
    it(`${standard}: passes for a new number, fails with 9333 on the Declaratie for a used one`, () => {
      expect(TR333.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
      const used = new MemoryConversationState().putDeclaratie({ standard, aanbieder: AANBIEDER, declaratieNummer: 'DN1' });
      expect(TR333.check(s, used, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR333', retourCode: '9333', path: '/Bericht/Declaratie' }),
      ]);
    });
  }
  it('the other domain is another number space', () => {
    const s = cmk('iwmo', NUMMER.declaratie, { declaratieNummer: 'DN1' });
    const used = new MemoryConversationState().putDeclaratie({ standard: 'ijw', aanbieder: AANBIEDER, declaratieNummer: 'DN1' });
    expect(TR333.check(s, used, { today: TODAY })).toEqual([]);
    expect(TR333.vragen(s)).toEqual([{ ask: 'declaratieBekend', q: { standard: 'iwmo', aanbieder: AANBIEDER, declaratieNummer: 'DN1' } }]);
  });
});
