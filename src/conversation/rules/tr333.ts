import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import type { ConversationSummary, DeclaratieQuestion } from '../types.js';

function question(s: ConversationSummary): DeclaratieQuestion | undefined {
  if (s.nummer !== NUMMER.declaratie || s.declaratieNummer === undefined) return undefined;
  return { standard: s.standard, aanbieder: s.aanbieder, declaratieNummer: s.declaratieNummer };
}

const DECLARATIE = CATALOG[NUMMER.declaratie].velden.declaratieNummer!.replace(/\/DeclaratieNummer$/, '');

/** TR333: DeclaratieNummer is unique for the aanbieder within the domain (the standard). */
export const TR333 = conversationRule({
  id: 'TR333',
  retourCode: '9333',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: DECLARATIE,
  lezing:
    'no earlier 323 from the same aanbieder in the same domain (to any gemeente) carries this DeclaratieNummer; berichten Sluis itself rejected or refused count as never sent',
  grenzen: 'declaraties sent before Sluis saw this aanbieder, or to gemeenten not behind Sluis, are unknown to it',
  vragen: (s) => {
    const q = question(s);
    return q ? [{ ask: 'declaratieBekend', q }] : [];
  },
  check: (s, state) => {
    const q = question(s);
    if (!q || !state.declaratieBekend(q)) return [];
    return [
      {
        rule: 'TR333',
        retourCode: '9333',
        path: `/Bericht/${DECLARATIE}`,
        text: `DeclaratieNummer ${q.declaratieNummer} was already used by aanbieder ${q.aanbieder} in this domain`,
      },
    ];
  },
});
