import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

/** TR340: ProductCode in the Prestatie is the toegewezen product's, when that has one. */
export const TR340 = conversationRule({
  id: 'TR340',
  retourCode: '9340',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'when the latest 301 line with the prestatie’s ToewijzingNummer for its client has a Product/Code, the prestatie’s ProductCode equals it',
  grenzen:
    'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others); a toewijzing without a product code (aspecifiek, generiek) is not checked',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) =>
      t.code !== undefined && item.code !== t.code
        ? [finding(TR340, item.path, `${naam(item)}: ProductCode ${item.code ?? '(none)'} is not the toegewezen ${t.code}`)]
        : [],
    ),
});
