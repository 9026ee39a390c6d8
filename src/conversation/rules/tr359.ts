import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { ANTWOORD_KLASSE, ANTWOORD_PAD, antwoordVan, antwoordVragen } from './antwoord.js';

/** TR359: no 319 for a verzoek a 301 already answered (a ToegewezenProduct carried its ReferentieAanbieder). */
export const TR359 = conversationRule({
  id: 'TR359',
  retourCode: '9359',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.antwoordbericht],
  klasse: ANTWOORD_KLASSE,
  lezing:
    'no 301 the gemeente sent earlier to this aanbieder in the domain has a ToegewezenProduct whose ReferentieAanbieder is the Antwoord/ReferentieAanbieder of this 319 (once toegewezen, a verzoek gets no antwoordbericht)',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: antwoordVragen,
  check: (s, state) => {
    const a = antwoordVan(s);
    if (!a || state.referentie(a.key).toewijzingen.length === 0) return [];
    return [
      {
        rule: 'TR359',
        retourCode: '9359',
        path: ANTWOORD_PAD,
        text: `verzoek ${a.key.referentieAanbieder} was already answered with a toewijzing (301)`,
      },
    ];
  },
});
