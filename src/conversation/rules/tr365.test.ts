import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { ReferentieHistorie } from '../types.js';
import { TR365 } from './tr365.js';

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

describe('TR365: an earlier answer must have said "in onderzoek"', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: after an earlier answer only when that said "in onderzoek"`, () => {
      expect(TR365.check(antwoord(standard, '1'), met(standard, { antwoorden: ['2'] }), ctx)).toEqual([]);
      expect(TR365.check(antwoord(standard, '1'), met(standard, {}), ctx)).toEqual([]);
      expect(TR365.check(antwoord(standard, '1'), met(standard, { antwoorden: ['2', '1'] }), ctx)).toEqual([
        expect.objectContaining({ rule: 'TR365', retourCode: '9365', path: PAD }),
      ]);
    });
  }
  it('asks one referenties question for a 319 and none for other berichten', () => {
    expect(TR365.vragen(antwoord('ijw', '2'))).toEqual([
      { ask: 'referenties', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, referenties: ['R1'] } },
    ]);
    expect(TR365.vragen(cmk('ijw', NUMMER.verzoekOmToewijzing))).toEqual([]);
  });
});
