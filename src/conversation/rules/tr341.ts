import { NUMMER } from '../../standard/catalog.js';
import type { EenheidCode } from '../../standard/generated/codelists.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

const UUR: EenheidCode = '04';
const MINUUT: EenheidCode = '01';

/** Whether a prestatie in `declared` fits a toewijzing in `toegewezen`: the same, or minutes against hours. */
export function eenheidPast(declared: string, toegewezen: string): boolean {
  return declared === toegewezen || (toegewezen === UUR && declared === MINUUT);
}

/** TR341: Eenheid in the Prestatie fits the Eenheid of the toegewezen product's Omvang. */
export const TR341 = conversationRule({
  id: 'TR341',
  retourCode: '9341',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'when the latest 301 line with the prestatie’s ToewijzingNummer for its client has an Omvang, the prestatie’s Eenheid equals its Eenheid, except that a toewijzing in hours (04) may be declared in minutes (01)',
  grenzen:
    'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others); for a toewijzing without Omvang (aspecifiek, generiek) the eenheid follows the contract, which this rule does not read',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) =>
      t.omvang !== undefined && item.eenheid !== undefined && !eenheidPast(item.eenheid, t.omvang.eenheid)
        ? [finding(TR341, item.path, `${naam(item)}: Eenheid ${item.eenheid} does not fit the toegewezen Eenheid ${t.omvang.eenheid}`)]
        : [],
    ),
});
