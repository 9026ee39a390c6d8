import { describe, expect, it } from 'vitest';
import { ANTWOORD_REFERENTIE_PAD, CLIENT, TODAY, antwoord319, metReferentie } from '../../../test/support/conversation-testkit.js';
import { TR359 } from './tr359.js';

const ctx = { today: TODAY };

describe('TR359: no antwoordbericht for a verzoek already toegewezen', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: fails with 9359 once a 301 carried the reference`, () => {
      expect(TR359.check(antwoord319(standard, '1'), metReferentie(standard, {}), ctx)).toEqual([]);
      expect(TR359.check(antwoord319(standard, '1'), metReferentie(standard, { toewijzingen: [{ client: CLIENT }] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR359', retourCode: '9359', path: ANTWOORD_REFERENTIE_PAD }),
      ]);
    });
  }
});
