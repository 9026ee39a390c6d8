/**
 * Test helpers for the 325 rules (src/conversation/rules/tr337.test.ts, tr366.test.ts): a 325 summary
 * answering the 323 `D1` of 2026-04-02, and a state that knows that 323.
 */
import { NUMMER } from '../../src/standard/catalog.js';
import { MemoryConversationState } from '../../src/conversation/state.js';
import type { ConversationSummary } from '../../src/conversation/types.js';
import { AANBIEDER, GEMEENTE, cmk } from './conversation-testkit.js';

/** A 325 answering the 323 `D1` of 2026-04-02, with DeclaratieNummer and XsdVersieDeclaratie as given. */
export function antwoord(
  standard: 'ijw' | 'iwmo',
  o: { identificatie?: string; dagtekening?: string; nummer?: string; xsd?: string } = {},
): ConversationSummary {
  const s = cmk(standard, NUMMER.declaratieAntwoord, { items: [], declaratieNummer: o.nummer ?? 'DN1' });
  return {
    ...s,
    heen: {
      nummer: NUMMER.declaratie,
      afzender: AANBIEDER,
      identificatie: o.identificatie ?? 'D1',
      dagtekening: o.dagtekening ?? '2026-04-02',
    },
    declaratie: { xsdVersie: o.xsd ?? '1.0.0/1.0.0' },
  };
}
export const met323 = (standard: 'ijw' | 'iwmo', gemeente = GEMEENTE) =>
  new MemoryConversationState().putDeclaratieRegel(
    { standard, gemeente, aanbieder: AANBIEDER },
    { gemeente, identificatie: 'D1', dagtekening: '2026-04-02', declaratieNummer: 'DN1', xsdVersie: '1.0.0/1.0.0' },
  );
