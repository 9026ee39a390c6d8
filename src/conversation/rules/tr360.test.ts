import { describe, expect, it } from 'vitest';
import { ANTWOORD_REFERENTIE_PAD, TODAY, antwoord319, metReferentie } from '../../../test/support/conversation-testkit.js';
import { TR360 } from './tr360.js';

const ctx = { today: TODAY };

describe('TR360: "in onderzoek" only as the first answer', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: "in onderzoek" only as the first answer`, () => {
      expect(TR360.check(antwoord319(standard, '2'), metReferentie(standard, {}), ctx)).toEqual([]);
      expect(TR360.check(antwoord319(standard, '2'), metReferentie(standard, { antwoorden: ['2'] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR360', retourCode: '9360', path: ANTWOORD_REFERENTIE_PAD }),
      ]);
      expect(TR360.check(antwoord319(standard, '1'), metReferentie(standard, { antwoorden: ['2'] }), ctx)).toEqual([]);
    });
  }
});
