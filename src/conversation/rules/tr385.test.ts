import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import type { ConversationItem } from '../types.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR385 } from './tr385.js';

describe('TR385: no removing a toewijzing with approved, uncredited prestaties', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const st = (items: Partial<ConversationItem>[], goedgekeurd = true) => {
      const m = new MemoryConversationState();
      items.forEach((item, i) =>
        m.putPrestatie(
          { standard, aanbieder: AANBIEDER },
          {
            gemeente: GEMEENTE,
            declaratieIdentificatie: 'X',
            goedgekeurd,
            item: { kind: 'Prestatie', index: i + 1, path: `/${i}`, toewijzingNummer: 'T1', ...item },
          },
        ),
      );
      return m;
    };
    const verwijder = cmk(standard, NUMMER.toewijzing, {
      items: [{ kind: 'ToegewezenProduct', client: CLIENT, toewijzingNummer: 'T1', redenWijziging: '13' }],
    });
    const debet = { productReferentie: 'D1', debetCredit: 'D' };
    it(`${standard}: removing with an approved debet fails with 9385`, () => {
      expect(TR385.check(verwijder, st([debet]), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR385', retourCode: '9385', path: verwijder.items[0]!.path }),
      ]);
    });
    it(`${standard}: passes when the debet is credited or rejected, or the change is not a removal`, () => {
      expect(
        TR385.check(verwijder, st([debet, { productReferentie: 'C1', vorigReferentie: 'D1', debetCredit: 'C' }]), { today: TODAY }),
      ).toEqual([]);
      expect(TR385.check(verwijder, st([debet], false), { today: TODAY })).toEqual([]);
      const wijzig = cmk(standard, NUMMER.toewijzing, {
        items: [{ kind: 'ToegewezenProduct', client: CLIENT, toewijzingNummer: 'T1', redenWijziging: '01' }],
      });
      expect(TR385.vragen(wijzig)).toEqual([]);
      expect(TR385.check(wijzig, st([debet]), { today: TODAY })).toEqual([]);
    });
  }
});
