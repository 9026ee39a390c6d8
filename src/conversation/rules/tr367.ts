import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import type { ConversationItem } from '../types.js';
import { antwoordPrestaties, antwoordVragen } from './antwoord-prestatie.js';
import { ANTWOORD_PRESTATIE, finding, naam } from './declaratie.js';

/** The prestatie values a 325 repeats from the 323, as the summary and facts carry them. */
const WAARDEN: readonly [keyof ConversationItem, string][] = [
  ['toewijzingNummer', 'ToewijzingNummer'],
  ['categorie', 'ProductCategorie'],
  ['code', 'ProductCode'],
  ['datum', 'ProductPeriode/Begindatum'],
  ['einddatum', 'ProductPeriode/Einddatum'],
  ['geleverdVolume', 'GeleverdVolume'],
  ['eenheid', 'Eenheid'],
  ['bedrag', 'IngediendBedrag/Bedrag'],
  ['debetCredit', 'IngediendBedrag/DebetCredit'],
];

/** TR367: a 325 prestatie's values are those of the 323 prestatie it names. */
export const TR367 = conversationRule({
  id: 'TR367',
  retourCode: '9367',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratieAntwoord],
  klasse: ANTWOORD_PRESTATIE,
  lezing:
    'a Prestatie of a 325 repeats the values of the prestatie with its ProductReferentie in the declaratie answered: ToewijzingNummer, ProductCategorie, ProductCode, ProductPeriode, GeleverdVolume, Eenheid and IngediendBedrag',
  grenzen: 'only assessed when Sluis has the answered 323 and the prestatie in it (TR337, TR366); ProductTarief is not compared',
  vragen: antwoordVragen,
  check: (s, state) =>
    antwoordPrestaties(s, state).flatMap(({ item, gedeclareerd }) => {
      if (!gedeclareerd) return [];
      const anders = WAARDEN.filter(([k]) => item[k] !== gedeclareerd[k]).map(([, naamVeld]) => naamVeld);
      return anders.length === 0
        ? []
        : [finding(TR367, item.path, `${naam(item)}: ${anders.join(', ')} differ from the declaratie answered`)];
    }),
});
