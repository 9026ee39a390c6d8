import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { actueel, toewijzingenVan, vowItems, vowVragen } from './vow.js';

/** TR351: every TeWijzigenProduct of a VOW names an actueel toegewezen product of the client by its ToewijzingNummer. */
export const TR351 = conversationRule({
  id: 'TR351',
  retourCode: '9351',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    'every TeWijzigenProduct has the ToewijzingNummer of a toegewezen product the gemeente sent this aanbieder for this client (a 301 line) that is actueel as its latest 301 line stands (no Einddatum or one not before the 317 Dagtekening, not voided by Einddatum = Ingangsdatum with RedenWijziging 13 or 01)',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: vowVragen,
  check: (s, state) => {
    const toewijzingen = toewijzingenVan(s, state);
    if (!toewijzingen) return [];
    return vowItems(s, 'TeWijzigenProduct').flatMap((it): ConversationFinding[] => {
      if (it.toewijzingNummer === undefined) return [];
      const t = toewijzingen.get(it.toewijzingNummer);
      if (t && actueel(t, s.dagtekening)) return [];
      return [
        {
          rule: 'TR351',
          retourCode: '9351',
          path: it.path,
          text: t
            ? `ToewijzingNummer ${it.toewijzingNummer} is no longer actueel (Einddatum ${t.einddatum ?? '?'})`
            : `ToewijzingNummer ${it.toewijzingNummer} is not a toewijzing Sluis has seen from gemeente ${s.gemeente} to aanbieder ${s.aanbieder} for this client`,
        },
      ];
    });
  },
});
