import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, ck, cmk, toegewezen, vowItem } from '../../../test/support/conversation-testkit.js';
import { TR349 } from './tr349.js';

describe('TR349: a VOW lists every actuele toewijzing of the client', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState().putToewijzingenVanClient(ck(standard), [
      toegewezen('T1'),
      toegewezen('T2'),
      toegewezen('T3', { einddatum: '2026-03-31' }),
    ]);
    it(`${standard}: passes when T1 and T2 are listed (T3 ended), fails with 9349 on the Verzoek when T2 is missing`, () => {
      const all = cmk(standard, NUMMER.verzoekOmWijziging, {
        items: [vowItem('OngewijzigdProduct', 1, { toewijzingNummer: 'T1' }), vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'T2' })],
      });
      expect(TR349.check(all, state, { today: TODAY })).toEqual([]);
      const missing = cmk(standard, NUMMER.verzoekOmWijziging, {
        items: [vowItem('OngewijzigdProduct', 1, { toewijzingNummer: 'T1' }), vowItem('NieuwProduct', 1)],
      });
      const f = TR349.check(missing, state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR349', retourCode: '9349', path: '/Bericht/Client/Verzoek' })]);
      expect(f[0]!.text).toContain('T2');
      expect(f[0]!.text).not.toContain('T3');
    });
  }
});
