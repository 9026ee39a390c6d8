import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { ReferentieHistorie } from '../types.js';
import { TR359 } from './tr359.js';

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

describe('TR359: no antwoordbericht for a verzoek already toegewezen', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: fails with 9359 once a 301 carried the reference`, () => {
      expect(TR359.check(antwoord(standard, '1'), met(standard, {}), ctx)).toEqual([]);
      expect(TR359.check(antwoord(standard, '1'), met(standard, { toewijzingen: [{ client: CLIENT }] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR359', retourCode: '9359', path: PAD }),
      ]);
    });
  }
  it('asks one referenties question for a 319 and none for other berichten', () => {
    expect(TR359.vragen(antwoord('ijw', '2'))).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
    expect(TR359.vragen(cmk('ijw', NUMMER.verzoekOmToewijzing))).toEqual([]);
  });
});
