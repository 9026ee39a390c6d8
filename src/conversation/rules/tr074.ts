import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { EERSTE, beschrijf, inEffect, regieLijnen, regieVragen, sleutel } from './regie.js';

const BERICHTEN = [NUMMER.start, NUMMER.stop] as const;

/** TR074: a line with StatusAanlevering 1 has a logical key not yet received for the client. */
export const TR074 = conversationRule({
  id: 'TR074',
  retourCode: '9074',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.start].items[0]!.pad,
  lezing:
    'a StartProduct or StopProduct with StatusAanlevering 1 does not repeat the logical key (start: ToewijzingNummer, Product, Begindatum; stop: also RedenBeeindiging and Einddatum) of an earlier line of the same kind for the same client and gemeente–aanbieder pair that is still in effect (sent with 1, not removed with 3); uniqueness within the bericht is TR101',
  grenzen: 'starts and stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    regieLijnen(s, BERICHTEN).flatMap(({ item, lijn, q }): ConversationFinding[] => {
      if (lijn.statusAanlevering !== EERSTE) return [];
      if (!inEffect(state.regieVanClient(q))[lijn.soort].has(sleutel(lijn))) return [];
      return [
        {
          rule: 'TR074',
          retourCode: '9074',
          path: item.path,
          text: `this ${lijn.soort} was already received for this client (${beschrijf(lijn)})`,
        },
      ];
    }),
});
