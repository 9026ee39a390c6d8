import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR323 } from './tr323.js';

const state = (standard: 'ijw' | 'iwmo') => {
  const st = new MemoryConversationState();
  const put = (ref: string, debetCredit: string, goedgekeurd: boolean) =>
    st.putPrestatie(
      { standard, aanbieder: AANBIEDER },
      {
        gemeente: GEMEENTE,
        declaratieIdentificatie: 'D1',
        goedgekeurd,
        item: { kind: 'Prestatie', index: 1, path: `/${ref}`, productReferentie: ref, debetCredit },
      },
    );
  put('OK', 'D', true);
  put('AF', 'D', false);
  put('CR', 'C', true);
  return st;
};

describe('TR323: a credit names an earlier approved debet', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const credit = (vorig: string) => ({ productReferentie: `X${vorig}`, vorigReferentie: vorig, debetCredit: 'C' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [credit('OK'), credit('AF'), credit('CR'), credit('NONE'), { productReferentie: 'D9', debetCredit: 'D' }],
    });
    it(`${standard}: crediting an approved debet passes; a rejected debet, a credit or an unknown number fails with 8017`, () => {
      const f = TR323.check(s, state(standard), { today: TODAY });
      expect(f.map((x) => [x.rule, x.retourCode, x.path])).toEqual([1, 2, 3].map((i) => ['TR323', '8017', s.items[i]!.path]));
      expect(f[0]!.text).toContain('rejected');
    });
  }
});
