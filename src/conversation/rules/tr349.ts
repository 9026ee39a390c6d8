import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { VERZOEK_KLASSE, VERZOEK_PAD, actueel, toewijzingenVan, vowItems, vowVragen } from './vow.js';

/** TR349: a VOW lists every actueel toegewezen product of the client (as Ongewijzigd- or TeWijzigenProduct). */
export const TR349 = conversationRule({
  id: 'TR349',
  retourCode: '9349',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: VERZOEK_KLASSE,
  lezing:
    "every ToewijzingNummer of the client's actuele toegewezen producten from this gemeente to this aanbieder (the latest 301 line per ToewijzingNummer; actueel: no Einddatum or one not before the 317 Dagtekening, and not voided by Einddatum = Ingangsdatum with RedenWijziging 13 or 01) is in the 317 as an OngewijzigdProduct or a TeWijzigenProduct",
  grenzen:
    'toewijzingen sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it; a toewijzing it never saw cannot be missed',
  vragen: vowVragen,
  check: (s, state) => {
    const toewijzingen = toewijzingenVan(s, state);
    if (!toewijzingen) return [];
    const genoemd = new Set(
      [...vowItems(s, 'OngewijzigdProduct'), ...vowItems(s, 'TeWijzigenProduct')].flatMap((it) =>
        it.toewijzingNummer !== undefined ? [it.toewijzingNummer] : [],
      ),
    );
    const missend = [...toewijzingen.values()].filter((t) => actueel(t, s.dagtekening) && !genoemd.has(t.toewijzingNummer!));
    if (missend.length === 0) return [];
    return [
      {
        rule: 'TR349',
        retourCode: '9349',
        path: VERZOEK_PAD,
        text: `the verzoek om wijziging does not list the actuele toewijzing(en) ${missend.map((t) => t.toewijzingNummer).join(', ')} as OngewijzigdProduct or TeWijzigenProduct`,
      },
    ];
  },
});
