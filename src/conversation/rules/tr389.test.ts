import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import type { ConversationItem } from '../types.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR389 } from './tr389.js';

const periode = { datum: '2026-03-01', einddatum: '2026-03-31', categorie: '45', code: '45A03' };

describe('TR389: one debet per period, product and toewijzing unless credited', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const st = (more: Partial<ConversationItem>[] = [], goedgekeurd = true) => {
      const m = new MemoryConversationState();
      [{ productReferentie: 'D1', debetCredit: 'D', ...periode }, ...more].forEach((item, i) =>
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
    const debet = { client: CLIENT, toewijzingNummer: 'T1', productReferentie: 'D2', debetCredit: 'D', ...periode };
    const s = cmk(standard, NUMMER.declaratie, { items: [debet] });
    it(`${standard}: a second debet fails with 9389`, () => {
      expect(TR389.vragen(s)).toEqual([
        { ask: 'prestatiesOpToewijzing', q: { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, toewijzingNummer: 'T1' } },
      ]);
      expect(TR389.check(s, st(), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR389', retourCode: '9389', path: s.items[0]!.path }),
      ]);
    });
    it(`${standard}: passes after a credit (earlier or in this bericht), for another period, or when the first was rejected`, () => {
      expect(
        TR389.check(s, st([{ productReferentie: 'C1', vorigReferentie: 'D1', debetCredit: 'C', ...periode }]), { today: TODAY }),
      ).toEqual([]);
      const metCredit = cmk(standard, NUMMER.declaratie, {
        items: [{ productReferentie: 'C1', vorigReferentie: 'D1', debetCredit: 'C', ...periode }, debet],
      });
      expect(TR389.check(metCredit, st(), { today: TODAY })).toEqual([]);
      const april = cmk(standard, NUMMER.declaratie, { items: [{ ...debet, datum: '2026-04-01', einddatum: '2026-04-30' }] });
      expect(TR389.check(april, st(), { today: TODAY })).toEqual([]);
      expect(TR389.check(s, st([], false), { today: TODAY })).toEqual([]);
    });
  }
});
