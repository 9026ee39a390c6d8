import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR339 } from './tr339.js';

describe('TR339: ProductCategorie as toegewezen', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', categorie: '45', code: '45A03' })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', categorie: '45' },
        { client: CLIENT, toewijzingNummer: 'T1', categorie: '54' },
        { client: CLIENT, toewijzingNummer: 'T2', categorie: '54' },
        { client: CLIENT, toewijzingNummer: 'T3', categorie: '54' },
      ],
    });
    it(`${standard}: the same categorie passes; another fails with 9339; no categorie or no toewijzing is not assessed`, () => {
      const f = TR339.check(s, state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR339', retourCode: '9339', path: s.items[1]!.path })]);
      expect(f[0]!.text).toContain('54');
    });
  }
  it('asks one toewijzing question per prestatie of a 323 only', () => {
    const s = cmk('ijw', NUMMER.declaratie, { items: [{ client: CLIENT, toewijzingNummer: 'T1' }] });
    expect(TR339.vragen(s)).toEqual([{ ask: 'toewijzing', q: tq('ijw', 'T1') }]);
    expect(TR339.vragen(cmk('ijw', NUMMER.start, { items: [{ client: CLIENT, toewijzingNummer: 'T1' }] }))).toEqual([]);
  });
});
