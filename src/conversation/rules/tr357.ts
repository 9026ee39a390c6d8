import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { dateAfter } from './tr135.js';
import { teWijzigenMetToewijzing, vowVragen } from './vow.js';

/** TR357: a change not in the future (GewensteIngangsdatum ≤ Dagtekening) starts on the toewijzing's Ingangsdatum. */
export const TR357 = conversationRule({
  id: 'TR357',
  retourCode: '9357',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    "a TeWijzigenProduct whose GewensteIngangsdatum is on or before the 317's Dagtekening has the Ingangsdatum of the toegewezen product it names (the latest 301 line with its ToewijzingNummer for this client): a change that does not start in the future covers the whole toewijzing",
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it (then TR351 speaks)',
  vragen: vowVragen,
  check: (s, state) => {
    return teWijzigenMetToewijzing(s, state).flatMap(({ it, t }): ConversationFinding[] => {
      if (it.datum === undefined || t.datum === undefined) return [];
      if (dateAfter(it.datum, s.dagtekening) || it.datum === t.datum) return [];
      return [
        {
          rule: 'TR357',
          retourCode: '9357',
          path: it.path,
          text: `GewensteIngangsdatum ${it.datum} is not after the Dagtekening (${s.dagtekening}) and differs from the Ingangsdatum ${t.datum} of toewijzing ${it.toewijzingNummer}`,
        },
      ];
    });
  },
});
