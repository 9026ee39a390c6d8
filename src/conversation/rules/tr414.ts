import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { beschrijf, regieVragen, stopsNaStops } from './regie.js';

const BERICHTEN = [NUMMER.stop] as const;

/** TR414: a stop after a stop of the same start does not end before it. */
export const TR414 = conversationRule({
  id: 'TR414',
  retourCode: '9414',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.stop].items[0]!.pad,
  lezing:
    'a StopProduct sent with StatusAanlevering 1 (or 2) has an Einddatum on or after the Einddatum of every stop of the same start (ToewijzingNummer, Product, Begindatum) in effect for the same client and gemeente–aanbieder pair (sent earlier with 1, not removed with 3 earlier or in this bericht: a corrected stop is no longer actueel); removals (3) are TR063’s',
  grenzen:
    'stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it; two stops of one start within one bericht are not compared',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    stopsNaStops(s, state).flatMap(({ item, lijn, actueel }): ConversationFinding[] => {
      if (lijn.einddatum === undefined) return [];
      // ISO dates compare as strings.
      const later = actueel.map((l) => l.einddatum).filter((e): e is string => e !== undefined && e > lijn.einddatum!);
      if (later.length === 0) return [];
      return [
        {
          rule: 'TR414',
          retourCode: '9414',
          path: item.path,
          text: `Einddatum ${lijn.einddatum} is before the Einddatum ${later.sort().at(-1)!} of the stop of this start in effect (${beschrijf(lijn)})`,
        },
      ];
    }),
});
