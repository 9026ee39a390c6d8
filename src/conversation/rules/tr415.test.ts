import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR415 } from './tr415.js';

const start: RegieLijn = {
  soort: 'start',
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  begindatum: '2026-01-05',
  statusAanlevering: '1',
};
const tijdelijk: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '20', einddatum: '2026-02-01' };
const definitief: RegieLijn = { ...tijdelijk, redenBeeindiging: '31', einddatum: '2026-03-01' };
const stopItem = (o: object = {}) => ({
  path: '/Bericht/Client/StopProducten/StopProduct[1]',
  client: CLIENT,
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  datum: '2026-01-05',
  redenBeeindiging: '34',
  einddatum: '2026-04-01',
  statusAanlevering: '1',
  ...o,
});

describe('TR415: no further stop of a start that has a definitive stop', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const check = (lijnen: RegieLijn[], items: object[]) =>
      TR415.check(cmk(standard, NUMMER.stop, { items }), new MemoryConversationState().putRegieVanClient(q, lijnen), { today: TODAY });
    it(`${standard}: a definitive stop after a temporary one passes; any stop after a definitive one fails with 9415`, () => {
      expect(check([start, tijdelijk], [stopItem()])).toEqual([]);
      for (const redenBeeindiging of ['34', '20'])
        expect(check([start, definitief], [stopItem({ redenBeeindiging })])).toEqual([
          expect.objectContaining({ rule: 'TR415', retourCode: '9415', path: '/Bericht/Client/StopProducten/StopProduct[1]' }),
        ]);
    });
    it(`${standard}: a removed definitive stop, a correction in one bericht, a new start's stop, or the same stop again (TR074) passes`, () => {
      expect(check([start, definitief, { ...definitief, statusAanlevering: '3' }], [stopItem()])).toEqual([]);
      const weg = stopItem({ redenBeeindiging: '31', einddatum: '2026-03-01', statusAanlevering: '3' });
      expect(check([start, definitief], [weg, stopItem()])).toEqual([]);
      expect(check([start, definitief], [stopItem({ datum: '2026-03-10' })])).toEqual([]);
      expect(check([start, definitief], [stopItem({ redenBeeindiging: '31', einddatum: '2026-03-01' })])).toEqual([]);
    });
  }
});
