import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { antwoordPrestaties, antwoordVragen } from './antwoord-prestatie.js';
import { ANTWOORD_PRESTATIE, finding, naam } from './declaratie.js';

/** TR366: every Prestatie in a 325 is one of the declaratie answered, by ProductReferentie. */
export const TR366 = conversationRule({
  id: 'TR366',
  retourCode: '9366',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratieAntwoord],
  klasse: ANTWOORD_PRESTATIE,
  lezing:
    'every Prestatie of a 325 has the ReferentieNummer and VorigReferentieNummer of a prestatie in the 323 its DeclaratieIdentificatie names',
  grenzen: 'only assessed when Sluis has the answered 323 (TR337 reports the others)',
  vragen: antwoordVragen,
  check: (s, state) =>
    antwoordPrestaties(s, state).flatMap(({ item, gedeclareerd }) =>
      gedeclareerd ? [] : [finding(TR366, item.path, `${naam(item)} is not a prestatie of the declaratie answered`)],
    ),
});
