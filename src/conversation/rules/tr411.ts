import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { teWijzigenMetToewijzing, vowVragen } from './vow.js';

/** TR411: a TeWijzigenProduct of a toewijzing with a product code (specifiek) has an Omvang. */
export const TR411 = conversationRule({
  id: 'TR411',
  retourCode: '9411',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    'a TeWijzigenProduct has an Omvang when the toewijzing it names (the latest 301 line with its ToewijzingNummer for this client) has a Product/Code (a specifieke toewijzing), whatever the dates',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it (then TR351 speaks)',
  vragen: vowVragen,
  check: (s, state) => {
    return teWijzigenMetToewijzing(s, state).flatMap(({ it, t }): ConversationFinding[] => {
      if (t.code === undefined || it.omvang !== undefined) return [];
      return [
        {
          rule: 'TR411',
          retourCode: '9411',
          path: it.path,
          text: `Omvang is empty while toewijzing ${it.toewijzingNummer} has product code ${t.code}`,
        },
      ];
    });
  },
});
