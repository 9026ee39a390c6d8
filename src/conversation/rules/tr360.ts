import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { ANTWOORD_KLASSE, ANTWOORD_PAD, VerzoekAntwoord, antwoordVan, antwoordVragen } from './antwoord.js';

/** TR360: "aanvraag in onderzoek" (VerzoekAntwoord 2) only as the first 319 for a ReferentieAanbieder. */
export const TR360 = conversationRule({
  id: 'TR360',
  retourCode: '9360',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.antwoordbericht],
  klasse: ANTWOORD_KLASSE,
  lezing:
    'a 319 with VerzoekAntwoord 2 (aanvraag in onderzoek) has a ReferentieAanbieder no earlier 319 from this gemeente to this aanbieder in the domain carried',
  grenzen: 'an antwoordbericht sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: antwoordVragen,
  check: (s, state) => {
    const a = antwoordVan(s);
    if (!a || a.verzoekAntwoord !== VerzoekAntwoord.inOnderzoek) return [];
    const eerder = state.referentie(a.key).antwoorden;
    if (eerder.length === 0) return [];
    return [
      {
        rule: 'TR360',
        retourCode: '9360',
        path: ANTWOORD_PAD,
        text: `verzoek ${a.key.referentieAanbieder} already has an antwoordbericht (VerzoekAntwoord ${eerder.join(', ')}); "in onderzoek" is sent once, as the first answer`,
      },
    ];
  },
});
