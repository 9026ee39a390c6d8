import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { VERWIJDEREN, beschrijf, inEffect, regieLijnen, regieVragen, sleutel } from './regie.js';

const BERICHTEN = [NUMMER.start, NUMMER.stop] as const;

/** TR063: a line with StatusAanlevering 3 removes an earlier line with the same logical key for the client. */
export const TR063 = conversationRule({
  id: 'TR063',
  retourCode: '9063',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.start].items[0]!.pad,
  lezing:
    'a StartProduct or StopProduct with StatusAanlevering 3 has the logical key (start: ToewijzingNummer, Product, Begindatum; stop: also RedenBeeindiging and Einddatum) of an earlier line of the same kind for the same client and gemeente–aanbieder pair that was sent with StatusAanlevering 1 and not already removed',
  grenzen: 'starts and stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    regieLijnen(s, BERICHTEN).flatMap(({ item, lijn, q }): ConversationFinding[] => {
      if (lijn.statusAanlevering !== VERWIJDEREN) return [];
      if (inEffect(state.regieVanClient(q))[lijn.soort].has(sleutel(lijn))) return [];
      return [
        {
          rule: 'TR063',
          retourCode: '9063',
          path: item.path,
          text: `StatusAanlevering 3 removes a ${lijn.soort} this client has no earlier ${lijn.soort} for (${beschrijf(lijn)})`,
        },
      ];
    }),
});
