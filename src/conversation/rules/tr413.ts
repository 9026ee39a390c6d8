import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { TIJDELIJK, beschrijf, regieVragen, stopsNaStops } from './regie.js';

const BERICHTEN = [NUMMER.stop] as const;

/** TR413: a start is stopped temporarily (RedenBeeindiging 20) at most once. */
export const TR413 = conversationRule({
  id: 'TR413',
  retourCode: '9413',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.stop].items[0]!.pad,
  lezing:
    'a StopProduct sent with StatusAanlevering 1 (or 2) and RedenBeeindiging 20 (temporary) names a start (ToewijzingNummer, Product, Begindatum) that has no other temporary stop in effect for the same client and gemeente–aanbieder pair (sent earlier with 1, not removed with 3 earlier or in this bericht); after a temporary stop only a definitive stop or a new start may follow (OP378), and the same stop sent again is TR074’s',
  grenzen:
    'stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it; two stops of one start within one bericht are not compared',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    stopsNaStops(s, state).flatMap(({ item, lijn, actueel }): ConversationFinding[] => {
      if (lijn.redenBeeindiging !== TIJDELIJK || !actueel.some((l) => l.redenBeeindiging === TIJDELIJK)) return [];
      return [
        {
          rule: 'TR413',
          retourCode: '9413',
          path: item.path,
          text: `RedenBeeindiging 20 while another temporary stop (RedenBeeindiging 20) of this start is in effect (${beschrijf(lijn)})`,
        },
      ];
    }),
});
