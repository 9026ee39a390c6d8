import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, REGIE_START as start, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { RegieLijn } from '../types.js';
import { TR074 } from './tr074.js';

const stop: RegieLijn = { ...start, soort: 'stop', redenBeeindiging: '31', einddatum: '2026-02-01' };
const item = (l: RegieLijn, statusAanlevering = '1') => ({
  client: CLIENT,
  toewijzingNummer: l.toewijzingNummer!,
  categorie: l.categorie!,
  code: l.code!,
  datum: l.begindatum!,
  ...(l.redenBeeindiging ? { redenBeeindiging: l.redenBeeindiging, einddatum: l.einddatum! } : {}),
  statusAanlevering,
});

describe('TR074: StatusAanlevering 1 with a key not yet received', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    for (const [nummer, l] of [
      [NUMMER.start, start],
      [NUMMER.stop, stop],
    ] as const) {
      const s = cmk(standard, nummer, { items: [item(l)] });
      it(`${standard} ${nummer}: passes for a new key (or one removed since), fails with 9074 on a key in effect`, () => {
        expect(TR074.check(s, new MemoryConversationState().putRegieVanClient(q, []), { today: TODAY })).toEqual([]);
        const removed = new MemoryConversationState().putRegieVanClient(q, [l, { ...l, statusAanlevering: '3' }]);
        expect(TR074.check(s, removed, { today: TODAY })).toEqual([]);
        const f = TR074.check(s, new MemoryConversationState().putRegieVanClient(q, [l]), { today: TODAY });
        expect(f).toEqual([expect.objectContaining({ rule: 'TR074', retourCode: '9074', path: s.items[0]!.path })]);
      });
    }
  }
  it('a stop with another Einddatum is another key; a removal (3) is not assessed', () => {
    const q = { standard: 'ijw' as const, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const state = new MemoryConversationState().putRegieVanClient(q, [stop]);
    expect(TR074.check(cmk('ijw', NUMMER.stop, { items: [{ ...item(stop), einddatum: '2026-03-01' }] }), state, { today: TODAY })).toEqual(
      [],
    );
    expect(TR074.check(cmk('ijw', NUMMER.stop, { items: [item(stop, '3')] }), state, { today: TODAY })).toEqual([]);
  });
});
