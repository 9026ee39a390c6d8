import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

/** TR339: ProductCategorie in the Prestatie is the toegewezen product's, when that has one. */
export const TR339 = conversationRule({
  id: 'TR339',
  retourCode: '9339',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'when the latest 301 line with the prestatie’s ToewijzingNummer for its client has a Product/Categorie, the prestatie’s ProductCategorie equals it',
  grenzen:
    'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others); a toewijzing without Product is not checked',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) =>
      t.categorie !== undefined && item.categorie !== t.categorie
        ? [finding(TR339, item.path, `${naam(item)}: ProductCategorie ${item.categorie ?? '(none)'} is not the toegewezen ${t.categorie}`)]
        : [],
    ),
});
