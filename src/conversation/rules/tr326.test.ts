import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import type { RegieRegel } from '../types.js';
import { TR326, actueleStarts } from './tr326.js';

const start = (begindatum: string, statusAanlevering = '1'): RegieRegel => ({ soort: 'start', begindatum, statusAanlevering });
const stop = (begindatum: string, statusAanlevering = '1'): RegieRegel => ({ soort: 'stop', begindatum, statusAanlevering });

describe('TR326: no second start while a start is actueel', () => {
  it('folds starts, stops and removals (IV008)', () => {
    expect([...actueleStarts([start('2026-01-01')])]).toEqual(['2026-01-01']);
    expect([...actueleStarts([start('2026-01-01'), stop('2026-01-01')])]).toEqual([]);
    expect([...actueleStarts([start('2026-01-01'), start('2026-01-01', '3')])]).toEqual([]);
    expect([...actueleStarts([start('2026-01-01'), stop('2026-01-01'), stop('2026-01-01', '3')])]).toEqual(['2026-01-01']);
    expect([...actueleStarts([start('2026-01-01'), stop('2025-01-01')])]).toEqual(['2026-01-01']);
  });
  for (const standard of ['ijw', 'iwmo'] as const) {
    const s = cmk(standard, NUMMER.start, {
      datum: '2026-03-01',
      items: [{ client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '1' }],
    });
    it(`${standard}: passes after a stop, fails with 9326 on a running start`, () => {
      const stopped = new MemoryConversationState().putRegie(tq(standard, 'T1'), [start('2026-01-01'), stop('2026-01-01')]);
      expect(TR326.check(s, stopped, { today: TODAY })).toEqual([]);
      const running = new MemoryConversationState().putRegie(tq(standard, 'T1'), [start('2026-01-01')]);
      expect(TR326.check(s, running, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR326', retourCode: '9326', path: s.items[0]!.path }),
      ]);
    });
  }
  it('a correction in one bericht (3 for the old start, 1 for the new) is not a second start', () => {
    const s = cmk('ijw', NUMMER.start, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '1', datum: '2026-01-02' },
        { client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '3', datum: '2026-01-01' },
      ],
    });
    const running = new MemoryConversationState().putRegie(tq('ijw', 'T1'), [start('2026-01-01')]);
    expect(TR326.check(s, running, { today: TODAY })).toEqual([]);
  });
  it('a gewijzigde aanlevering (2) is not a new start', () => {
    const s = cmk('ijw', NUMMER.start, { items: [{ client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '2' }] });
    const running = new MemoryConversationState().putRegie(tq('ijw', 'T1'), [start('2026-01-01')]);
    expect(TR326.check(s, running, { today: TODAY })).toEqual([]);
  });
});
