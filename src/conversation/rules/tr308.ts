import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

/** TR308: ProductPeriode/Einddatum in the Prestatie is on or before the toegewezen product's Einddatum, when it has one. */
export const TR308 = conversationRule({
  id: 'TR308',
  retourCode: '9308',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'when the latest 301 line with the prestatie’s ToewijzingNummer for its client has an Einddatum, the prestatie’s ProductPeriode Einddatum is not after it',
  grenzen: 'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others)',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) =>
      item.einddatum !== undefined && t.einddatum !== undefined && item.einddatum > t.einddatum
        ? [
            finding(
              TR308,
              item.path,
              `${naam(item)}: ProductPeriode ends ${item.einddatum}, after the toewijzing’s Einddatum ${t.einddatum}`,
            ),
          ]
        : [],
    ),
});
