import { describe, expect, it } from 'vitest';
import { REGIE_START as start, stopCheck, stopItemVanStart } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR415 } from './tr415.js';

const tijdelijk: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '20', einddatum: '2026-02-01' };
const definitief: RegieLijn = { ...tijdelijk, redenBeeindiging: '31', einddatum: '2026-03-01' };
/** A StopProduct of a 307 for that start, by default with the reden and Einddatum this rule is about. */
const stopItem = (o: object = {}) => stopItemVanStart({ redenBeeindiging: '34', einddatum: '2026-04-01', ...o });

describe('TR415: no further stop of a start that has a definitive stop', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const check = stopCheck(TR415, standard);
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
