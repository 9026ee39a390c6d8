import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, CLIENT, GEMEENTE, OTHER_CLIENT, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import type { ConversationItem, RegieLijn } from '../types.js';
import { TR063 } from './tr063.js';

const line = { toewijzingNummer: 'T1', categorie: '45', code: '45A01', datum: '2026-01-05' };
const stopLine = { ...line, redenBeeindiging: '31', einddatum: '2026-02-01' };
const asLijn = (soort: RegieLijn['soort'], it: Partial<ConversationItem>, statusAanlevering = '1'): RegieLijn => ({
  soort,
  toewijzingNummer: it.toewijzingNummer!,
  categorie: it.categorie!,
  code: it.code!,
  begindatum: it.datum!,
  ...(it.redenBeeindiging ? { redenBeeindiging: it.redenBeeindiging, einddatum: it.einddatum! } : {}),
  statusAanlevering,
});

describe('TR063: StatusAanlevering 3 removes an earlier line with the same key', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const q = { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    for (const [nummer, soort, l] of [
      [NUMMER.start, 'start', line],
      [NUMMER.stop, 'stop', stopLine],
    ] as const) {
      const s = cmk(standard, nummer, { items: [{ client: CLIENT, statusAanlevering: '3', ...l }] });
      it(`${standard} ${nummer}: passes when the line was sent, fails with 9063 when it was not`, () => {
        const sent = new MemoryConversationState().putRegieVanClient(q, [asLijn(soort, l)]);
        expect(TR063.check(s, sent, { today: TODAY })).toEqual([]);
        const other = new MemoryConversationState().putRegieVanClient({ ...q, client: OTHER_CLIENT }, [asLijn(soort, l)]);
        const f = TR063.check(s, other, { today: TODAY });
        expect(f).toEqual([expect.objectContaining({ rule: 'TR063', retourCode: '9063', path: s.items[0]!.path })]);
        expect(f[0]!.text).toContain('T1');
      });
      it(`${standard} ${nummer}: an already removed line, or one with another key element, cannot be removed`, () => {
        const removed = new MemoryConversationState().putRegieVanClient(q, [asLijn(soort, l), asLijn(soort, l, '3')]);
        expect(TR063.check(s, removed, { today: TODAY })).toHaveLength(1);
        const otherDate = new MemoryConversationState().putRegieVanClient(q, [asLijn(soort, { ...l, datum: '2026-01-06' })]);
        expect(TR063.check(s, otherDate, { today: TODAY })).toHaveLength(1);
      });
    }
  }
  it('a start is not removed by a stop line with its key, lines with 1 are not assessed, one question per bericht', () => {
    const q = { standard: 'ijw' as const, gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT };
    const s = cmk('ijw', NUMMER.start, { items: [{ client: CLIENT, statusAanlevering: '3', ...line }] });
    expect(TR063.check(s, new MemoryConversationState().putRegieVanClient(q, [asLijn('stop', line)]), { today: TODAY })).toHaveLength(1);
    const eerste = cmk('ijw', NUMMER.start, {
      items: [
        { client: CLIENT, statusAanlevering: '1', ...line },
        { client: CLIENT, statusAanlevering: '1', ...line, datum: '2026-01-06' },
      ],
    });
    expect(TR063.check(eerste, new MemoryConversationState(), { today: TODAY })).toEqual([]);
    expect(TR063.vragen(eerste)).toEqual([{ ask: 'regieVanClient', q }]);
  });
});
