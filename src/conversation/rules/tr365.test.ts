import { describe, expect, it } from 'vitest';
import { ANTWOORD_REFERENTIE_PAD, TODAY, antwoord319, metReferentie } from '../../../test/support/conversation-testkit.js';
import { TR365 } from './tr365.js';

const ctx = { today: TODAY };

describe('TR365: an earlier answer must have said "in onderzoek"', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: after an earlier answer only when that said "in onderzoek"`, () => {
      expect(TR365.check(antwoord319(standard, '1'), metReferentie(standard, { antwoorden: ['2'] }), ctx)).toEqual([]);
      expect(TR365.check(antwoord319(standard, '1'), metReferentie(standard, {}), ctx)).toEqual([]);
      expect(TR365.check(antwoord319(standard, '1'), metReferentie(standard, { antwoorden: ['2', '1'] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR365', retourCode: '9365', path: ANTWOORD_REFERENTIE_PAD }),
      ]);
    });
  }
});
