import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { beantwoordeDeclaratie, declaratieVraag, finding } from './declaratie.js';

/** TR371: a 325's XsdVersieDeclaratie is the XsdVersie of the declaratie it answers. */
export const TR371 = conversationRule({
  id: 'TR371',
  retourCode: 'n.v.t.',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratieAntwoord],
  klasse: 'Header',
  lezing:
    'XsdVersieDeclaratie (BasisschemaXsdVersie and BerichtXsdVersie) in a 325’s header equals the XsdVersie in the header of the 323 its DeclaratieIdentificatie names',
  grenzen:
    'only assessed when Sluis has the answered 323 (TR337 reports the others); the standard gives no retourcode, so the finding is advice only',
  vragen: declaratieVraag,
  check: (s, state) => {
    const d = beantwoordeDeclaratie(s, state);
    const v = s.declaratie?.xsdVersie;
    if (!d || v === undefined || d.xsdVersie === undefined || d.xsdVersie === v) return [];
    return [
      finding(
        TR371,
        '/Bericht/Header/XsdVersieDeclaratie',
        `XsdVersieDeclaratie ${v} is not ${d.xsdVersie}, the XsdVersie of the declaratie answered`,
      ),
    ];
  },
});
