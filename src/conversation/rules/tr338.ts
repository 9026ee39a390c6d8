import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, declared, finding, naam, toewijzingVragen } from './declaratie.js';

/**
 * TR338: a Prestatie relates to a ToegewezenProduct by its ToewijzingNummer. Taakgericht has no 323
 * (no declaratie in the berichtenverkeer), so "toegewezen" is always a 301 line.
 */
export const TR338 = conversationRule({
  id: 'TR338',
  retourCode: '9338',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'every Prestatie names, by its ToewijzingNummer, a ToegewezenProduct the gemeente sent this aanbieder for the Client the prestatie is declared for (a 301 line)',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: toewijzingVragen,
  check: (s, state) =>
    declared(s).flatMap(({ item, q }) =>
      state.toewijzing(q)
        ? []
        : [
            finding(
              TR338,
              item.path,
              `${naam(item)}: ToewijzingNummer ${q.toewijzingNummer} is not a toegewezen product Sluis has seen from gemeente ${q.gemeente} to aanbieder ${q.aanbieder} for this client`,
            ),
          ],
    ),
});
