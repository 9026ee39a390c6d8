import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, OTHER_CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR019 } from './tr019.js';

describe('TR019: a start or stop relates to a toewijzing by its ToewijzingNummer', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    for (const nummer of [NUMMER.start, NUMMER.stop]) {
      const s = cmk(standard, nummer, { items: [{ client: CLIENT, toewijzingNummer: 'T1' }] });
      it(`${standard} ${nummer}: passes when the toewijzing is known for this client`, () => {
        const state = new MemoryConversationState().putToewijzing(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/x' });
        expect(TR019.check(s, state, { today: TODAY })).toEqual([]);
      });
      it(`${standard} ${nummer}: fails with 9019 on the line when it is not (or only for another client)`, () => {
        const state = new MemoryConversationState().putToewijzing(tq(standard, 'T1', OTHER_CLIENT), {
          kind: 'ToegewezenProduct',
          index: 1,
          path: '/x',
        });
        const f = TR019.check(s, state, { today: TODAY });
        expect(f).toHaveLength(1);
        expect(f[0]).toMatchObject({ rule: 'TR019', retourCode: '9019', path: s.items[0]!.path });
        expect(f[0]!.text).toContain('T1');
      });
    }
  }
  it('does not assess taakgericht lines (no ToewijzingNummer) or lines without a client key', () => {
    const s = cmk('ijw', NUMMER.start, { items: [{ client: CLIENT }, { toewijzingNummer: 'T1' }] });
    expect(TR019.vragen(s)).toEqual([]);
    expect(TR019.check(s, new MemoryConversationState(), { today: TODAY })).toEqual([]);
  });
  it('asks one toewijzing question per line', () => {
    const s = cmk('ijw', NUMMER.stop, { items: [{ client: CLIENT, toewijzingNummer: 'T1' }] });
    expect(TR019.vragen(s)).toEqual([{ ask: 'toewijzing', q: tq('ijw', 'T1') }]);
  });
});
