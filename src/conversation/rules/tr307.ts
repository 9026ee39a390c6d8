import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

/** TR307: ProductPeriode/Begindatum in the Prestatie is on or after the toegewezen product's Ingangsdatum. */
export const TR307 = conversationRule({
  id: 'TR307',
  retourCode: '9307',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'the prestatie’s ProductPeriode Begindatum is not before the Ingangsdatum of the latest 301 line with its ToewijzingNummer for its client',
  grenzen: 'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others)',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) =>
      item.datum !== undefined && t.datum !== undefined && item.datum < t.datum
        ? [finding(TR307, item.path, `${naam(item)}: ProductPeriode begins ${item.datum}, before the toewijzing’s Ingangsdatum ${t.datum}`)]
        : [],
    ),
});
