import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { ANTWOORD_KLASSE, ANTWOORD_PAD, antwoordVan, antwoordVragen } from './antwoord.js';

/** TR355: the 319's ReferentieAanbieder is that of an earlier verzoek (315 product or 317). */
export const TR355 = conversationRule({
  id: 'TR355',
  retourCode: '9355',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.antwoordbericht],
  klasse: ANTWOORD_KLASSE,
  lezing:
    'the Antwoord/ReferentieAanbieder of a 319 is the ReferentieAanbieder of an AangevraagdProduct (315) or a Verzoek (317) the aanbieder sent earlier to this gemeente in the domain',
  grenzen: 'a verzoek sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: antwoordVragen,
  check: (s, state) => {
    const a = antwoordVan(s);
    if (!a || state.referentie(a.key).verzoeken.length > 0) return [];
    return [
      {
        rule: 'TR355',
        retourCode: '9355',
        path: ANTWOORD_PAD,
        text: `ReferentieAanbieder ${a.key.referentieAanbieder} is not a verzoek Sluis has seen from aanbieder ${a.key.aanbieder} to gemeente ${a.key.gemeente}`,
      },
    ];
  },
});
