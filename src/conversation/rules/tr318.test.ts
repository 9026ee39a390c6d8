import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, GEMEENTE, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR318 } from './tr318.js';

describe('TR318: DeclaratiePerioden follow each other', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const pair = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER };
    const state = new MemoryConversationState().putDeclaratieRegel(pair, {
      gemeente: GEMEENTE,
      identificatie: 'D1',
      periodeBegin: '2026-05-01',
    });
    const decl = (begin: string, prestatie = begin) => ({
      ...cmk(standard, NUMMER.declaratie, { items: [{ datum: prestatie }] }),
      declaratie: { periodeBegin: begin },
    });
    it(`${standard}: the next month passes; a gap without prestaties in it passes`, () => {
      expect(TR318.vragen(decl('2026-06-01'))).toEqual([{ ask: 'eerdereDeclaraties', q: pair }]);
      expect(TR318.check(decl('2026-06-01'), state, { today: TODAY })).toEqual([]);
      expect(TR318.check(decl('2026-09-01'), state, { today: TODAY })).toEqual([]);
      expect(TR318.check(decl('2026-06-01'), new MemoryConversationState(), { today: TODAY })).toEqual([]);
    });
    it(`${standard}: a second 323 in the same period passes (a separate credit declaratie)`, () => {
      expect(TR318.check(decl('2026-05-01'), state, { today: TODAY })).toEqual([]);
    });
    it(`${standard}: an earlier month fails with 8214, and so does a gap with care in it`, () => {
      expect(TR318.check(decl('2026-04-01'), state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR318', retourCode: '8214', path: '/Bericht/Declaratie/DeclaratiePeriode' }),
      ]);
      expect(TR318.check(decl('2026-09-01', '2026-07-01'), state, { today: TODAY })).toHaveLength(1);
    });
  }
});
