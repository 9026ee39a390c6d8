import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { TIJDELIJK, beschrijf, regieVragen, stopsNaStops } from './regie.js';

const BERICHTEN = [NUMMER.stop] as const;

/** TR415: after a definitive stop (RedenBeeindiging other than 20) no further stop of that start. */
export const TR415 = conversationRule({
  id: 'TR415',
  retourCode: '9415',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.stop].items[0]!.pad,
  lezing:
    'a StopProduct sent with StatusAanlevering 1 (or 2), whatever its RedenBeeindiging, names a start (ToewijzingNummer, Product, Begindatum) that has no definitive stop (RedenBeeindiging other than 20) in effect for the same client and gemeente–aanbieder pair (sent earlier with 1, not removed with 3 earlier or in this bericht: a correction removes the old stop and sends the new one); the same stop sent again is TR074’s',
  grenzen:
    'stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it; two stops of one start within one bericht are not compared',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    stopsNaStops(s, state).flatMap(({ item, lijn, actueel }): ConversationFinding[] => {
      const definitief = actueel.find((l) => l.redenBeeindiging !== TIJDELIJK);
      if (!definitief) return [];
      return [
        {
          rule: 'TR415',
          retourCode: '9415',
          path: item.path,
          text: `this start already has a definitive stop in effect (RedenBeeindiging ${definitief.redenBeeindiging ?? '?'}, Einddatum ${definitief.einddatum ?? '?'}): ${beschrijf(lijn)}`,
        },
      ];
    }),
});
