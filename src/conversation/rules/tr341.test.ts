import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR341, eenheidPast } from './tr341.js';

describe('TR341: Eenheid fits the toegewezen Eenheid', () => {
  it('minutes fit hours, not the other way round', () => {
    expect(eenheidPast('01', '04')).toBe(true);
    expect(eenheidPast('04', '01')).toBe(false);
    expect(eenheidPast('14', '14')).toBe(true);
  });
  for (const standard of ['ijw', 'iwmo'] as const) {
    const omvang = (eenheid: string) => ({ volume: '2', eenheid, frequentie: '2' });
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', omvang: omvang('04') })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', eenheid: '04' },
        { client: CLIENT, toewijzingNummer: 'T1', eenheid: '01' },
        { client: CLIENT, toewijzingNummer: 'T1', eenheid: '14' },
        { client: CLIENT, toewijzingNummer: 'T2', eenheid: '14' },
      ],
    });
    it(`${standard}: hours and minutes pass on an hours toewijzing; etmaal fails with 9341; no Omvang is not assessed`, () => {
      expect(TR341.check(s, state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR341', retourCode: '9341', path: s.items[2]!.path }),
      ]);
    });
  }
});
