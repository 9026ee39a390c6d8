import { describe, expect, it } from 'vitest';
import { REGIE_START as start, stopCheck, stopItemVanStart } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR414 } from './tr414.js';

const tijdelijk: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '20', einddatum: '2026-02-01' };
/** A StopProduct of a 307 for that start, by default with the reden and Einddatum this rule is about. */
const stopItem = (o: object = {}) => stopItemVanStart({ redenBeeindiging: '31', einddatum: '2026-03-01', ...o });

describe('TR414: a stop after a stop of the same start does not end before it', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const check = stopCheck(TR414, standard);
    it(`${standard}: a definitive stop on or after the temporary stop's Einddatum passes; one before it fails with 9414`, () => {
      expect(check([start, tijdelijk], [stopItem()])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem({ einddatum: '2026-02-01' })])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem({ einddatum: '2026-01-20' })])).toEqual([
        expect.objectContaining({ rule: 'TR414', retourCode: '9414', path: '/Bericht/Client/StopProducten/StopProduct[1]' }),
      ]);
    });
    it(`${standard}: a removed stop, a stop of another start, or a removal (3) is outside the rule`, () => {
      expect(check([start, tijdelijk, { ...tijdelijk, statusAanlevering: '3' }], [stopItem({ einddatum: '2026-01-20' })])).toEqual([]);
      expect(check([start, { ...tijdelijk, toewijzingNummer: 'T2' }], [stopItem({ einddatum: '2026-01-20' })])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem({ einddatum: '2026-01-20', statusAanlevering: '3' })])).toEqual([]);
      // A correction to an earlier Einddatum: the old stop removed (3) in the same bericht.
      const oud: RegieLijn = { ...tijdelijk, redenBeeindiging: '31', einddatum: '2026-03-01' };
      const weg = stopItem({ statusAanlevering: '3' });
      expect(check([start, oud], [stopItem({ einddatum: '2026-02-15' }), weg])).toEqual([]);
    });
  }
});
