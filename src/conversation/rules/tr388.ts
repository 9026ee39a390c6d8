import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';
import { laatsteDag } from './periode.js';

/** TR388: a ProductPeriode ends on the last day of its month, or on the toewijzing's Einddatum when that is earlier in the month. */
export const TR388 = conversationRule({
  id: 'TR388',
  retourCode: '9388',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'the prestatie’s ProductPeriode Einddatum is the last day of its month, or — when the Einddatum of the latest 301 line with its ToewijzingNummer for its client lies earlier in that month — that Einddatum',
  grenzen: 'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others)',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) => {
      const e = item.einddatum;
      if (e === undefined) return [];
      const laatste = laatsteDag(e);
      const verwacht =
        t.einddatum !== undefined && t.einddatum < laatste && t.einddatum.slice(0, 7) === e.slice(0, 7) ? t.einddatum : laatste;
      return e === verwacht ? [] : [finding(TR388, item.path, `${naam(item)}: ProductPeriode ends ${e}, expected ${verwacht}`)];
    }),
});
