import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { ReferentieHistorie } from '../types.js';
import { TR360 } from './tr360.js';

const antwoord = (standard: 'ijw' | 'iwmo', verzoekAntwoord: string) =>
  cmk(standard, NUMMER.antwoordbericht, { antwoord: { referentieAanbieder: 'R1', verzoekAntwoord } });
const met = (standard: 'ijw' | 'iwmo', h: Partial<ReferentieHistorie>) =>
  new MemoryConversationState().putReferentie(
    { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER },
    {
      referentieAanbieder: 'R1',
      verzoeken: [{ nummer: NUMMER.verzoekOmToewijzing, client: CLIENT }],
      toewijzingen: [],
      antwoorden: [],
      ...h,
    },
  );
const ctx = { today: TODAY };
const PAD = '/Bericht/Antwoord/ReferentieAanbieder';

describe('TR360: "in onderzoek" only as the first answer', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: "in onderzoek" only as the first answer`, () => {
      expect(TR360.check(antwoord(standard, '2'), met(standard, {}), ctx)).toEqual([]);
      expect(TR360.check(antwoord(standard, '2'), met(standard, { antwoorden: ['2'] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR360', retourCode: '9360', path: PAD }),
      ]);
      expect(TR360.check(antwoord(standard, '1'), met(standard, { antwoorden: ['2'] }), ctx)).toEqual([]);
    });
  }
  it('asks one referenties question for a 319 and none for other berichten', () => {
    expect(TR360.vragen(antwoord('ijw', '2'))).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
    expect(TR360.vragen(cmk('ijw', NUMMER.verzoekOmToewijzing))).toEqual([]);
  });
});
