import { describe, expect, it } from 'vitest';
import { NUMMER, RETOURBERICHTEN } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR135, dateAfter } from './tr135.js';

describe('TR135: Dagtekening not after today (Europe/Amsterdam)', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: today passes, tomorrow fails with 8848 on the Dagtekening`, () => {
      const state = new MemoryConversationState();
      expect(TR135.check(cmk(standard, NUMMER.toewijzing, { dagtekening: TODAY }), state, { today: TODAY })).toEqual([]);
      expect(TR135.check(cmk(standard, NUMMER.declaratie, { dagtekening: '2026-04-11' }), state, { today: TODAY })).toEqual([
        {
          rule: 'TR135',
          retourCode: '8848',
          path: '/Bericht/Header/BerichtIdentificatie/Dagtekening',
          text: 'Dagtekening 2026-04-11 is after today (2026-04-10, Europe/Amsterdam)',
        },
      ]);
    });
  }
  it('does not apply to retourberichten', () => {
    for (const n of RETOURBERICHTEN) expect(TR135.berichten).not.toContain(n);
  });
  it('compares any year the XSD accepts, and fails closed on what it cannot read', () => {
    expect(dateAfter('10000-01-01', '2026-04-10')).toBe(true);
    expect(dateAfter('-0001-01-01', '2026-04-10')).toBe(false);
    expect(dateAfter('2026-04-10+02:00', '2026-04-10')).toBe(false);
    expect(dateAfter('garbage', '2026-04-10')).toBe(true);
  });
});
