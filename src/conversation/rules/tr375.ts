import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { dateAfter } from './tr135.js';
import { teWijzigenMetToewijzing, vowVragen } from './vow.js';

/** From 2021 an aspecifieke or generieke toewijzing (no product code) has no Omvang (CD080 in the 301). */
export const GRENS = '2020-12-31';

/** TR375: no Omvang in a TeWijzigenProduct whose toewijzing has no Product (generiek), when it runs past 2020; TR412 is the aspecifieke's. */
export const TR375 = conversationRule({
  id: 'TR375',
  retourCode: '9375',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    'a TeWijzigenProduct has no Omvang when the toewijzing it names (the latest 301 line with its ToewijzingNummer for this client) has no Product at all (generiek; a Product without Code, aspecifiek, is TR412’s) and the Einddatum (the TeWijzigenProduct’s, else the toewijzing’s) is empty or after 31-12-2020',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it (then TR351 speaks)',
  vragen: vowVragen,
  check: (s, state) => {
    return teWijzigenMetToewijzing(s, state).flatMap(({ it, t }): ConversationFinding[] => {
      if (it.omvang === undefined || t.categorie !== undefined) return [];
      const einddatum = it.einddatum ?? t.einddatum;
      if (einddatum !== undefined && !dateAfter(einddatum, GRENS)) return [];
      return [
        {
          rule: 'TR375',
          retourCode: '9375',
          path: it.path,
          text: `Omvang is filled while toewijzing ${it.toewijzingNummer} has no Product and Einddatum ${einddatum ?? '(empty)'} is after 2020-12-31 or empty`,
        },
      ];
    });
  },
});
