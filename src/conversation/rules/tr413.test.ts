import { describe, expect, it } from 'vitest';
import { REGIE_START as start, stopCheck, stopItemVanStart } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR413 } from './tr413.js';

const tijdelijk: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '20', einddatum: '2026-02-01' };
/** A StopProduct of a 307 for that start, by default with the reden and Einddatum this rule is about. */
const stopItem = (o: object = {}) => stopItemVanStart({ redenBeeindiging: '20', einddatum: '2026-03-01', ...o });

describe('TR413: a start is stopped temporarily (RedenBeeindiging 20) at most once', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const check = stopCheck(TR413, standard);
    it(`${standard}: a first temporary stop, or a definitive one after it, passes; a second temporary stop fails with 9413`, () => {
      expect(check([start], [stopItem()])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem({ redenBeeindiging: standard === 'ijw' ? '31' : '19' })])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem()])).toEqual([
        expect.objectContaining({ rule: 'TR413', retourCode: '9413', path: '/Bericht/Client/StopProducten/StopProduct[1]' }),
      ]);
    });
    it(`${standard}: a removed temporary stop, one of another start, or the same stop again (TR074) does not count`, () => {
      expect(check([start, tijdelijk, { ...tijdelijk, statusAanlevering: '3' }], [stopItem()])).toEqual([]);
      expect(check([start, { ...tijdelijk, begindatum: '2025-12-01' }], [stopItem()])).toEqual([]);
      expect(check([start, tijdelijk], [stopItem({ einddatum: '2026-02-01' })])).toEqual([]);
      // A correction: the earlier temporary stop removed (3) in the same bericht, in any order.
      const weg = stopItem({ einddatum: '2026-02-01', statusAanlevering: '3' });
      expect(check([start, tijdelijk], [stopItem(), weg])).toEqual([]);
      // A removal (3) itself is TR063's.
      expect(check([start, tijdelijk, { ...tijdelijk, einddatum: '2026-03-01' }], [weg])).toEqual([]);
    });
  }
});
