import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { ReferentieHistorie } from '../types.js';
import { TR355 } from './tr355.js';

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

describe("TR355: the answered ReferentieAanbieder is an earlier verzoek's", () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: passes for a known verzoek, fails with 9355 for an unknown one`, () => {
      expect(TR355.check(antwoord(standard, '1'), met(standard, {}), ctx)).toEqual([]);
      expect(TR355.check(antwoord(standard, '1'), met(standard, { verzoeken: [] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR355', retourCode: '9355', path: PAD }),
      ]);
      expect(TR355.check(antwoord(standard, '1'), new MemoryConversationState(), ctx)).toHaveLength(1);
    });
  }
  it('asks one referenties question for a 319 and none for other berichten', () => {
    expect(TR355.vragen(antwoord('ijw', '2'))).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
    expect(TR355.vragen(cmk('ijw', NUMMER.verzoekOmToewijzing))).toEqual([]);
  });
});
