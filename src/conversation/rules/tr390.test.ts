import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR390 } from './tr390.js';

describe('TR390: a debet is credited once', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const st = new MemoryConversationState();
    const put = (ref: string, vorig: string, goedgekeurd: boolean) =>
      st.putPrestatie(
        { standard, aanbieder: AANBIEDER },
        {
          gemeente: GEMEENTE,
          declaratieIdentificatie: 'D2',
          goedgekeurd,
          item: { kind: 'Prestatie', index: 1, path: `/${ref}`, productReferentie: ref, vorigReferentie: vorig, debetCredit: 'C' },
        },
      );
    put('C1', 'D1', true);
    put('C2', 'D2', false);
    const credit = (ref: string, vorig: string) => ({ productReferentie: ref, vorigReferentie: vorig, debetCredit: 'C' });
    const s = cmk(standard, NUMMER.declaratie, { items: [credit('N1', 'D1'), credit('N2', 'D2'), credit('N3', 'D3')] });
    it(`${standard}: a second credit of D1 fails with 9390; after a rejected credit, or a first one, passes`, () => {
      expect(TR390.check(s, st, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR390', retourCode: '9390', path: s.items[0]!.path }),
      ]);
    });
  }
});
