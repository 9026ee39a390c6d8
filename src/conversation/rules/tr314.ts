import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { PRESTATIE, finding, referentieQ, referentieVragen } from './declaratie.js';

/** TR314: a prestatie's ReferentieNummer is unique for the aanbieder in the domain, within the bericht and across berichten. */
export const TR314 = conversationRule({
  id: 'TR314',
  retourCode: '8021',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'no earlier prestatie of the same aanbieder in the same domain (in a 323 to any gemeente) and no other prestatie of this bericht carries the ReferentieNummer; a prestatie a 325 rejected still used its number, a 323 a 325 rejected as a whole (or that Sluis rejected or refused) counts as never sent',
  grenzen: 'prestaties declared before Sluis saw this aanbieder, or to gemeenten not behind Sluis, are unknown to it',
  vragen: referentieVragen,
  check: (s, state) => {
    if (s.nummer !== NUMMER.declaratie) return [];
    const seen = new Set<string>();
    const out: ConversationFinding[] = [];
    for (const it of s.items) {
      const ref = it.productReferentie;
      if (ref === undefined) continue;
      if (seen.has(ref)) out.push(finding(TR314, it.path, `ReferentieNummer ${ref} occurs more than once in this declaratie`));
      else if (state.prestaties(referentieQ(s, ref)).some((p) => p.item.productReferentie === ref))
        out.push(finding(TR314, it.path, `ReferentieNummer ${ref} was already used by aanbieder ${s.aanbieder} in this domain`));
      seen.add(ref);
    }
    return out;
  },
});
