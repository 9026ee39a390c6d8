import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { ANTWOORD_KLASSE, ANTWOORD_PAD, VerzoekAntwoord, antwoordVan, antwoordVragen } from './antwoord.js';

/** TR365: a 319 after an earlier 319 for the same ReferentieAanbieder only when that one said "in onderzoek". */
export const TR365 = conversationRule({
  id: 'TR365',
  retourCode: '9365',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.antwoordbericht],
  klasse: ANTWOORD_KLASSE,
  lezing:
    'every earlier 319 from this gemeente to this aanbieder in the domain with the same ReferentieAanbieder has VerzoekAntwoord 2 (in onderzoek); after an afwijzing (1) the verzoek is final',
  grenzen: 'an antwoordbericht sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: antwoordVragen,
  check: (s, state) => {
    const a = antwoordVan(s);
    if (!a) return [];
    const definitief = state.referentie(a.key).antwoorden.filter((v) => v !== VerzoekAntwoord.inOnderzoek);
    if (definitief.length === 0) return [];
    return [
      {
        rule: 'TR365',
        retourCode: '9365',
        path: ANTWOORD_PAD,
        text: `verzoek ${a.key.referentieAanbieder} already has a final antwoordbericht (VerzoekAntwoord ${definitief.join(', ')})`,
      },
    ];
  },
});
