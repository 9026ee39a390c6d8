import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR414 } from './tr414.js';

const start: RegieLijn = {
  soort: 'start',
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  begindatum: '2026-01-05',
  statusAanlevering: '1',
};
const tijdelijk: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '20', einddatum: '2026-02-01' };
const stopItem = (o: object = {}) => ({
  path: '/Bericht/Client/StopProducten/StopProduct[1]',
  client: CLIENT,
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  datum: '2026-01-05',
  redenBeeindiging: '31',
  einddatum: '2026-03-01',
  statusAanlevering: '1',
  ...o,
});

describe('TR414: a stop after a stop of the same start does not end before it', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const check = (lijnen: RegieLijn[], items: object[]) =>
      TR414.check(cmk(standard, NUMMER.stop, { items }), new MemoryConversationState().putRegieVanClient(q, lijnen), { today: TODAY });
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
