import { describe, expect, it } from 'vitest';
import { MemoryConversationState } from '../state.js';
import { ANTWOORD_REFERENTIE_PAD, TODAY, antwoord319, metReferentie } from '../../../test/support/conversation-testkit.js';
import { TR355 } from './tr355.js';

const ctx = { today: TODAY };

describe("TR355: the answered ReferentieAanbieder is an earlier verzoek's", () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: passes for a known verzoek, fails with 9355 for an unknown one`, () => {
      expect(TR355.check(antwoord319(standard, '1'), metReferentie(standard, {}), ctx)).toEqual([]);
      expect(TR355.check(antwoord319(standard, '1'), metReferentie(standard, { verzoeken: [] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR355', retourCode: '9355', path: ANTWOORD_REFERENTIE_PAD }),
      ]);
      expect(TR355.check(antwoord319(standard, '1'), new MemoryConversationState(), ctx)).toHaveLength(1);
    });
  }
});
