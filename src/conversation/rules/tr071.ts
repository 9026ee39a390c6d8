import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { VERWIJDEREN, beschrijf, gestopteStarts, regieLijnen, regieVragen, startSleutel } from './regie.js';

const BERICHTEN = [NUMMER.start] as const;

/** TR071: a start cannot be removed (StatusAanlevering 3) once a stop was sent for it. */
export const TR071 = conversationRule({
  id: 'TR071',
  retourCode: '9071',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.start].items[0]!.pad,
  lezing:
    'a StartProduct with StatusAanlevering 3 names a start (ToewijzingNummer, Product, Begindatum) for which no StopProduct with those key elements is in effect for the same client and gemeente–aanbieder pair (a stop is in effect once sent with 1 and until removed with 3)',
  grenzen: 'stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it',
  vragen: (s) => regieVragen(s, BERICHTEN),
  check: (s, state) =>
    regieLijnen(s, BERICHTEN).flatMap(({ item, lijn, q }): ConversationFinding[] => {
      if (lijn.statusAanlevering !== VERWIJDEREN) return [];
      if (!gestopteStarts(state.regieVanClient(q)).has(startSleutel(lijn))) return [];
      return [
        {
          rule: 'TR071',
          retourCode: '9071',
          path: item.path,
          text: `this start cannot be removed: a stop was already sent for it (${beschrijf(lijn)})`,
        },
      ];
    }),
});
