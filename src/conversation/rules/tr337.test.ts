import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import { MemoryConversationState } from '../state.js';
import { AANBIEDER, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { antwoord, met323 } from '../../../test/support/declaratie-testkit.js';
import { TR337 } from './tr337.js';
import { TR371 } from './tr371.js';
import { TR376 } from './tr376.js';

describe('TR337, TR376, TR371: a 325 answers a 323 Sluis saw', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: the right DeclaratieIdentificatie, DeclaratieNummer and XsdVersie pass`, () => {
      for (const r of [TR337, TR376, TR371]) expect(r.check(antwoord(standard), met323(standard), { today: TODAY })).toEqual([]);
    });
    it(`${standard}: TR337 fails for an unknown 323, one to another gemeente, or another Dagtekening`, () => {
      expect(TR337.check(antwoord(standard, { identificatie: 'D2' }), met323(standard), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR337', retourCode: 'n.v.t.', path: '/Bericht/Header/DeclaratieIdentificatie' }),
      ]);
      expect(TR337.check(antwoord(standard), met323(standard, '0999'), { today: TODAY })).toHaveLength(1);
      expect(TR337.check(antwoord(standard, { dagtekening: '2026-04-03' }), met323(standard), { today: TODAY })).toHaveLength(1);
    });
    it(`${standard}: TR376 fails for another DeclaratieNummer, TR371 for another XsdVersie`, () => {
      expect(TR376.check(antwoord(standard, { nummer: 'DN2' }), met323(standard), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR376', path: '/Bericht/DeclaratieAntwoord/DeclaratieNummer' }),
      ]);
      expect(TR371.check(antwoord(standard, { xsd: '1.0.0/1.0.1' }), met323(standard), { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR371', path: '/Bericht/Header/XsdVersieDeclaratie' }),
      ]);
      // Without the 323 they are not assessed (TR337 reports it).
      expect(TR376.check(antwoord(standard, { nummer: 'DN2' }), new MemoryConversationState(), { today: TODAY })).toEqual([]);
    });
  }
  it('asks for the answered 323 only on a 325', () => {
    expect(TR337.vragen(antwoord('ijw'))).toEqual([
      { ask: 'declaratie', q: { standard: 'ijw', aanbieder: AANBIEDER, identificatie: 'D1' } },
    ]);
    expect(TR337.vragen(cmk('ijw', NUMMER.declaratie))).toEqual([]);
  });
});
