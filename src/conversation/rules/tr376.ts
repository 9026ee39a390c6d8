import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { beantwoordeDeclaratie, declaratieVraag, finding } from './declaratie.js';

/** TR376: a 325's DeclaratieNummer is that of the declaratie it answers. */
export const TR376 = conversationRule({
  id: 'TR376',
  retourCode: 'n.v.t.',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratieAntwoord],
  klasse: 'DeclaratieAntwoord',
  lezing:
    'the DeclaratieNummer in a 325’s DeclaratieAntwoord is the DeclaratieNummer of the 323 its DeclaratieIdentificatie names (a 325 without DeclaratieAntwoord has none to compare)',
  grenzen:
    'only assessed when Sluis has the answered 323 (TR337 reports the others); the standard gives no retourcode, so the finding is advice only',
  vragen: declaratieVraag,
  check: (s, state) => {
    const d = beantwoordeDeclaratie(s, state);
    if (!d || s.declaratieNummer === undefined || d.declaratieNummer === undefined || d.declaratieNummer === s.declaratieNummer) return [];
    return [
      finding(
        TR376,
        '/Bericht/DeclaratieAntwoord/DeclaratieNummer',
        `DeclaratieNummer ${s.declaratieNummer} is not ${d.declaratieNummer}, the number of the declaratie answered`,
      ),
    ];
  },
});
