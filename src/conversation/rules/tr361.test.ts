import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR361 } from './tr361.js';

describe('TR361: the same product only with periods that do not overlap', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const { code: _c, ...aspecifiek } = toegewezen('A', { categorie: '54' });
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [
      toegewezen('T1', { code: '45A01', datum: '2026-01-01', einddatum: '2026-12-31' }),
      toegewezen('T2', { code: '54002', categorie: '54', datum: '2026-01-01', einddatum: '2026-12-31' }),
      aspecifiek,
    ]);
    const vow = (...items: ReturnType<typeof vowItem>[]) => cmk(standard, NUMMER.verzoekOmWijziging, { items });
    it(`${standard}: other products, or the same after the toewijzing ends, pass`, () => {
      const s = vow(
        vowItem('OngewijzigdProduct', 1, { toewijzingNummer: 'T1' }),
        vowItem('NieuwProduct', 1, { categorie: '45', code: '45A01', datum: '2027-01-01', einddatum: '2027-06-30' }),
        vowItem('NieuwProduct', 2, { categorie: '55', code: '55B01', datum: '2026-05-01' }),
      );
      expect(TR361.check(s, state, { today: TODAY })).toEqual([]);
    });
    it(`${standard}: a NieuwProduct overlapping an Ongewijzigd one with its code fails with 9361 on the later line`, () => {
      const s = vow(
        vowItem('OngewijzigdProduct', 1, { toewijzingNummer: 'T2' }),
        vowItem('NieuwProduct', 1, { categorie: '54', code: '54002', datum: '2026-06-01', einddatum: '2026-08-31' }),
      );
      expect(TR361.check(s, state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR361', retourCode: '9361', path: s.items[1]!.path }),
      ]);
    });
    it(`${standard}: without a code the categorie counts; the TeWijzigenProduct's Einddatum ends its period`, () => {
      const s = vow(
        vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'A', datum: '2026-01-01', einddatum: '2026-05-31' }),
        vowItem('NieuwProduct', 1, { categorie: '54', code: '54003', datum: '2026-05-01' }),
      );
      expect(TR361.check(s, state, { today: TODAY })).toHaveLength(1);
      const later = vow(
        vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'A', datum: '2026-01-01', einddatum: '2026-04-30' }),
        vowItem('NieuwProduct', 1, { categorie: '54', code: '54003', datum: '2026-05-01' }),
      );
      expect(TR361.check(later, state, { today: TODAY })).toEqual([]);
    });
  }
  it('two NieuweProducten are left to TR410 (one bericht, no state)', () => {
    const s = cmk('ijw', NUMMER.verzoekOmWijziging, {
      items: [
        vowItem('NieuwProduct', 1, { categorie: '54', code: '54002', datum: '2026-06-01' }),
        vowItem('NieuwProduct', 2, { categorie: '54', code: '54002', datum: '2026-06-01' }),
      ],
    });
    expect(TR361.check(s, new MemoryConversationState().putToewijzingenVanClient(ck('ijw'), []), { today: TODAY })).toEqual([]);
  });
});
