import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { CLIENT, TODAY, cmk, tq } from '../../../test/support/conversation-testkit.js';
import { TR387 } from './tr387.js';
import { TR388 } from './tr388.js';

describe('TR387/TR388: a ProductPeriode is the calendar month, cut by the toewijzing', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = new MemoryConversationState()
      .putToegewezen(tq(standard, 'T1'), { kind: 'ToegewezenProduct', index: 1, path: '/a', datum: '2026-01-01' })
      .putToegewezen(tq(standard, 'T2'), { kind: 'ToegewezenProduct', index: 2, path: '/b', datum: '2026-03-10', einddatum: '2026-03-20' });
    const s = cmk(standard, NUMMER.declaratie, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', datum: '2026-03-01', einddatum: '2026-03-31' },
        { client: CLIENT, toewijzingNummer: 'T2', datum: '2026-03-10', einddatum: '2026-03-20' },
        { client: CLIENT, toewijzingNummer: 'T1', datum: '2026-03-05', einddatum: '2026-03-30' },
        { client: CLIENT, toewijzingNummer: 'T2', datum: '2026-03-01', einddatum: '2026-03-31' },
      ],
    });
    it(`${standard}: the whole month, or the toewijzing's own dates inside it, pass; other dates fail with 9387 / 9388`, () => {
      expect(TR387.check(s, state, { today: TODAY }).map((f) => [f.retourCode, f.path])).toEqual([
        ['9387', s.items[2]!.path],
        ['9387', s.items[3]!.path],
      ]);
      expect(TR388.check(s, state, { today: TODAY }).map((f) => [f.retourCode, f.path])).toEqual([
        ['9388', s.items[2]!.path],
        ['9388', s.items[3]!.path],
      ]);
    });
  }
});
