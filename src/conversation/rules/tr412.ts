import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { dateAfter } from './tr135.js';
import { GRENS } from './tr375.js';
import { teWijzigenMetToewijzing, vowVragen } from './vow.js';

/** TR412: no Omvang in a TeWijzigenProduct whose toewijzing has a Product without Code (aspecifiek), when it runs past 2020. */
export const TR412 = conversationRule({
  id: 'TR412',
  retourCode: '9412',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    'a TeWijzigenProduct has no Omvang when the toewijzing it names (the latest 301 line with its ToewijzingNummer for this client) has a Product with a Categorie but no Code (aspecifiek; a toewijzing without any Product, generiek, is TR375’s) and the Einddatum (the TeWijzigenProduct’s, else the toewijzing’s) is empty or after 31-12-2020',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it (then TR351 speaks)',
  vragen: vowVragen,
  check: (s, state) => {
    return teWijzigenMetToewijzing(s, state).flatMap(({ it, t }): ConversationFinding[] => {
      if (it.omvang === undefined || t.categorie === undefined || t.code !== undefined) return [];
      const einddatum = it.einddatum ?? t.einddatum;
      if (einddatum !== undefined && !dateAfter(einddatum, GRENS)) return [];
      return [
        {
          rule: 'TR412',
          retourCode: '9412',
          path: it.path,
          text: `Omvang is filled while toewijzing ${it.toewijzingNummer} has product categorie ${t.categorie} without a code and Einddatum ${einddatum ?? '(empty)'} is after 2020-12-31 or empty`,
        },
      ];
    });
  },
});
