import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';
import { eersteDag } from './periode.js';

/** TR387: a ProductPeriode begins on the first of its month, or on the toewijzing's Ingangsdatum when that is later in the month. */
export const TR387 = conversationRule({
  id: 'TR387',
  retourCode: '9387',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'the prestatie’s ProductPeriode Begindatum is the first day of its month, or — when the Ingangsdatum of the latest 301 line with its ToewijzingNummer for its client lies later in that month — that Ingangsdatum',
  grenzen: 'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others)',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) => {
      const b = item.datum;
      if (b === undefined) return [];
      const verwacht = t.datum !== undefined && t.datum > eersteDag(b) && t.datum.slice(0, 7) === b.slice(0, 7) ? t.datum : eersteDag(b);
      return b === verwacht ? [] : [finding(TR387, item.path, `${naam(item)}: ProductPeriode begins ${b}, expected ${verwacht}`)];
    }),
});
