import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR347 } from './tr347.js';

describe('TR347: ReferentieAanbieder unique per aanbieder per domain', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const used = new MemoryConversationState().putReferentieGebruikt({ standard, aanbieder: AANBIEDER, referentieAanbieder: 'R1' });
    it(`${standard} 315: a new reference passes, a used one fails with 9347 on its AangevraagdProduct`, () => {
      const s = cmk(standard, NUMMER.verzoekOmToewijzing, {
        items: [
          { client: CLIENT, referentieAanbieder: 'R2', path: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]' },
          { client: CLIENT, referentieAanbieder: 'R1', path: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]' },
        ],
      });
      expect(TR347.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
      expect(TR347.check(s, used, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR347', retourCode: '9347', path: '/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[2]' }),
      ]);
      expect(TR347.vragen(s)).toEqual([{ ask: 'referentiesGebruikt', q: { standard, aanbieder: AANBIEDER, referenties: ['R2', 'R1'] } }]);
    });
    it(`${standard} 317: the Verzoek's reference`, () => {
      const s = cmk(standard, NUMMER.verzoekOmWijziging, { verzoekReferentie: 'R1' });
      expect(TR347.check(s, used, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR347', retourCode: '9347', path: '/Bericht/Client/Verzoek/ReferentieAanbieder' }),
      ]);
      expect(TR347.check(cmk(standard, NUMMER.verzoekOmWijziging, { verzoekReferentie: 'R3' }), used, { today: TODAY })).toEqual([]);
    });
  }
  it('another aanbieder or domain is another number space', () => {
    const s = cmk('iwmo', NUMMER.verzoekOmWijziging, { verzoekReferentie: 'R1' });
    const other = new MemoryConversationState().putReferentieGebruikt({ standard: 'ijw', aanbieder: AANBIEDER, referentieAanbieder: 'R1' });
    expect(TR347.check(s, other, { today: TODAY })).toEqual([]);
  });
});
