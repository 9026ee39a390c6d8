import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { EERSTE, beschrijf, inEffect, regieLijnen, regieVragen, startSleutel } from './regie.js';

const BERICHTEN = [NUMMER.stop] as const;

/** TR382: a stop carries the key elements of its start unchanged (retourcode 9069: no such start). */
export const TR382 = conversationRule({
  id: 'TR382',
  retourCode: '9069',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.stop].items[0]!.pad,
  lezing:
    "a StopProduct with StatusAanlevering 1 has the start's key elements (ToewijzingNummer, Product Categorie and Code, Begindatum) of a StartProduct in effect for the same client and gemeente–aanbieder pair (sent with 1, not removed with 3); removals (3) are TR063's",
  grenzen: 'starts sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    regieLijnen(s, BERICHTEN).flatMap(({ item, lijn, q }): ConversationFinding[] => {
      if (lijn.statusAanlevering !== EERSTE) return [];
      if (inEffect(state.regieVanClient(q)).start.has(startSleutel(lijn))) return [];
      return [
        {
          rule: 'TR382',
          retourCode: '9069',
          path: item.path,
          text: `no start in effect with the key elements of this stop (${beschrijf(lijn)})`,
        },
      ];
    }),
});
